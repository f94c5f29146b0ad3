"""Dates and times as the user's locale writes them: one short form and one long form.

Every screen formats through here, so "03/12/2026" on one page and "Thu 3 Dec 2026"
on another are the locale's two forms, never three home-made ones. Tests set a
fixed locale with ``QLocale.setDefault``.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime

NONE = "—"


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def _short(locale: QLocale) -> str:
    """The short date format; ISO where the computer names no language (LANG=C), whose
    own short form "4 03 2023" reads as nothing anyone writes."""
    if locale.language() == QLocale.Language.C:
        return "yyyy-MM-dd"
    return locale.dateFormat(QLocale.FormatType.ShortFormat)


def short_date_format() -> str:
    """The pattern date boxes show, the same as ``short_date`` writes."""
    return _short(QLocale())


# (locale, date or (hour, minute)) -> its text: a table paints the same few dates and times
# over and over, and each written afresh is four calls into Qt; a new locale has its own entries
_WRITTEN: dict[tuple[str, object], str] = {}
_WRITTEN_MAX = 20_000
_PATTERNS: dict[str, str] = {}  # locale -> its short date pattern


def _remember(key: tuple[str, object], text: str) -> str:
    if len(_WRITTEN) >= _WRITTEN_MAX:
        _WRITTEN.clear()
    _WRITTEN[key] = text
    return text


def short_date(value: date | datetime | None) -> str:
    """The locale's short date (en-GB: 03/12/2026), for table cells."""
    if value is None:
        return NONE
    day = value.date() if isinstance(value, datetime) else value
    locale = QLocale()
    name = locale.bcp47Name()
    key = (name, day)
    text = _WRITTEN.get(key)
    if text is None:
        pattern = _PATTERNS.get(name)
        if pattern is None:
            pattern = _PATTERNS[name] = _short(locale)
        text = _remember(key, locale.toString(_qdate(day), pattern))
    return text


def long_date(value: date | datetime | None) -> str:
    """The locale's long date (en-GB: Thursday 3 December 2026), for headings and labels."""
    if value is None:
        return NONE
    day = value.date() if isinstance(value, datetime) else value
    return QLocale().toString(_qdate(day), QLocale.FormatType.LongFormat)


def time_of_day(value: datetime) -> str:
    """The locale's short time (en-GB: 19:00; en-US: 7:00 PM)."""
    locale = QLocale()
    key = (locale.bcp47Name(), (value.hour, value.minute))
    text = _WRITTEN.get(key)
    if text is None:
        text = _remember(key, locale.toString(QTime(value.hour, value.minute), QLocale.FormatType.ShortFormat))
    return text


def short_datetime(value: datetime | None) -> str:
    """Short date and time, for table cells (en-GB: 03/12/2026 19:00)."""
    if value is None:
        return NONE
    key = (QLocale().bcp47Name(), value.replace(second=0, microsecond=0))  # the minute shown
    text = _WRITTEN.get(key)
    return text if text is not None else _remember(key, f"{short_date(value)} {time_of_day(value)}")


def long_datetime(value: datetime | None) -> str:
    """Long date and time, for headings (en-GB: Thursday 3 December 2026, 19:00)."""
    if value is None:
        return NONE
    return f"{long_date(value)}, {time_of_day(value)}"


def to_qdatetime(value: datetime) -> QDateTime:
    return QDateTime(_qdate(value.date()), QTime(value.hour, value.minute, value.second))


def from_qdatetime(value: QDateTime) -> datetime:
    d, t = value.date(), value.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())
