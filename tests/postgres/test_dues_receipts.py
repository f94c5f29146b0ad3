"""Two treasurers recording payments at once on PostgreSQL: distinct consecutive receipt numbers."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date

import pytest

from communitydesk.db.engine import Database, open_database
from communitydesk.services.dues.payments import record_payment
from communitydesk.services.dues.plans import add_plan
from communitydesk.services.members.records import add_member

pytestmark = pytest.mark.postgres


@pytest.fixture
def second_treasurer(pg_db: Database, paths) -> Iterator[Database]:
    other = open_database(pg_db.url, backups_dir=paths.backups_dir)
    other.set_audit_user("second-treasurer")
    yield other
    other.dispose()


def test_second_treasurer_waits_for_the_first_and_gets_the_next_number(
        pg_db: Database, second_treasurer: Database) -> None:
    with pg_db.session() as s:
        add_plan(s, name="Standard", amount="12", period="year")
        add_member(s, first_name="Ada", last_name="One")
        add_member(s, first_name="Bo", last_name="Two")
    got: dict[str, int] = {}
    with pg_db.session() as first:
        got["first"] = record_payment(first, 1, amount="12", paid_on=date(2026, 6, 1),
                                      plan_name="Standard").receipt_number
        # The first treasurer's transaction is still open: the second must wait on the counter lock.

        def second() -> None:
            with second_treasurer.session() as s:
                got["second"] = record_payment(s, 2, amount="12", paid_on=date(2026, 6, 1),
                                               plan_name="Standard").receipt_number

        worker = threading.Thread(target=second)
        worker.start()
        worker.join(timeout=1.0)
        assert worker.is_alive(), "the second treasurer did not wait for the counter lock"
    worker.join(timeout=30)
    assert got == {"first": 1, "second": 2}


def test_many_payments_at_once_are_numbered_without_gaps(
        pg_db: Database, second_treasurer: Database) -> None:
    with pg_db.session() as s:
        add_plan(s, name="Standard", amount="12", period="year")
        for i in range(4):
            add_member(s, first_name=f"Person{i}", last_name="Payer")
    numbers: list[int] = []
    lock = threading.Lock()
    start = threading.Barrier(2)

    def treasurer(database: Database, members: tuple[int, ...]) -> None:
        start.wait()
        for _round in range(10):
            for member_id in members:
                with database.session() as s:
                    number = record_payment(s, member_id, amount="12", paid_on=date(2026, 6, 1),
                                            plan_name="Standard").receipt_number
                with lock:
                    numbers.append(number)

    workers = [threading.Thread(target=treasurer, args=(pg_db, (1, 2))),
               threading.Thread(target=treasurer, args=(second_treasurer, (3, 4)))]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=120)
    assert sorted(numbers) == list(range(1, 41))
