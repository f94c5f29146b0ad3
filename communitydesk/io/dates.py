"""Read the dates people type in spreadsheets: ISO, or day-first the UK way (US with monthfirst).

Why not dateutil: its guesses silently swap day and month ("06/01/2026" as
1 June or 6 January); here a date is either read by one explicit rule or refused.
"""

from __future__ import annotations

import re
from datetime import date

_TIME = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})" + _TIME)
_NUMERIC = re.compile(r"(\d{1,2})([/.\-])(\d{1,2})\2(\d{4}|\d{2})" + _TIME)


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 70 else 1900
    return year


def _make(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_date(text: str, *, monthfirst: bool = False) -> date | None:
    """``2026-01-31``, ``31/01/2026``, ``31/01/26``, ``31.01.2026`` (or US order); None if not a date.

    A time after the date (``2026-01-31 19:00`` or ``T00:00:00``) is accepted
    and dropped, because spreadsheets add midnight to date cells.
    """
    text = text.strip()
    match = _ISO.fullmatch(text)
    if match:
        return _make(int(match[1]), int(match[2]), int(match[3]))
    match = _NUMERIC.fullmatch(text)
    if match:
        first, second, year = int(match[1]), int(match[3]), _year(match[4])
        day, month = (second, first) if monthfirst else (first, second)
        return _make(year, month, day)
    return None
