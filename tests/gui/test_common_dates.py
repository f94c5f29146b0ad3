"""Dates on screen follow the user's locale, also after it changes: the forms are kept per
locale (a table paints the same dates over and over), never across one."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QLocale

from communitydesk.gui.common.dates import short_date, short_datetime, time_of_day


def test_a_locale_change_changes_the_dates_and_times_shown(qapp) -> None:  # noqa: ANN001
    previous = QLocale()
    day, evening = date(2026, 3, 4), datetime(2026, 3, 4, 19, 5)
    try:
        QLocale.setDefault(QLocale("en_GB"))
        assert short_date(day) == "04/03/2026"
        assert time_of_day(evening) == "19:05"
        QLocale.setDefault(QLocale("en_US"))
        assert short_date(day) == "3/4/26"
        assert time_of_day(evening).replace("\u202f", " ") == "7:05 PM"
        QLocale.setDefault(QLocale.c())
        assert short_date(day) == "2026-03-04"
        QLocale.setDefault(QLocale("en_GB"))
        assert short_datetime(evening) == "04/03/2026 19:05"
        assert short_date(datetime(2026, 3, 4, 8, 0)) == "04/03/2026"
        assert short_date(None) == "—"
        assert short_date(date(2026, 3, 5)) == "05/03/2026"  # a date and the same day's midnight
        assert short_datetime(datetime(2026, 3, 5)) == "05/03/2026 00:00"  # are kept apart
        assert short_datetime(datetime(2026, 3, 5, 0, 0, 59)) == "05/03/2026 00:00"
    finally:
        QLocale.setDefault(previous)
