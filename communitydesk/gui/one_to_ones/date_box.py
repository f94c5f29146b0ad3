"""A date box in the user's locale whose calendar popup is made on the first click (#14).

``gui/common/widgets.py: locale_date_edit`` asks Qt for the calendar at once to start its
weeks on the locale's first day (#19); that builds the popup's whole calendar (navigation
bar, month menu, year box, a 7x6 table), about 9 ms of the UI thread's time on the screen's
first opening, for a popup most visits never open. Here it is made, with the same locale
rules, when the box is first clicked (the only way a desktop opens it) or asked for.
"""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QCalendarWidget, QDateEdit, QWidget

from communitydesk.gui.common.widgets import date_edit_format, locale_calendar


class LocaleDateBox(QDateEdit):
    """What ``locale_date_edit`` gives, with the calendar made when first needed."""

    def __init__(self, day: QDate | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if day is not None:
            self.setDate(day)
        self._calendar_ready = False
        self.setCalendarPopup(True)
        self.setDisplayFormat(date_edit_format())

    def calendarWidget(self) -> QCalendarWidget:  # noqa: N802 - Qt's name
        calendar = super().calendarWidget()
        if not self._calendar_ready:
            self._calendar_ready = True
            locale_calendar(calendar)
        return calendar

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        self.calendarWidget()  # a click on the arrow opens the popup: weeks start on the locale's day
        super().mousePressEvent(event)
