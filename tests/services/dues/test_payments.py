"""Payments on a real database: receipts, plans, refunds, audited edits, bad amounts."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from communitydesk.db.engine import Database
from communitydesk.db.models import AuditEntry, DuesPayment
from communitydesk.domain import DuesState
from communitydesk.errors import ConflictError, UserError
from communitydesk.services.dues.payments import edit_payment, record_payment, refund_payment
from communitydesk.services.dues.plans import add_plan, member_plan
from communitydesk.services.dues.status import dues_status
from communitydesk.services.members.records import add_member

d = date.fromisoformat


@pytest.fixture
def book(any_db: Database) -> Database:
    with any_db.session() as s:
        add_plan(s, name="Standard", amount="12.00", period="year")
        add_plan(s, name="Monthly", amount="1.50", period="month")
        add_plan(s, name="Life", amount="100", period="life")
        add_plan(s, name="Waived", amount="0", period="year")
        add_member(s, first_name="Łukasz", last_name="Nowak")
        add_member(s, first_name="Zoë", last_name="Adams")
    return any_db


def test_payment_gets_receipt_and_paid_until(book: Database) -> None:
    with book.session() as s:
        first = record_payment(s, 1, amount="12", paid_on=d("2026-03-05"), plan_name="standard")
        second = record_payment(s, 1, amount="12.00", paid_on=d("2027-01-10"))  # the member's plan
    assert (first.receipt_number, second.receipt_number) == (1, 2)
    assert first.amount == Decimal("12.00") and first.plan == "Standard"
    assert second.paid_until == d("2028-03-05")
    with book.session() as s:
        assert member_plan(s, 1).name == "Standard"


def test_refund_keeps_the_trail_and_removes_the_cover(book: Database) -> None:
    with book.session() as s:
        paid = record_payment(s, 1, amount="12", paid_on=d("2026-03-05"), plan_name="Standard")
        refund = refund_payment(s, paid.id, paid_on=d("2026-03-20"))
    assert refund.amount == Decimal("-12.00") and refund.refund_of_id == paid.id
    assert refund.receipt_number == paid.receipt_number + 1
    assert refund.paid_until is None
    with book.session() as s:
        with pytest.raises(UserError, match="left to refund"):
            refund_payment(s, paid.id, paid_on=d("2026-03-21"))
        rows = dues_status(s, on=d("2026-06-15"))
    assert [(r.name, r.state) for r in rows] == [("Łukasz Nowak", DuesState.NONE)]


def test_partial_refund_keeps_the_cover(book: Database) -> None:
    with book.session() as s:
        paid = record_payment(s, 1, amount="12", paid_on=d("2026-03-05"), plan_name="Standard")
        refund = refund_payment(s, paid.id, paid_on=d("2026-03-20"), amount="2.00")
    assert refund.paid_until == d("2027-03-05")


@pytest.mark.parametrize(("amount", "words"), [
    ("12.345", "more than two decimal places"), ("-12", "negative"), ("0", "more than 0")])
def test_bad_amounts_are_refused_and_take_no_number(book: Database, amount: str, words: str) -> None:
    with book.session() as s, pytest.raises(UserError, match=words):
        record_payment(s, 1, amount=amount, paid_on=d("2026-03-05"), plan_name="Standard")
    with book.session() as s:
        assert record_payment(s, 1, amount="12", paid_on=d("2026-03-05"),
                              plan_name="Standard").receipt_number == 1


def test_zero_is_fine_on_a_waived_plan(book: Database) -> None:
    with book.session() as s:
        assert record_payment(s, 2, amount="0", paid_on=d("2026-03-05"),
                              plan_name="Waived").paid_until == d("2027-03-05")


def test_no_plan_asks_for_one(book: Database) -> None:
    with book.session() as s:
        with pytest.raises(UserError, match="has no plan yet"):
            record_payment(s, 2, amount="12", paid_on=d("2026-03-05"))
        with pytest.raises(UserError, match="no plan called"):
            record_payment(s, 2, amount="12", paid_on=d("2026-03-05"), plan_name="Gold")


def test_states_on_a_date(book: Database) -> None:
    with book.session() as s:
        record_payment(s, 1, amount="100", paid_on=d("2020-01-01"), plan_name="Life")
        record_payment(s, 2, amount="12", paid_on=d("2025-06-01"), plan_name="Standard")
        rows = {r.name: r for r in dues_status(s, on=d("2026-06-15"))}
    assert rows["Łukasz Nowak"].state is DuesState.LIFE
    assert rows["Zoë Adams"].state is DuesState.GRACE and rows["Zoë Adams"].paid_until == d("2026-06-01")
    with book.session() as s:
        later = {r.name: r for r in dues_status(s, on=d("2026-08-01"))}
    assert later["Zoë Adams"].state is DuesState.LAPSED
    assert later["Zoë Adams"].lapsed_on == d("2026-07-02")


def test_edits_are_audited_and_versioned(book: Database) -> None:
    with book.session() as s:
        paid = record_payment(s, 1, amount="12", paid_on=d("2026-03-05"), plan_name="Standard")
    with book.session() as s:
        edited = edit_payment(s, paid.id, expected_version=paid.version, reference="cheque 000123",
                              method="cheque")
    assert edited.receipt_number == paid.receipt_number and edited.reference == "cheque 000123"
    with book.session() as s, pytest.raises(ConflictError):
        edit_payment(s, paid.id, expected_version=paid.version, reference="stale")
    with book.session() as s:
        entries = s.execute(select(AuditEntry.action, AuditEntry.changes)
                            .where(AuditEntry.entity == "dues_payment")).all()
        stored = s.scalar(select(DuesPayment.amount_minor))
    assert ("insert", None) in entries
    assert ("update", json.dumps(["method", "reference"])) in entries
    assert stored == 1200  # integer minor units in the database
