"""The Meetings screen: upcoming and past meetings (search, sort, Present count) above the
selected meeting's agenda, minutes and matters arising. New, edit, duplicate, cancel,
recurring series and calendar export live in the header.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from communitydesk.gui.common.dates import long_date
from communitydesk.gui.common.dialogs import confirm
from communitydesk.gui.common.row_model import RowFilterProxy
from communitydesk.gui.common.saving import save_versioned_edit
from communitydesk.gui.common.widgets import EmptyState, PageHeader
from communitydesk.gui.context import AppContext
from communitydesk.gui.meetings.list_splitter import ROW_HEIGHT, ListSplitter
from communitydesk.gui.meetings.meeting_dialog import MeetingDialog, MeetingForm, ask_start
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
from communitydesk.gui.operations import Operation, show_problem
from communitydesk.i18n import N_, _, ngettext
from communitydesk.services.meetings.planning import (
    MeetingDetail,
    cancel_meeting,
    duplicate_meeting,
    get_meeting_detail,
    update_meeting,
)
from communitydesk.services.meetings.rows import MeetingRow
from communitydesk.services.meetings.series import plan_meetings
from communitydesk.services.meetings.view import MeetingsList, default_venue, meetings_list

SHOW = (("upcoming", N_("Upcoming")), ("past", N_("Past")), ("all", N_("All meetings")))


class MeetingsPage(QWidget):
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
        self.cancel_button = QPushButton(_("Cancel mee&ting"))
        self.cancel_button.clicked.connect(self.cancel_selected)
        self.export_button = QPushButton(_("&Export calendar…"))
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

        self.editor = MeetingEditor(ctx, today=lambda: self.now().date())
        self.editor.edit_requested.connect(self.edit_selected)
        self.no_selection = EmptyState(_("Choose a meeting"), _("Its agenda, minutes and matters arising "
                                                                     "show here."))
        self.editor_stack = QStackedWidget()
        self.editor_stack.addWidget(self.no_selection)
        self.editor_stack.addWidget(self.editor)

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
        QShortcut(QKeySequence("Ctrl+Shift+N"), self, activated=self.new_meeting)
        QShortcut(QKeySequence("Ctrl+D"), self, activated=self.duplicate_selected)
        QShortcut(QKeySequence("Ctrl+E"), self, activated=self.edit_selected)
        self._apply_show()
        self._first_load = True
        self.loading: Operation | None = None
        self.refresh()

    # --- loading ------------------------------------------------------------------
    def refresh(self) -> Operation:
        """Reload the list (one read), keeping the selected meeting."""
        keep = self.selected_meeting_id()
        # A change this page's editor made is already being read again by the editor.
        reload_editor = not self.editor.is_loading
        today = self.now().date()
        self.loading = self.ctx.ops.read(
            lambda s: meetings_list(s, today=today), parent=self, key=f"meetings-list-{id(self)}",
            done=lambda listed: self._show_rows(listed, keep, reload_editor))
        return self.loading

    def wait_until_loaded(self) -> None:
        """Let the list and the meeting shown finish loading (tests, the window's tour)."""
        self.ctx.ops.wait_idle()

    def _show_rows(self, listed: MeetingsList, keep: int | None, reload_editor: bool) -> None:
        self.table.selectionModel().blockSignals(True)
        self.model.set_rows(list(listed.rows))
        self.table.selectionModel().blockSignals(False)
        self._update_counts()
        if self._first_load:
            self._first_load = False
            now = self.now()
            if self.model.rowCount() and not any(r.is_upcoming(now) for r in listed.rows):
                self.set_show("past")  # nothing planned yet: open on the latest meetings
                return
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
        shown = [r for n, r in enumerate(self.model.rows())  # as select_meeting: no proxy walk
                 if self.proxy.mapFromSource(self.model.index(n, 0)).isValid()]
        upcoming = [r for r in shown if r.starts_at >= now]
        chosen = (min(upcoming, key=lambda r: r.starts_at) if upcoming
                  else max(shown, key=lambda r: r.starts_at))  # the next meeting, else the latest
        self.select_meeting(chosen.id)

    def select_meeting(self, meeting_id: int) -> bool:
        """Select and open a meeting if the list shows it (found in the rows, not row by row
        through the proxy: 2,000 meetings)."""
        source = next((n for n, r in enumerate(self.model.rows()) if r.id == meeting_id), None)
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
        if total == 0:
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

    # --- actions: one write each; the list and the editor read again after it -----
    def new_meeting(self) -> Operation:
        """Read the default venue, then ask for the new meeting's details."""
        return self.ctx.ops.read(default_venue, parent=self, done=self._ask_new_meeting)

    def _ask_new_meeting(self, venue: str) -> None:
        start = (self.now() + timedelta(days=7)).replace(hour=19, minute=0, second=0, microsecond=0)
        form = MeetingDialog.ask(self.ctx, start=start, venue=venue, parent=self)
        if form is not None:
            self.create_from_form(form)

    def create_from_form(self, form: MeetingForm) -> Operation:
        """Create the meeting (or the series' meetings) and show the first."""
        return self.ctx.ops.write(
            lambda s: plan_meetings(s, form.values, repeat_rule=form.repeat_rule,
                                    repeat_count=form.repeat_count, use_template=form.use_template),
            parent=self, done=lambda ids: self._show_new(ids[0] if ids else None))

    def _show_new(self, meeting_id: int | None, *, show_all: bool = False) -> None:
        """After a write: read the list again and show the meeting written, even if the
        filter in use hides it now (e.g. an upcoming meeting just marked held)."""
        if show_all:
            self.set_show("all")
        op = self.refresh()
        if meeting_id is not None:
            op.finished.connect(lambda: self._reveal(meeting_id))

    def _reveal(self, meeting_id: int) -> None:
        if not self.select_meeting(meeting_id):
            self.set_show("all")
            self.select_meeting(meeting_id)

    def edit_selected(self) -> Operation | None:
        """Edit the selected meeting's details: read them fresh, then open the form."""
        meeting_id = self.selected_meeting_id()
        if meeting_id is None:
            return None
        return self.ctx.ops.read(lambda s: get_meeting_detail(s, meeting_id), parent=self,
                                 done=self._ask_edit)

    def _ask_edit(self, detail: MeetingDetail) -> None:
        form = MeetingDialog.ask(self.ctx, detail=detail, parent=self)
        if form is not None:
            self.save_form(detail, form)

    def save_form(self, detail: MeetingDetail, form: MeetingForm) -> Operation:
        """Save through the versioned path: a conflict shows both versions."""
        def save(s: Session, values: dict[str, object], version: int | None) -> MeetingDetail:
            return update_meeting(s, detail.id, values, expected_version=version)

        def saved(result: MeetingDetail) -> None:
            self.last_saved = result
            self._show_new(result.id)
            self.editor.reload()
        return save_versioned_edit(self.ctx, self, save, form.values, detail.version, done=saved)

    @staticmethod
    def ask_duplicate_start(parent: QWidget, suggested: datetime) -> datetime | None:
        """When the copy starts. Tests patch this."""
        return ask_start(parent, suggested, title=_("Duplicate meeting"),
                         text=_("A new planned meeting with the same agenda items (no minutes)."))

    def duplicate_selected(self) -> Operation | None:
        meeting_id = self.selected_meeting_id()
        if meeting_id is None:
            return None
        row = next(r for r in self.model.rows() if r.id == meeting_id)
        suggested = max(row.starts_at, self.now().replace(hour=row.starts_at.hour,
                                                          minute=row.starts_at.minute, second=0,
                                                          microsecond=0)) + timedelta(days=7)
        starts = self.ask_duplicate_start(self, suggested)
        if starts is None:
            return None
        return self.ctx.ops.write(lambda s: duplicate_meeting(s, meeting_id, starts_at=starts).id,
                                  parent=self, done=lambda new_id: self._show_new(new_id, show_all=True))

    @staticmethod
    def confirm_cancel(parent: QWidget, row: MeetingRow) -> bool:
        """Tests patch this."""
        return confirm(
            parent, _("Cancel meeting"),
            _("Cancel “{title}” on {date}?\n\nIt stays in the list, marked "
              "cancelled, and is left out of attendance counts. You can set it back to planned with "
              "Edit details.").format(title=row.title, date=long_date(row.starts_at)), _("Cancel meeting"))

    def cancel_selected(self) -> Operation | None:
        meeting_id = self.selected_meeting_id()
        if meeting_id is None:
            return None
        row = next(r for r in self.model.rows() if r.id == meeting_id)
        if row.status == "cancelled" or not self.confirm_cancel(self, row):
            return None

        def cancelled(_summary: object) -> None:
            self.refresh()
            self.editor.reload()
        return self.ctx.ops.write(lambda s: cancel_meeting(s, meeting_id), parent=self, done=cancelled)

    def export_calendar(self, target: Path | None = None) -> Operation | None:
        """Read the meetings and write the .ics file on a worker, with progress and Cancel."""
        if target is None:
            name, _filter = QFileDialog.getSaveFileName(self, _("Export meetings to a calendar file"),
                                                        str(Path.home() / "meetings.ics"),
                                                        _("iCalendar files (*.ics)"))
            if not name:
                return None
            target = Path(name)

        def export(s: Session, progress: Callable[[int, int], bool]) -> int:
            from communitydesk.services.meetings import (
                calendar_export,  # icalendar: only when exporting
            )

            return calendar_export.write_calendar(calendar_export.calendar_events(s), target,
                                                  progress=progress)

        def exported(count: int) -> None:
            message = ngettext("{count} meeting saved to {file}", "{count} meetings saved to {file}",
                               count).format(count=count, file=target)
            self.last_export = (True, message)
            window = self.window()
            if isinstance(window, QMainWindow):
                window.statusBar().showMessage(message, 8000)

        def failed(error: Exception) -> None:
            self.last_export = (False, str(error))
            from communitydesk.services.meetings.calendar_export import ExportCancelled

            if not isinstance(error, ExportCancelled):  # Cancel pressed: nothing to say
                show_problem(self, error)
        self.export_job = self.ctx.ops.read(export, parent=self, done=exported, failed=failed,
                                            progress=_("Writing the calendar file…"))
        return self.export_job
