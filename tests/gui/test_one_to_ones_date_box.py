"""The date box of the queue, the reach-out list and the Dues screen: its calendar popup is made on
the first click, and then starts the week on the locale's first day as every other popup (#14, #19)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import QApplication, QCalendarWidget, QStyle, QStyleOptionComboBox

from communitydesk.gui.common.widgets import date_edit_format
from communitydesk.gui.one_to_ones.date_box import LocaleDateBox


@pytest.fixture
def polish_locale() -> Iterator[None]:
    before = QLocale()
    QLocale.setDefault(QLocale("pl_PL"))  # weeks start on Monday, not Qt's Sunday
    yield
    QLocale.setDefault(before)


def _calendars() -> list[QCalendarWidget]:
    return [w for w in QApplication.allWidgets() if isinstance(w, QCalendarWidget)]


def test_a_click_on_the_arrow_opens_a_calendar_starting_on_the_locale_first_day(qtbot, polish_locale) -> None:
    box = LocaleDateBox(QDate(2026, 3, 20))
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    assert box.date() == QDate(2026, 3, 20)
    assert box.displayFormat() == date_edit_format()
    assert box.calendarPopup()
    before = set(map(id, _calendars()))
    option = QStyleOptionComboBox()  # the box draws its arrow as a combo box's
    option.initFrom(box)
    option.editable = True
    arrow = box.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                       QStyle.SubControl.SC_ComboBoxArrow, box)
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=arrow.center())
    made = [c for c in _calendars() if id(c) not in before]
    assert len(made) == 1
    calendar = made[0]
    qtbot.waitUntil(calendar.isVisible)
    assert calendar.firstDayOfWeek() == Qt.DayOfWeek.Monday
    assert calendar.locale().name() == "pl_PL"
    assert box.calendarWidget() is calendar
    calendar.window().close()


def test_the_calendar_asked_for_follows_the_locale(qtbot, polish_locale) -> None:
    box = LocaleDateBox()
    qtbot.addWidget(box)
    assert box.calendarWidget().firstDayOfWeek() == Qt.DayOfWeek.Monday
