"""Report periods a treasurer thinks in: this month, a quarter, the financial year, custom.

Quarters follow the financial year (a year starting in April has quarters
Apr–Jun, Jul–Sep, …), so "this quarter" lines up with the treasurer's books.
Every period is inclusive on both ends and compares meetings' local start dates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from communitydesk.errors import UserError

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

PRESETS = (
    ("this_month", "This month"),
    ("last_month", "Last month"),
    ("this_quarter", "This quarter"),
    ("last_quarter", "Last quarter"),
    ("this_financial_year", "This financial year"),
    ("last_financial_year", "Last financial year"),
    ("custom", "Custom dates"),
)


@dataclass(frozen=True)
class Period:
    start: date | None
    end: date | None
    label: str = ""

    def __post_init__(self) -> None:
        if self.start and self.end and self.end < self.start:
            raise UserError(f"--to {self.end} is before --from {self.start}")

    def describe(self) -> str:
        if self.label:
            return self.label
        if self.start and self.end:
            return f"{self.start:%d %b %Y} – {self.end:%d %b %Y}"
        if self.start:
            return f"from {self.start:%d %b %Y}"
        if self.end:
            return f"up to {self.end:%d %b %Y}"
        return "all time"

    def span(self) -> str:
        """Dates only (for subtitles next to a label)."""
        return Period(self.start, self.end).describe()


def add_months(day: date, months: int) -> date:
    """First of the month ``months`` after ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _month_end(first: date, months: int) -> date:
    return add_months(first, months) - timedelta(days=1)


def month_period(today: date, *, offset: int = 0) -> Period:
    start = add_months(today, offset)
    return Period(start, _month_end(start, 1), f"{MONTHS[start.month - 1]} {start.year}")


def financial_year_start(today: date, start_month: int) -> date:
    if not 1 <= start_month <= 12:
        raise UserError(f"financial year start month {start_month} is not 1–12")
    year = today.year if today.month >= start_month else today.year - 1
    return date(year, start_month, 1)


def financial_year_label(start: date) -> str:
    if start.month == 1:
        return f"Financial year {start.year}"
    return f"Financial year {start.year}/{(start.year + 1) % 100:02d}"


def financial_year_period(today: date, start_month: int, *, offset: int = 0) -> Period:
    start = add_months(financial_year_start(today, start_month), 12 * offset)
    return Period(start, _month_end(start, 12), financial_year_label(start))


def quarter_period(today: date, start_month: int, *, offset: int = 0) -> Period:
    fy_start = financial_year_start(today, start_month)
    months_in = (today.year * 12 + today.month) - (fy_start.year * 12 + fy_start.month)
    start = add_months(fy_start, (months_in // 3 + offset) * 3)
    end = _month_end(start, 3)
    label = f"{MONTHS[start.month - 1]}–{MONTHS[end.month - 1]} {end.year}"
    return Period(start, end, label)


def preset_period(key: str, *, today: date, financial_year_start_month: int) -> Period:
    """The period for a preset key (see ``PRESETS``); "custom" is not a preset."""
    m = financial_year_start_month
    makers = {
        "this_month": lambda: month_period(today),
        "last_month": lambda: month_period(today, offset=-1),
        "this_quarter": lambda: quarter_period(today, m),
        "last_quarter": lambda: quarter_period(today, m, offset=-1),
        "this_financial_year": lambda: financial_year_period(today, m),
        "last_financial_year": lambda: financial_year_period(today, m, offset=-1),
    }
    if key not in makers:
        raise UserError(f"period: {key!r} is not one of {', '.join(makers)}")
    return makers[key]()


def months_between(start: date, end: date) -> list[date]:
    """First day of every month from ``start``'s month to ``end``'s month."""
    months = []
    current = date(start.year, start.month, 1)
    while current <= end:
        months.append(current)
        current = add_months(current, 1)
    return months
