"""Paid-up members on a date and over a year (funder and AGM figures)."""

from __future__ import annotations

from datetime import date

from communitydesk.db.engine import Database
from communitydesk.domain import DuesPeriod
from communitydesk.services.dues.payments import record_payment, refund_payment
from communitydesk.services.dues.plans import add_plan
from communitydesk.services.dues.standing import Cover, paid_up_between
from communitydesk.services.members.records import add_member
from communitydesk.services.reports.figures import paid_up_members

d = date.fromisoformat


def test_paid_up_between_spans() -> None:
    year = [Cover(d("2025-03-01"), DuesPeriod.YEAR)]
    assert paid_up_between(year, d("2026-03-01"), d("2026-03-01"))
    assert not paid_up_between(year, d("2026-03-02"), d("2026-12-31"))
    assert paid_up_between(year, d("2026-01-01"), d("2026-12-31"))
    assert not paid_up_between(year, d("2024-01-01"), d("2025-02-28"))
    assert paid_up_between([Cover(d("2020-01-01"), DuesPeriod.LIFE)], d("2030-01-01"), d("2030-01-01"))


def test_paid_up_figures_for_a_year(db: Database) -> None:
    with db.session() as s:
        add_plan(s, name="Standard", amount="12", period="year")
        add_plan(s, name="Life", amount="100", period="life")
        for first in ("Ada", "Bo", "Cy", "Di", "Ed"):
            add_member(s, first_name=first, last_name="X")
        record_payment(s, 1, amount="12", paid_on=d("2025-06-01"), plan_name="Standard")  # lapses mid-2026
        record_payment(s, 2, amount="12", paid_on=d("2026-02-01"), plan_name="Standard")  # paid all year end
        record_payment(s, 3, amount="100", paid_on=d("2019-01-01"), plan_name="Life")
        gone = record_payment(s, 4, amount="12", paid_on=d("2026-03-01"), plan_name="Standard")
        refund_payment(s, gone.id, paid_on=d("2026-03-02"))  # refunded: never paid up
        figures = paid_up_members(s, d("2026-01-01"), d("2026-12-31"))
    assert (figures.on_end_date, figures.during_period) == (2, 3)  # Bo and Cy; and Ada until June
    assert figures.to_json()["paid_up_during_period"] == 3
