"""`members merge` moves dues: payments follow the kept person, and two plans do not clash."""

from __future__ import annotations

from datetime import date

from communitydesk.db.engine import Database
from communitydesk.services.dues.payments import member_payments, record_payment
from communitydesk.services.dues.plans import add_plan, member_plan
from communitydesk.services.members.duplicates import merge_members
from communitydesk.services.members.records import add_member


def test_merge_moves_payments_and_keeps_one_plan(db: Database) -> None:
    with db.session() as s:
        add_plan(s, name="Standard", amount="12", period="year")
        add_plan(s, name="Concession", amount="3", period="year")
        keep = add_member(s, first_name="Ana", last_name="Silva").id
        other = add_member(s, first_name="Ana", last_name="Silva").id
        record_payment(s, keep, amount="12", paid_on=date(2026, 1, 5), plan_name="Standard")
        record_payment(s, other, amount="3", paid_on=date(2026, 2, 5), plan_name="Concession")
    with db.session() as s:
        merge_members(s, keep, other)
    with db.session() as s:
        assert [p.receipt_number for p in member_payments(s, keep)] == [2, 1]
        assert member_plan(s, keep).name == "Standard"
