"""Read the dates people type in spreadsheets: ISO, or day-first the UK way (US with monthfirst).

Why not dateutil: its guesses silently swap day and month ("06/01/2026" as
1 June or 6 January); here a date is either read by one explicit rule or refused.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time

from communitydesk.errors import UserError
from communitydesk.i18n import _

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


_CLOCK = re.compile(r"(.+?)[ T](\d{1,2}):(\d{2})(?::(\d{2}))?")


def parse_day(text: str, *, field: str = "date") -> date:
    """A date a person typed: ISO ``2026-12-10`` or the day-first ``10/12/2026`` (also ``10.12.2026``).

    The one parser behind every date option of the command line and the services;
    a bad value is a UserError naming the option and both accepted forms.
    """
    day = parse_date(text or "")
    if day is None or _CLOCK.fullmatch((text or "").strip()):
        raise UserError(_("{field}: {value} is not a date like 2026-12-10 or 10/12/2026").format(
            field=field, value=repr(text)))
    return day


def parse_when(text: str, *, field: str = "date") -> datetime:
    """A date and time a person typed: ``2026-12-10 19:00``, ``2026-12-10T19:00``,
    ``10/12/2026 19:00``; a plain date means midnight."""
    cleaned = (text or "").strip()
    clock = _CLOCK.fullmatch(cleaned)
    day = parse_date(clock[1] if clock else cleaned)
    try:
        if day is not None and clock:
            return datetime.combine(day, time(int(clock[2]), int(clock[3]), int(clock[4] or 0)))
        if day is not None:
            return datetime.combine(day, time())
    except ValueError:
        pass
    raise UserError(_("{field}: {value} is not a date and time like 2026-12-10 19:00 "
                      "or 10/12/2026 19:00").format(field=field, value=repr(text)))
