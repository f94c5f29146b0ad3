"""The locale date box (gui/common/widgets.py LocaleDateEdit): its calendar popup is made when first
opened (by a click: Qt has no key for it), and then starts the week on the locale's first day as every
other popup (#14, #19)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import QApplication, QCalendarWidget, QStyle, QStyleOptionComboBox

from communitydesk.gui.common.widgets import LocaleDateEdit, date_edit_format


@pytest.fixture
def polish_locale() -> Iterator[None]:
    before = QLocale()
    QLocale.setDefault(QLocale("pl_PL"))  # weeks start on Monday, not Qt's Sunday
    yield
    QLocale.setDefault(before)


def _calendars() -> list[QCalendarWidget]:
    return [w for w in QApplication.allWidgets() if isinstance(w, QCalendarWidget)]


def test_a_click_on_the_arrow_opens_a_calendar_starting_on_the_locale_first_day(qtbot, polish_locale) -> None:
    box = LocaleDateEdit(QDate(2026, 3, 20))
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
    box = LocaleDateEdit()
    qtbot.addWidget(box)
    assert box.calendarWidget().firstDayOfWeek() == Qt.DayOfWeek.Monday


def test_a_new_box_has_no_calendar_until_opened(qtbot) -> None:
    box = LocaleDateEdit()
    qtbot.addWidget(box)
    assert box.findChild(QCalendarWidget) is None
