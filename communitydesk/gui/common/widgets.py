"""Small reusable widgets: the empty-state panel, the page header, a locale date box."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QCalendarWidget, QDateEdit, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from communitydesk.gui.common.dates import short_date_format


def date_edit_format() -> str:
    """The locale's short date pattern with a four-digit year, for typing dates into a box.

    Same order as every table shows (day first in Britain, month first in the US); the
    year in full because "3/5/24" typed into a box would be read as 1924 at the minimum.
    """
    pattern = short_date_format()
    return pattern if "yyyy" in pattern else pattern.replace("yy", "yyyy")


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Resize to the preferred size, but never beyond the screen (a 1024×640 laptop)."""
    screen = window.screen()
    if screen is not None:
        room = screen.availableGeometry()
        width, height = min(width, room.width() - 24), min(height, room.height() - 48)
    window.resize(width, height)


def locale_date_edit(edit: QDateEdit | None = None) -> QDateEdit:
    """A date box (new, or the one given) showing dates in the user's locale, with a calendar."""
    edit = edit if edit is not None else QDateEdit()
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
        self.subtitle.setVisible(bool(subtitle))
        texts.addWidget(self.title)
        texts.addWidget(self.subtitle)
        outer.addLayout(texts, 1)
        self.actions = QHBoxLayout()
        outer.addLayout(self.actions)

    def add_widget(self, widget: QWidget) -> None:
        self.actions.addWidget(widget)
