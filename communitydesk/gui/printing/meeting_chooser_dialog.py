"""Pick the meeting to print for: search as you type, newest first, the likely one selected."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from communitydesk.gui.common.dates import short_datetime
from communitydesk.gui.common.row_model import ID_ROLE, Column, RowFilterProxy, RowTableModel
from communitydesk.gui.common.shown_values import MEETING_KIND, MEETING_STATUS, shown
from communitydesk.gui.common.widgets import EmptyState
from communitydesk.gui.context import AppContext
from communitydesk.i18n import N_, _
from communitydesk.services.core.ids import MeetingId
from communitydesk.services.core.text import fold
from communitydesk.services.meetings.planning import MeetingSummary, list_meetings

COL_DATE, COL_TITLE, COL_KIND, COL_STATUS = range(4)


def _when(m: MeetingSummary) -> str:
    return short_datetime(m.starts_at)  # the reader's date format, not English day names


class MeetingChoiceTableModel(RowTableModel[MeetingSummary]):
    """Meetings as rows; sorted in the source by raw values (dates as dates), newest first."""

    columns = (
        Column(N_("Date"), _when, lambda m: (m.starts_at, m.id)),
        Column(N_("Meeting"), lambda m: m.title, lambda m: (fold(m.title), m.starts_at, m.id)),
        Column(N_("Kind"), lambda m: shown(MEETING_KIND, m.kind), lambda m: (m.kind, m.starts_at, m.id)),
        Column(N_("Status"), lambda m: shown(MEETING_STATUS, m.status), lambda m: (m.status, m.starts_at, m.id)),
    )
    default_sort = (COL_DATE, Qt.SortOrder.DescendingOrder)

    def haystack(self, m: MeetingSummary) -> str:
        """Title, kind, status, venue and the date written the ways people type it."""
        day = m.starts_at
        return (f"{m.title} {m.kind} {m.status} {m.venue or ''} {day:%Y-%m-%d} "
                f"{day.day} {day:%B} {day:%b} {day:%A} {day:%d/%m/%Y}")

    def extra_data(self, row: MeetingSummary, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and row.venue:
            return row.venue
        if role == Qt.ItemDataRole.ForegroundRole and row.status == "cancelled":
            return Qt.GlobalColor.gray
        return None


def likely_meeting(rows: list[MeetingSummary], *, today: date, prefer_past: bool) -> MeetingId | None:
    """The meeting someone most likely prints for: the next one (minutes: the last one held)."""
    live = [m for m in rows if m.status != "cancelled"]
    past = [m for m in live if m.starts_at.date() <= today]
    coming = [m for m in live if m.starts_at.date() >= today]
    if not prefer_past and coming:
        return min(coming, key=lambda m: m.starts_at).id
    if past:
        return max(past, key=lambda m: m.starts_at).id
    return live[0].id if live else (rows[0].id if rows else None)


class MeetingChooserDialog(QDialog):
    def __init__(self, ctx: AppContext, *, document: str, prefer_past: bool = False,
                 today: date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("{document}: choose a meeting").format(document=document))
        self.model = MeetingChoiceTableModel(self)
        self.proxy = RowFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.search = QLineEdit(placeholderText=_("Search by title, date (e.g. “May 2026”), kind or venue…"))
        self.search.setAccessibleName(_("Search meetings"))
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_search)
        self.search.returnPressed.connect(self.accept)
        self.table = QTableView()
        self.table.setAccessibleName(_("Meetings"))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(COL_DATE, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_DATE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(False)
        self.table.doubleClicked.connect(self.accept)
        self.empty = EmptyState(_("No meetings yet"), _("Plan a meeting first; then its sign-in sheet, "
                                "agenda and pack can be printed from here."))
        self.no_match = EmptyState(_("No meeting matches"), _("Try fewer words, or part of the date."))
        self.waiting = EmptyState(_("Loading meetings…"), "")
        self.stack = QStackedWidget()
        for widget in (self.table, self.empty, self.no_match, self.waiting):
            self.stack.addWidget(widget)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.preview_button = self.buttons.addButton(_("&Preview"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.preview_button.setObjectName("primary")
        self.preview_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        hint = QLabel(_("↑/↓ to choose, Enter to preview, Esc to cancel"))
        hint.setObjectName("countLabel")

        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.stack, 1)
        layout.addWidget(hint)
        layout.addWidget(self.buttons)
        self.resize(640, 460)

        self.stack.setCurrentWidget(self.waiting)
        self.preview_button.setEnabled(False)
        self.search.installEventFilter(self)
        self.search.setFocus()
        self.loading = ctx.ops.read(list_meetings, parent=self, done=lambda rows: self._loaded(
            rows, today=today or date.today(), prefer_past=prefer_past))

    def _loaded(self, rows: list[MeetingSummary], *, today: date, prefer_past: bool) -> None:
        self.model.set_rows(rows)
        self.select(likely_meeting(rows, today=today, prefer_past=prefer_past))
        self._update_state()

    def eventFilter(self, watched, event) -> bool:  # noqa: ANN001, N802 - Qt override
        """Up/Down in the search box move through the list, so the mouse is never needed."""
        if watched is self.search and event.type() == QEvent.Type.KeyPress and event.key() in (
                Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            self.table.keyPressEvent(event)
            return True
        return super().eventFilter(watched, event)

    def select(self, meeting_id: int | None) -> None:
        for row in range(self.proxy.rowCount()):
            if self.proxy.index(row, 0).data(ID_ROLE) == meeting_id:
                self.table.selectRow(row)
                self.table.scrollTo(self.proxy.index(row, 0))
                return
        if self.proxy.rowCount():
            self.table.selectRow(0)

    def selected_meeting(self) -> MeetingId | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return MeetingId(rows[0].data(ID_ROLE))

    def _on_search(self, text: str) -> None:
        chosen = self.selected_meeting()
        self.proxy.set_search(text)
        self.select(chosen)
        self._update_state()

    def _update_state(self) -> None:
        if not self.model.rowCount():
            self.stack.setCurrentWidget(self.empty)
        elif not self.proxy.rowCount():
            self.stack.setCurrentWidget(self.no_match)
        else:
            self.stack.setCurrentWidget(self.table)
        self.preview_button.setEnabled(self.selected_meeting() is not None and self.proxy.rowCount() > 0)

    def accept(self) -> None:
        if self.selected_meeting() is not None and self.proxy.rowCount():
            super().accept()

    @classmethod
    def ask(cls, ctx: AppContext, *, document: str, prefer_past: bool = False,
            parent: QWidget | None = None) -> MeetingId | None:
        dialog = cls(ctx, document=document, prefer_past=prefer_past, parent=parent)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.selected_meeting()
        return None
