"""Month, financial-quarter and financial-year periods."""

from __future__ import annotations

from datetime import date

import pytest

from communitydesk.errors import UserError
from communitydesk.services.reports.periods import Period, months_between, preset_period


def _p(key: str, today: date, month: int = 4) -> tuple[date | None, date | None]:
    p = preset_period(key, today=today, financial_year_start_month=month)
    return p.start, p.end


def test_months() -> None:
    assert _p("this_month", date(2026, 2, 14)) == (date(2026, 2, 1), date(2026, 2, 28))
    assert _p("last_month", date(2026, 1, 5)) == (date(2025, 12, 1), date(2025, 12, 31))


def test_financial_year_and_quarters_follow_the_start_month() -> None:
    assert _p("this_financial_year", date(2026, 3, 31)) == (date(2025, 4, 1), date(2026, 3, 31))
    assert _p("this_financial_year", date(2026, 4, 1)) == (date(2026, 4, 1), date(2027, 3, 31))
    assert _p("last_financial_year", date(2026, 6, 15)) == (date(2025, 4, 1), date(2026, 3, 31))
    assert _p("this_financial_year", date(2026, 6, 15), 1) == (date(2026, 1, 1), date(2026, 12, 31))
    assert _p("this_quarter", date(2026, 6, 15)) == (date(2026, 4, 1), date(2026, 6, 30))
    assert _p("last_quarter", date(2026, 6, 15)) == (date(2026, 1, 1), date(2026, 3, 31))
    assert _p("this_quarter", date(2026, 10, 2), 9) == (date(2026, 9, 1), date(2026, 11, 30))
    label = preset_period("this_financial_year", today=date(2026, 6, 15), financial_year_start_month=4).label
    assert label == "Financial year 2026/27"


def test_bad_periods() -> None:
    with pytest.raises(UserError):
        Period(date(2026, 2, 1), date(2026, 1, 1))
    with pytest.raises(UserError):
        _p("fortnight", date(2026, 1, 1))
    assert months_between(date(2025, 11, 20), date(2026, 2, 1)) == [
        date(2025, 11, 1), date(2025, 12, 1), date(2026, 1, 1), date(2026, 2, 1)]
