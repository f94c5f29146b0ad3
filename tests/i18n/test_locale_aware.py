"""Locale-aware without Qt on paper (Babel, in the group's language) and with QLocale on screen
(calendar popups start the week on the locale's first day)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

import pytest
from PySide6.QtCore import QLocale, Qt

from communitydesk.gui.common.widgets import locale_date_edit
from communitydesk.pdf.printed_language import PrintedLanguage


@pytest.fixture
def restore_locale() -> Iterator[None]:
    before = QLocale()
    yield
    QLocale.setDefault(before)


@pytest.mark.parametrize(("locale", "first_day"), [
    ("pl_PL", Qt.DayOfWeek.Monday), ("uk_UA", Qt.DayOfWeek.Monday), ("en_US", Qt.DayOfWeek.Sunday),
    ("ar_EG", Qt.DayOfWeek.Saturday),
])
def test_calendar_popup_starts_the_week_on_the_locale_first_day(qtbot, restore_locale: None,
                                                                 locale: str, first_day) -> None:
    QLocale.setDefault(QLocale(locale))
    edit = locale_date_edit()
    qtbot.addWidget(edit)
    assert edit.calendarWidget().firstDayOfWeek() == first_day


def plain(text: str) -> str:
    return text.replace("\xa0", " ").replace("\u202f", " ")


def test_paper_writes_dates_and_numbers_as_its_readers_do() -> None:
    day, start = date(2026, 3, 5), datetime(2026, 3, 5, 19, 0)
    english, polish, ukrainian = (PrintedLanguage(c) for c in ("en", "pl", "uk"))
    assert english.long_date(day) == "Thursday 5 March 2026"  # the house style, unchanged
    assert polish.long_date(day) == "czwartek, 5 marca 2026"
    assert plain(ukrainian.long_date(day)) == "четвер, 5 березня 2026 р."  # CLDR: a narrow no-break space
    assert polish.clock(start) == ukrainian.clock(start) == english.clock(start) == "19:00"
    assert plain(polish.number(1234)) == "1 234"
    assert english.number(1234) == "1234"
    assert polish.page_label().format(page=2, total=3) == "Strona 2 z 3"


def test_paper_language_follows_the_setting_not_the_window(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMMUNITYDESK_LANGUAGE", "uk")  # the window's override
    assert PrintedLanguage.for_setting("pl").code == "pl"
    monkeypatch.setenv("LANGUAGE", "uk")
    assert PrintedLanguage.for_setting("").code == "uk"  # "" is the computer's language
