"""Report periods a treasurer thinks in: this month, a quarter, the financial year, custom.

Quarters follow the financial year (a year starting in April has quarters
Apr–Jun, Jul–Sep, …), so "this quarter" lines up with the treasurer's books.
Every period is inclusive on both ends and compares meetings' local start dates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol

from babel.dates import format_date

from communitydesk.errors import UserError
from communitydesk.i18n import N_, PSEUDO_LANGUAGE, SOURCE_LANGUAGE, _, translator

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

PRESETS = (
    ("this_month", N_("This month")),
    ("last_month", N_("Last month")),
    ("this_quarter", N_("This quarter")),
    ("last_quarter", N_("Last quarter")),
    ("this_financial_year", N_("This financial year")),
    ("last_financial_year", N_("Last financial year")),
    ("custom", N_("Custom dates")),
)


class PeriodWords(Protocol):
    """A reader's words for a period: their catalogue and their month names (``PrintedLanguage``
    on paper, ``ReportWords`` in a workbook)."""

    def _(self, message: str) -> str: ...

    def pattern(self, day: date, english: str, cldr: str) -> str: ...


@dataclass(frozen=True)
class ReportWords:
    """``PeriodWords`` for a language code, where ReportLab is not loaded (the funder workbook)."""

    code: str = SOURCE_LANGUAGE

    @property
    def english(self) -> bool:
        return self.code in (SOURCE_LANGUAGE, PSEUDO_LANGUAGE)

    def _(self, message: str) -> str:
        return translator(self.code).gettext(message)

    def pattern(self, day: date, english: str, cldr: str) -> str:
        return day.strftime(english) if self.english else format_date(day, cldr, locale=self.code)


@dataclass(frozen=True)
class Period:
    start: date | None
    end: date | None
    label: str = ""  # English, stable: "This month", "Jun 2026", "Apr–Jun 2026", "Financial year 2026/27"
    kind: str = ""  # "month", "quarter" or "financial_year" when ``label`` names such a period

    def __post_init__(self) -> None:
        if self.start and self.end and self.end < self.start:
            raise UserError(_("--to {end} is before --from {start}").format(end=self.end, start=self.start))

    def name(self, words: PeriodWords | None = None) -> str:
        """The period's name in the reader's language ("czerwiec 2026", "Rok obrachunkowy
        2026/27"); "" when it has none (custom dates)."""
        words = words or ReportWords()
        if self.kind == "month" and self.start:
            return words.pattern(self.start, "%b %Y", "LLL y")
        if self.kind == "quarter" and self.start and self.end:
            return words._("{first}–{last} {year}").format(
                first=words.pattern(self.start, "%b", "LLL"), last=words.pattern(self.end, "%b", "LLL"),
                year=self.end.year)
        if self.kind == "financial_year" and self.start:
            return words._("Financial year {years}").format(years=_financial_years(self.start))
        return words._(self.label) if self.label else ""

    def describe(self, words: PeriodWords | None = None) -> str:
        """The name, else the dates, in the reader's language (English by default)."""
        return self.name(words) or self.span(words)

    def span(self, words: PeriodWords | None = None) -> str:
        """Dates only (for subtitles next to a label)."""
        words = words or ReportWords()

        def day(value: date) -> str:
            return words.pattern(value, "%d %b %Y", "d MMM y")

        if self.start and self.end:
            return words._("{start} – {end}").format(start=day(self.start), end=day(self.end))
        if self.start:
            return words._("from {date}").format(date=day(self.start))
        if self.end:
            return words._("up to {date}").format(date=day(self.end))
        return words._("all time")


def add_months(day: date, months: int) -> date:
    """First of the month ``months`` after ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _month_end(first: date, months: int) -> date:
    return add_months(first, months) - timedelta(days=1)


def month_period(today: date, *, offset: int = 0) -> Period:
    start = add_months(today, offset)
    return Period(start, _month_end(start, 1), f"{MONTHS[start.month - 1]} {start.year}", "month")


def financial_year_start(today: date, start_month: int) -> date:
    if not 1 <= start_month <= 12:
        raise UserError(_("financial year start month {start_month} is not 1–12").format(start_month=start_month))
    year = today.year if today.month >= start_month else today.year - 1
    return date(year, start_month, 1)


def _financial_years(start: date) -> str:
    """"2026" for a calendar year, "2026/27" for one starting in another month."""
    return str(start.year) if start.month == 1 else f"{start.year}/{(start.year + 1) % 100:02d}"


def financial_year_label(start: date) -> str:
    """English and stable (the window reads it back); ``Period.name`` gives the reader's words."""
    return f"Financial year {_financial_years(start)}"


def financial_year_period(today: date, start_month: int, *, offset: int = 0) -> Period:
    start = add_months(financial_year_start(today, start_month), 12 * offset)
    return Period(start, _month_end(start, 12), financial_year_label(start), "financial_year")


def quarter_period(today: date, start_month: int, *, offset: int = 0) -> Period:
    fy_start = financial_year_start(today, start_month)
    months_in = (today.year * 12 + today.month) - (fy_start.year * 12 + fy_start.month)
    start = add_months(fy_start, (months_in // 3 + offset) * 3)
    end = _month_end(start, 3)
    label = f"{MONTHS[start.month - 1]}–{MONTHS[end.month - 1]} {end.year}"
    return Period(start, end, label, "quarter")


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
        raise UserError(_("period: {key!r} is not one of {choices}").format(key=key, choices=', '.join(makers)))
    return makers[key]()


def months_between(start: date, end: date) -> list[date]:
    """First day of every month from ``start``'s month to ``end``'s month."""
    months = []
    current = date(start.year, start.month, 1)
    while current <= end:
        months.append(current)
        current = add_months(current, 1)
    return months
