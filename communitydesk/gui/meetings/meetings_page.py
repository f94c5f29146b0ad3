"""The Meetings screen: upcoming and past meetings (search, sort, Present count) above the
selected meeting's agenda, minutes and matters arising. New, edit, duplicate, cancel,
recurring series and calendar export live in the header.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from communitydesk.gui.common.loading import FirstRead
from communitydesk.gui.common.row_model import RowFilterProxy
from communitydesk.gui.common.shortcuts import press_on
from communitydesk.gui.common.widgets import EmptyState, PageHeader
from communitydesk.gui.context import AppContext
from communitydesk.gui.meetings.list_splitter import ROW_HEIGHT, ListSplitter
from communitydesk.gui.meetings.meeting_commands import MeetingActions
from communitydesk.gui.meetings.meeting_editor import MeetingEditor
from communitydesk.gui.meetings.meeting_table_model import (
    COL_DATE,
    COL_KIND,
    COL_MINUTES,
    COL_PRESENT,
    COL_STATUS,
    COL_TIME,
    COL_TITLE,
    MeetingTableModel,
)
from communitydesk.gui.operations import Operation
from communitydesk.i18n import N_, _
from communitydesk.services.meetings.planning import (
    MeetingDetail,
)
from communitydesk.services.meetings.view import MeetingsList, meetings_list

EDITOR_AFTER_MS = 30  # the page's first paint comes before the meeting editor is built
SHOW = (("upcoming", N_("Upcoming")), ("past", N_("Past")), ("all", N_("All meetings")))


class MeetingsPage(MeetingActions, QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None,
                 *, now: Callable[[], datetime] = datetime.now) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.now = now
        self.last_export: tuple[bool, str] | None = None
        self.last_saved: MeetingDetail | None = None
        self.model = MeetingTableModel(self)
        self.proxy = RowFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.header = PageHeader(_("Meetings"), _("Agendas, minutes and actions"))
        self.new_button = QPushButton(_("New meeting…"))
        self.new_button.setObjectName("primary")
        self.new_button.setToolTip(_("Plan a meeting or a recurring series (Ctrl+Shift+N)"))
        self.new_button.clicked.connect(self.new_meeting)
        self.duplicate_button = QPushButton(_("Duplicate…"))
        self.duplicate_button.setToolTip(_("A copy of the selected meeting with its agenda (Ctrl+D)"))
        self.duplicate_button.clicked.connect(self.duplicate_selected)
        self.cancel_button = QPushButton(_("Ca&ncel meeting"))
        self.cancel_button.clicked.connect(self.cancel_selected)
        self.export_button = QPushButton(_("E&xport calendar…"))
        self.export_button.setToolTip(_("Save every meeting as an .ics file for calendar apps"))
        self.export_button.clicked.connect(self.export_calendar)
        for b in (self.export_button, self.cancel_button, self.duplicate_button, self.new_button):
            self.header.add_widget(b)

        self.search = QLineEdit(placeholderText=_("Search title, venue, kind…  (Ctrl+F)"))
        self.search.setAccessibleName(_("Search meetings"))
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_search)
        self.show_filter = QComboBox()
        self.show_filter.setAccessibleName(_("Show meetings"))
        for key, label in SHOW:
            self.show_filter.addItem(_(label), key)
        self.show_filter.currentIndexChanged.connect(self._apply_show)
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.show_filter)
        filters.addWidget(self.count_label)

        self.table = QTableView()
        self.table.setAccessibleName(_("Meetings"))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        for col, width in ((COL_DATE, 118), (COL_TIME, 90), (COL_KIND, 90), (COL_STATUS, 84),
                           (COL_PRESENT, 64), (COL_MINUTES, 80)):
            self.table.setColumnWidth(col, width)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.table.activated.connect(lambda _index: self.edit_selected())

        self.empty = EmptyState(_("No meetings yet"),
                                _("Plan your first meeting — or a recurring series like the first "
                                  "Tuesday of each month — with New meeting."))
        self.no_match = EmptyState(_("No meetings match"), _("Try fewer letters, or show all meetings."))
        self.list_stack = QStackedWidget()
        for w in (self.table, self.empty, self.no_match):
            self.list_stack.addWidget(w)

        self._editor: MeetingEditor | None = None  # built in the next turn (``editor``): #14
        self.no_selection = EmptyState(_("Choose a meeting"), _("Its agenda, minutes and matters arising "
                                                                     "show here."))
        self.editor_stack = QStackedWidget()
        self.editor_stack.addWidget(self.no_selection)
        # Not in this event-loop turn: the page paints first, then the editor is built (#14).
        QTimer.singleShot(EDITOR_AFTER_MS, self, lambda: self.editor)

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(filters)
        top_layout.addWidget(self.list_stack, 1)
        self.splitter = ListSplitter(top, self.editor_stack)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 10)
        layout.addWidget(self.header)
        layout.addWidget(self.splitter, 1)

        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.focus_search)
        press_on("Ctrl+Shift+N", self.new_button, self)
        press_on("Ctrl+D", self.duplicate_button, self)
        QShortcut(QKeySequence("Ctrl+E"), self, activated=self.edit_selected)
        self._first_load = True  # until the list's first read lands (the table shows, empty)
        self._apply_show()
        self.loading: Operation | None = None
        # after the editor is built (its timer, due at the same time, was set first)
        self._first_read = FirstRead(self, self.refresh, EDITOR_AFTER_MS)

    @property
    def editor(self) -> MeetingEditor:
        """The meeting's agenda, minutes, matters arising and motions. Built just after the page
        has painted (or when first asked for): the page and its list show without waiting for
        the editor (#14)."""
        if self._editor is None:
            self._editor = MeetingEditor(self.ctx, today=lambda: self.now().date())
            self._editor.edit_requested.connect(self.edit_selected)
            self.editor_stack.addWidget(self._editor)
            self._editor.ensurePolished()  # styled now, not in the turn the first meeting shows
        return self._editor

    # --- loading ------------------------------------------------------------------
    def refresh(self) -> Operation:
        """Reload the list (one read), keeping the selected meeting."""
        self._first_read.cancel()  # this is the first read, or makes it needless
        keep = self.selected_meeting_id()
        # A change this page's editor made is already being read again by the editor.
        reload_editor = self._editor is None or not self._editor.is_loading
        today = self.now().date()
        self.loading = self.ctx.ops.read(
            lambda s: meetings_list(s, today=today), parent=self, key=f"meetings-list-{id(self)}",
            done=lambda listed: self._show_rows(listed, keep, reload_editor))
        return self.loading

    def wait_until_loaded(self) -> None:
        """Let the list and the meeting shown finish loading (tests, the window's tour)."""
        self._first_read.now()
        self.ctx.ops.wait_idle()

    def _show_rows(self, listed: MeetingsList, keep: int | None, reload_editor: bool) -> None:
        if self._first_load:
            now = self.now()
            if listed.rows and not any(r.is_upcoming(now) for r in listed.rows):
                # Nothing planned yet: open on the latest meetings. Chosen while the list is
                # still empty (and still says nothing), so the rows are filtered and sorted
                # once, not twice (#14).
                self.set_show("past")
            self._first_load = False
        self.table.selectionModel().blockSignals(True)
        self.model.set_rows(list(listed.rows))
        self.table.selectionModel().blockSignals(False)
        self._update_counts()
        if keep is not None and self.select_meeting(keep):
            if reload_editor:
                self.editor.reload()  # actions may have been closed elsewhere
            return
        self._select_default()

    def _select_default(self) -> None:
        if self.proxy.rowCount() == 0:
            self.editor.load(None)
            self.editor_stack.setCurrentWidget(self.no_selection)
            return
        now = self.now()
        rows = self.model.rows_view()
        shown = [rows[n] for n in self.proxy.source_rows()]  # no index mapping per row: 2,000 meetings
        upcoming = [r for r in shown if r.starts_at >= now]
        chosen = (min(upcoming, key=lambda r: r.starts_at) if upcoming
                  else max(shown, key=lambda r: r.starts_at))  # the next meeting, else the latest
        self.select_meeting(chosen.id)

    def select_meeting(self, meeting_id: int) -> bool:
        """Select and open a meeting if the list shows it (found in the rows, not row by row
        through the proxy: 2,000 meetings)."""
        source = next((n for n, r in enumerate(self.model.rows_view()) if r.id == meeting_id), None)
        if source is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(source, COL_TITLE))
        if not index.isValid():
            return False
        self.table.setCurrentIndex(index)
        self.table.selectRow(index.row())
        self.table.scrollTo(index)
        if self.editor.wanted_id != meeting_id:
            self._show_meeting(meeting_id)
        return True

    def _current_changed(self, current, _previous) -> None:  # noqa: ANN001 - Qt indexes
        if current.isValid():
            self._show_meeting(self.proxy.row_at(current.row()).id)

    def _show_meeting(self, meeting_id: int) -> None:
        self.editor.load(meeting_id)
        self.editor_stack.setCurrentWidget(self.editor)

    def selected_meeting_id(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isSelected(index):
            return None
        return self.proxy.row_at(index.row()).id

    # --- filtering ----------------------------------------------------------------
    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _on_search(self, text: str) -> None:
        self.proxy.set_search(text)
        self._update_counts()

    def _apply_show(self) -> None:
        mode = self.show_filter.currentData()
        now = self.now()
        if mode == "upcoming":
            self.proxy.set_accept(lambda m: m.is_upcoming(now))
            self.table.sortByColumn(COL_DATE, Qt.SortOrder.AscendingOrder)
        elif mode == "past":
            self.proxy.set_accept(lambda m: not m.is_upcoming(now))
            self.table.sortByColumn(COL_DATE, Qt.SortOrder.DescendingOrder)
        else:
            self.proxy.set_accept(None)
            self.table.sortByColumn(COL_DATE, Qt.SortOrder.DescendingOrder)
        self._update_counts()
        if self.model.rowCount() and self.selected_meeting_id() is None:
            self._select_default()

    def set_show(self, mode: str) -> None:
        self.show_filter.setCurrentIndex(self.show_filter.findData(mode))

    def _update_counts(self) -> None:
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        self.count_label.setText(_("showing {shown} of {total}").format(shown=f"{shown:,}", total=f"{total:,}"))
        if total == 0 and self._first_load:
            # Not "No meetings yet" before the meetings are read; and the table is laid out
            # with the page, not when the rows arrive (#14).
            self.list_stack.setCurrentWidget(self.table)
        elif total == 0:
            self.list_stack.setCurrentWidget(self.empty)
        elif shown == 0:
            if self.show_filter.currentData() == "upcoming" and not self.search.text():
                self.no_match.title.setText(_("No upcoming meetings"))
                self.no_match.text.setText(_("Plan the next one with New meeting (Ctrl+Shift+N), or "
                                             "duplicate a past meeting with its agenda."))
            else:
                self.no_match.title.setText(_("No meetings match"))
                self.no_match.text.setText(_("Try fewer letters, or show all meetings."))
            self.list_stack.setCurrentWidget(self.no_match)
        else:
            self.list_stack.setCurrentWidget(self.table)
        has = self.selected_meeting_id() is not None
        self.duplicate_button.setEnabled(total > 0)
        self.cancel_button.setEnabled(total > 0 or has)
