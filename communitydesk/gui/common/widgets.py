"""Small reusable widgets: the empty-state panel, the page header, a locale date box."""

from __future__ import annotations

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QCalendarWidget, QDateEdit, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from communitydesk.gui.common.dates import short_date_format
from communitydesk.gui.common.screens import screen_of


def date_edit_format() -> str:
    """The locale's short date pattern with a four-digit year, for typing dates into a box.

    Same order as every table shows (day first in Britain, month first in the US); the
    year in full because "3/5/24" typed into a box would be read as 1924 at the minimum.
    """
    pattern = short_date_format()
    return pattern if "yyyy" in pattern else pattern.replace("yy", "yyyy")


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Resize to the preferred size, but never beyond the screen (a 1024×640 laptop)."""
    screen = screen_of(window)
    if screen is not None:
        room = screen.availableGeometry()
        width, height = min(width, room.width() - 24), min(height, room.height() - 48)
    window.resize(width, height)


class LocaleDateEdit(QDateEdit):
    """A date box in the user's locale whose calendar popup is made when first opened (#14).

    Why: the popup's calendar (navigation bar, month menu, year box, a 7x6 table) costs
    7-40 ms of the window's thread to build, and most visits to a screen or a record never
    open it. Qt opens it only from a click on the box (the keyboard types the date), so a
    click makes it first, with the locale's rules (``locale_calendar``); so does any
    ``calendarWidget()``.
    """

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

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        self.calendarWidget()
        super().mousePressEvent(event)


def locale_date_edit(edit: QDateEdit | None = None) -> QDateEdit:
    """A date box showing dates in the user's locale, with a calendar: a new
    ``LocaleDateEdit``, or the box given set up the same way (its calendar made now)."""
    if edit is None:
        return LocaleDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(date_edit_format())
    locale_calendar(edit.calendarWidget())
    return edit


def locale_calendar(calendar: QCalendarWidget) -> QCalendarWidget:
    """Weeks start on the locale's first day (Monday in Poland and Ukraine, Sunday in the
    US), not Qt's fixed Sunday, in every calendar popup (#19)."""
    calendar.setFirstDayOfWeek(QLocale().firstDayOfWeek())
    calendar.setLocale(QLocale())
    return calendar


class EmptyState(QWidget):
    """A friendly centred message where a list or screen has nothing to show yet."""

    def __init__(self, title: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        self.title = QLabel(title)
        self.title.setObjectName("emptyTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text = QLabel(text)
        self.text.setObjectName("emptyText")
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text.setMaximumWidth(520)
        layout.addWidget(self.title)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.text)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)


class PageHeader(QWidget):
    """Title on the left, an optional subtitle under it, actions on the right."""

    def __init__(self, title: str, subtitle: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 4)
        texts = QVBoxLayout()
        self.title = QLabel(title)
        self.title.setObjectName("pageTitle")
        self.subtitle = QLabel(subtitle)
        self.subtitle.setObjectName("pageSubtitle")
        texts.addWidget(self.title)
        texts.addWidget(self.subtitle)
        outer.addLayout(texts, 1)
        if not subtitle:  # hidden once it sits in the header: shown while it had no parent,
            self.subtitle.hide()  # it would open as a window of its own for a moment
        self.actions = QHBoxLayout()
        outer.addLayout(self.actions)

    def add_widget(self, widget: QWidget) -> None:
        self.actions.addWidget(widget)
