"""The paid-until and state rules, table-driven (DESIGN.md "Membership dues")."""

from __future__ import annotations

from datetime import date

import pytest

from communitydesk.domain import DuesPeriod, DuesState
from communitydesk.services.dues.standing import Cover, add_months, lapsed_on, standing_of, state_on

Y, M, L = DuesPeriod.YEAR, DuesPeriod.MONTH, DuesPeriod.LIFE
d = date.fromisoformat


@pytest.mark.parametrize(("label", "covers", "expected"), [
    ("one year", [Cover(d("2026-03-05"), Y)], d("2027-03-05")),
    ("early renewal adds to the end", [Cover(d("2026-03-05"), Y), Cover(d("2027-01-10"), Y)],
     d("2028-03-05")),
    ("late renewal after lapse starts on the payment day",
     [Cover(d("2024-03-05"), Y), Cover(d("2026-06-01"), Y)], d("2027-06-01")),
    ("month plan on 31 Jan ends 28 Feb", [Cover(d("2026-01-31"), M)], d("2026-02-28")),
    ("month plan on 31 Jan in a leap year", [Cover(d("2028-01-31"), M)], d("2028-02-29")),
    ("two months from 31 Jan", [Cover(d("2026-01-31"), M), Cover(d("2026-02-10"), M)], d("2026-03-28")),
    ("year from 29 Feb", [Cover(d("2028-02-29"), Y)], d("2029-02-28")),
    ("refunded in full covers nothing", [Cover(d("2026-03-05"), Y, refunded=True)], None),
    ("refund of the renewal only", [Cover(d("2026-03-05"), Y), Cover(d("2027-01-10"), Y, refunded=True)],
     d("2027-03-05")),
    ("order of entry does not matter", [Cover(d("2027-01-10"), Y), Cover(d("2026-03-05"), Y)],
     d("2028-03-05")),
    ("no plan on the payment", [Cover(d("2026-03-05"), None)], None),
])
def test_paid_until(label: str, covers: list[Cover], expected: date | None) -> None:
    assert standing_of(covers).paid_until == expected, label


@pytest.mark.parametrize(("paid_until", "on", "state"), [
    (d("2026-06-15"), d("2026-06-15"), DuesState.PAID),
    (d("2026-06-14"), d("2026-06-15"), DuesState.GRACE),
    (d("2026-05-16"), d("2026-06-15"), DuesState.GRACE),  # D - 30 days, the last day of grace
    (d("2026-05-15"), d("2026-06-15"), DuesState.LAPSED),
    (None, d("2026-06-15"), DuesState.NONE),
])
def test_state_on_a_date(paid_until: date | None, on: date, state: DuesState) -> None:
    from communitydesk.services.dues.standing import Standing

    assert state_on(Standing(paid_until), on, grace_days=30) is state


def test_life_never_expires_even_with_old_year_payments() -> None:
    standing = standing_of([Cover(d("2020-01-01"), Y), Cover(d("2021-01-01"), L)])
    assert standing.life
    assert state_on(standing, d("2090-01-01"), grace_days=30) is DuesState.LIFE
    assert lapsed_on(standing, grace_days=30) is None


def test_payments_after_the_date_do_not_count() -> None:
    covers = [Cover(d("2025-01-01"), Y), Cover(d("2026-07-01"), Y)]
    assert standing_of(covers, on=d("2026-06-15")).paid_until == d("2026-01-01")


def test_lapsed_on_is_the_day_after_grace() -> None:
    standing = standing_of([Cover(d("2025-01-01"), Y)])
    assert lapsed_on(standing, grace_days=30) == d("2026-02-01")
    assert state_on(standing, d("2026-02-01"), grace_days=30) is DuesState.LAPSED
    assert state_on(standing, d("2026-01-31"), grace_days=30) is DuesState.GRACE


def test_add_months_across_the_year() -> None:
    assert add_months(d("2026-12-31"), 1) == d("2027-01-31")
    assert add_months(d("2026-11-30"), 3) == d("2027-02-28")


def test_spans_give_the_same_standing_on_every_day() -> None:
    """The screen's one-pass spans agree with the rule applied payment by payment."""
    from datetime import timedelta

    from communitydesk.services.dues.standing import cover_spans, standing_from_spans

    covers = [Cover(d("2024-01-31"), M), Cover(d("2024-02-10"), Y), Cover(d("2025-06-01"), Y, refunded=True),
              Cover(d("2026-05-01"), Y), Cover(d("2027-03-01"), L), Cover(d("2026-05-01"), M)]
    spans = cover_spans(covers)
    day = d("2024-01-01")
    while day < d("2028-01-01"):
        assert standing_from_spans(spans, day) == standing_of(covers, on=day), day
        day += timedelta(days=9)
