"""Sign-in sheet numbers hold: fixed when first shown, kept by reprints, additions go last."""

from __future__ import annotations

import threading
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from communitydesk.config import Paths
from communitydesk.db.engine import Database, open_database
from communitydesk.db.models import SheetNumber
from communitydesk.errors import UserError
from communitydesk.services.attendance.expected import expected_people
from communitydesk.services.attendance.register import add_guest, open_register, register_rows
from communitydesk.services.attendance.sheet_numbers import fix_sheet_numbers, person_at_row
from communitydesk.services.meetings.documents import sign_in_sheet_data
from communitydesk.services.meetings.planning import add_meeting
from communitydesk.services.members.records import add_member
from communitydesk.services.privacy.erasure import erase_member

NAMES = [("Łukasz", "Wróbel"), ("Zoë", "Hughes"), ("Şükrü", "Demir"), ("Ana", "Abbott"), ("Ivan", "Petrov")]


def _group(session, n: int = 5) -> tuple[int, list[int]]:  # noqa: ANN001 - a Session
    ids = [add_member(session, first_name=f, last_name=last).id for f, last in NAMES[:n]]
    return add_meeting(session, title="General meeting", starts_at=datetime(2026, 3, 5, 19)).id, ids


def _names(people) -> list[tuple[int, str]]:  # noqa: ANN001 - ExpectedPerson or RegisterRow
    return [(p.number, p.last_name) for p in people]


def test_numbers_fixed_on_print_survive_additions_and_reprints(any_db: Database) -> None:
    with any_db.session() as s:
        meeting_id, _ids = _group(s)
        printed = sign_in_sheet_data(s, meeting_id).people
        assert [(p.number, p.name) for p in printed][:2] == [(1, "Ana Abbott"), (2, "Şükrü Demir")]
    with any_db.session() as s:
        add_member(s, first_name="Aaron", last_name="Aardvark")  # sorts first
        add_guest(s, meeting_id, first_name="Bea", last_name="Baker")  # a newcomer at the door
        people = expected_people(s, meeting_id)
        assert _names(people) == [(1, "Abbott"), (2, "Demir"), (3, "Hughes"), (4, "Petrov"),
                                  (5, "Wróbel"), (6, "Aardvark"), (7, "Baker")]
        assert [p.fixed for p in people] == [True] * 5 + [False] * 2
        assert s.scalar(select(func.count()).select_from(SheetNumber)) == 5  # reading wrote nothing
        reprint = sign_in_sheet_data(s, meeting_id).people
        assert [(p.number, p.name) for p in reprint][:5] == [(p.number, p.name) for p in printed]
        assert [p.name for p in reprint[5:]] == ["Aaron Aardvark", "Bea Baker"]
    with any_db.session() as s:
        add_member(s, first_name="Abe", last_name="Aardman")
        assert _names(open_register(s, meeting_id))[-1] == (8, "Aardman")  # the register fixes too
        assert person_at_row(s, meeting_id, 4).last_name == "Petrov"
        assert all(p.fixed for p in expected_people(s, meeting_id))


def test_an_erased_person_leaves_a_gap_not_a_shift(db: Database) -> None:
    with db.session() as s:
        meeting_id, ids = _group(s)
        fix_sheet_numbers(s, meeting_id)
        erase_member(s, ids[2])  # Demir, row 2
        assert _names(register_rows(s, meeting_id)) == [(1, "Abbott"), (3, "Hughes"), (4, "Petrov"),
                                                        (5, "Wróbel")]
        with pytest.raises(UserError, match=r"rows 1–5 \(that row's person has since been erased\)"):
            person_at_row(s, meeting_id, 2)
        with pytest.raises(UserError, match="row 9: the sign-in sheet for meeting .* has rows 1–5$"):
            person_at_row(s, meeting_id, 9)
        add_member(s, first_name="Cy", last_name="Cole")
        assert _names(open_register(s, meeting_id))[-1] == (6, "Cole")  # never reuses number 2


def test_a_lapsed_member_keeps_their_printed_row(db: Database) -> None:
    """Someone printed at row 3 who is no longer expected is still row 3 on the register."""
    from communitydesk.services.members.records import update_member

    with db.session() as s:
        meeting_id, ids = _group(s)
        fix_sheet_numbers(s, meeting_id)
        update_member(s, ids[1], {"status": "lapsed"})
        assert _names(register_rows(s, meeting_id))[2] == (3, "Hughes")


def test_numbers_are_per_meeting_and_go_with_it(db: Database) -> None:
    with db.session() as s:
        meeting_id, _ids = _group(s, 3)
        other = add_meeting(s, title="Committee", starts_at=datetime(2026, 3, 12, 19)).id
        fix_sheet_numbers(s, meeting_id)
        add_member(s, first_name="Aaron", last_name="Aardvark")
        assert _names(fix_sheet_numbers(s, other))[0] == (1, "Aardvark")
        assert _names(register_rows(s, meeting_id))[-1] == (4, "Aardvark")


def test_a_read_only_copy_prints_without_storing(db: Database, paths: Paths, tmp_path: Path) -> None:
    with db.session() as s:
        meeting_id, _ids = _group(s)
    reader = open_database(str(db.sqlite_path), backups_dir=paths.backups_dir,
                           read_only_reason="another copy is open")
    try:
        with reader.session() as s:
            assert len(sign_in_sheet_data(s, meeting_id).people) == 5
    finally:
        reader.dispose()
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(SheetNumber)) == 0


@pytest.mark.postgres
def test_two_writers_at_once_agree_on_one_numbering(pg_db: Database) -> None:
    """Two laptops open the same register at the same moment: one numbering, no clash."""
    with pg_db.session() as s:
        meeting_id, _ids = _group(s, 4)
    seen: dict[str, list] = {}

    def second_laptop() -> None:
        with pg_db.session() as b:
            add_member(b, first_name="Aaron", last_name="Aardvark")
            seen["second"] = fix_sheet_numbers(b, meeting_id)

    with pg_db.session() as a:
        seen["first"] = fix_sheet_numbers(a, meeting_id)
        other = threading.Thread(target=second_laptop)
        other.start()
        other.join(timeout=1.0)
        assert other.is_alive(), "the second writer waits for the first one's numbers"
    other.join(timeout=30)
    assert _names(seen["first"]) == [(1, "Abbott"), (2, "Demir"), (3, "Hughes"), (4, "Wróbel")]
    assert _names(seen["second"]) == [*_names(seen["first"]), (5, "Aardvark")]
    with pg_db.session() as s:
        assert _names(expected_people(s, meeting_id)) == _names(seen["second"])


def test_printing_the_pack_fixes_the_numbers_too(db: Database) -> None:
    from communitydesk.services.meetings.documents import meeting_pack_data

    with db.session() as s:
        meeting_id, _ids = _group(s)
        assert s.scalar(select(func.count()).select_from(SheetNumber)) == 0
        pack = meeting_pack_data(s, meeting_id)
        assert [p.number for p in pack.sign_in.people] == [1, 2, 3, 4, 5]
        assert s.scalar(select(func.count()).select_from(SheetNumber)) == 5


@pytest.mark.postgres
def test_first_numbering_on_a_server_costs_no_savepoint_round_trips(pg_db: Database) -> None:
    """#14: on a shared server every statement is a round trip. The meeting's row lock already
    keeps a second writer out, so numbering sends the lock, the order and one INSERT — no
    SAVEPOINT/RELEASE pair (40 ms at a 20 ms round trip)."""
    from sqlalchemy import event

    with pg_db.session() as s:
        meeting_id, _ids = _group(s)
    sent: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:  # noqa: ANN001 - SQLAlchemy event
        sent.append(statement.split()[0].upper())

    event.listen(pg_db.engine, "before_cursor_execute", record)
    try:
        with pg_db.session() as s:
            people = fix_sheet_numbers(s, meeting_id)
    finally:
        event.remove(pg_db.engine, "before_cursor_execute", record)
    assert _names(people)[:2] == [(1, "Abbott"), (2, "Demir")]
    assert "SAVEPOINT" not in sent and "RELEASE" not in sent, sent
    assert sent.count("INSERT") == 1
    with pg_db.session() as s:
        assert s.scalar(select(func.count()).select_from(SheetNumber)) == 5


def test_no_motions_no_round_trips_for_them(db: Database) -> None:
    """#14: a pack reads the meeting's motions twice; with none there is nothing to ask about
    their proposers or votes."""
    from sqlalchemy import event

    from communitydesk.services.meetings.documents import meeting_pack_data

    with db.session() as s:
        meeting_id, _ids = _group(s)
    sent: list[str] = []
    event.listen(db.engine, "before_cursor_execute", lambda _c, _cur, statement, *_a: sent.append(statement))
    with db.session() as s:
        meeting_pack_data(s, meeting_id)
    assert not [st for st in sent if "motion_votes" in st or "1!=1" in st.replace(" ", "")], sent
