"""The Attendance screen: choose a meeting, take the register by row number, keys or mouse.

Keys on the register: P or 1 present, A or 2 apologies, X or 3 absent, Delete clears,
Up/Down move (the selection moves on after a mark, like ticking down a paper sheet).
The "Row no." box takes the number from the paper sheet: ``17`` marks row 17
present, ``17a`` apologies, ``17x`` absent. Opening a meeting's register fixes its
row numbers (as printing does), so row 17 stays row 17 when people are added.

The screen opens on the most recent meeting that has started; a meeting still ahead
can be chosen, but takes apologies only until its day.
"""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from communitydesk.errors import UserError
from communitydesk.gui.attendance.kiosk_window import LEAVE_SHORTCUT
from communitydesk.gui.attendance.meeting_choice import (
    default_meeting,
    is_ahead,
    kiosk_meeting,
    meeting_label,
    register_notice,
)
from communitydesk.gui.attendance.register_table_model import (
    COL_CHECKED_IN,
    COL_MEMBER_STATUS,
    COL_NAME,
    COL_NUMBER,
    COL_STATUS,
    RegisterFilterProxy,
    RegisterTableModel,
)
from communitydesk.gui.context import AppContext
from communitydesk.gui.widgets import EmptyState, PageHeader
from communitydesk.services.attendance import add_guest, open_register, record_attendance
from communitydesk.services.meetings import MeetingSummary, list_meetings

KEY_STATUS = {
    Qt.Key.Key_P: "present", Qt.Key.Key_1: "present",
    Qt.Key.Key_A: "apologies", Qt.Key.Key_2: "apologies",
    Qt.Key.Key_X: "absent", Qt.Key.Key_3: "absent",
    Qt.Key.Key_Delete: None, Qt.Key.Key_Backspace: None,
}
ROW_ENTRY = re.compile(r"^\s*(\d+)\s*([pax])?\s*$", re.IGNORECASE)
ROW_SUFFIX = {None: "present", "p": "present", "a": "apologies", "x": "absent"}
NOTICE_STYLE = "background: #fff1c9; color: #5a4300; border-radius: 4px; padding: 6px 10px;"


class RegisterView(QTableView):
    """The register table; single keys mark the selected people."""

    mark_requested = Signal(object)  # a status string, or None to clear

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if event.key() in KEY_STATUS and modifiers == Qt.KeyboardModifier.NoModifier:
            self.mark_requested.emit(KEY_STATUS[Qt.Key(event.key())])
            event.accept()
            return
        super().keyPressEvent(event)


class AttendancePage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 today: date | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._today = today  # tests fix the date; None: the real one
        self.meeting_id: int | None = None
        self.meetings: list[MeetingSummary] = []
        self._announcing = False
        self.kiosk = None
        self.model = RegisterTableModel(self)
        self.proxy = RegisterFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.header = PageHeader("Attendance", "Take the register: row numbers match the printed sign-in sheet")
        self.kiosk_button = QPushButton("Check-in kiosk…")
        self.kiosk_button.setObjectName("primary")
        self.kiosk_button.setToolTip("Full-screen check-in for a laptop at the door (Ctrl+K), on today's "
                                     f"meeting. Organisers leave it with {LEAVE_SHORTCUT} (and the kiosk "
                                     "PIN, if one is set in Settings).")
        self.kiosk_button.clicked.connect(self.open_kiosk)
        self.import_button = QPushButton("Import old register…")
        self.import_button.clicked.connect(self.open_import)
        self.header.add_widget(self.import_button)
        self.header.add_widget(self.kiosk_button)

        self.meeting_choice = QComboBox()
        self.meeting_choice.setMinimumWidth(380)
        self.meeting_choice.setEditable(True)  # type part of a title or date to find a meeting
        self.meeting_choice.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.meeting_choice.lineEdit().setPlaceholderText("Choose a meeting…")
        self.meeting_choice.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        self.meeting_choice.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.meeting_choice.currentIndexChanged.connect(self._on_meeting_chosen)
        self.row_entry = QLineEdit(placeholderText="Row no. ⏎")
        self.row_entry.setObjectName("rowEntry")
        self.row_entry.setMaximumWidth(110)
        self.row_entry.setToolTip("Type the row number from the paper sheet and press Enter: 17 present, "
                                  "17a apologies, 17x absent (Ctrl+G)")
        self.row_entry.returnPressed.connect(self.mark_from_row_entry)
        self.search = QLineEdit(placeholderText="Find a name…  (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_search)
        chooser = QHBoxLayout()
        chooser.addWidget(QLabel("Meeting:"))
        chooser.addWidget(self.meeting_choice, 2)
        chooser.addWidget(self.row_entry)
        chooser.addWidget(self.search, 1)

        self.table = RegisterView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_NUMBER, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col, width in ((COL_NUMBER, 50), (COL_NAME, 280), (COL_STATUS, 110), (COL_CHECKED_IN, 95),
                           (COL_MEMBER_STATUS, 90)):
            self.table.setColumnWidth(col, width)
        self.table.mark_requested.connect(self.mark_selected)
        self.table.doubleClicked.connect(lambda _index: self.toggle_present())

        self.notice = QLabel()
        self.notice.setObjectName("registerNotice")
        self.notice.setStyleSheet(NOTICE_STYLE)
        self.notice.setWordWrap(True)
        self.notice.hide()

        self.mark_buttons = QHBoxLayout()
        self.mark_button_for: dict[str | None, QPushButton] = {}
        for text, status, tip in (("Present", "present", "P or 1"), ("Apologies", "apologies", "A or 2"),
                                  ("Absent", "absent", "X or 3"), ("Clear", None, "Delete")):
            button = QPushButton(text)
            button.setToolTip(f"Mark the selected people ({tip})")
            button.clicked.connect(lambda _checked=False, s=status: self.mark_selected(s))
            self.mark_buttons.addWidget(button)
            self.mark_button_for[status] = button
        self.mark_buttons.addStretch(1)
        self.counts_label = QLabel()
        self.counts_label.setObjectName("countLabel")
        self.mark_buttons.addWidget(self.counts_label)

        self.guest_first = QLineEdit(placeholderText="Guest first name")
        self.guest_last = QLineEdit(placeholderText="Last name")
        self.guest_last.returnPressed.connect(self.add_guest)
        self.guest_first.returnPressed.connect(self.guest_last.setFocus)
        self.guest_button = QPushButton("Add guest")
        self.guest_button.setToolTip("Adds them as a prospect (a new contact) and marks them present")
        self.guest_button.clicked.connect(self.add_guest)
        guests = QHBoxLayout()
        guests.addWidget(QLabel("Someone new?"))
        guests.addWidget(self.guest_first)
        guests.addWidget(self.guest_last)
        guests.addWidget(self.guest_button)
        guests.addStretch(1)

        self.empty = EmptyState("No meetings yet", "Plan a meeting on the Meetings screen, or import your "
                                "old attendance spreadsheet to bring its meetings and people in.")
        self.nobody = EmptyState("Nobody is expected", "This meeting has nobody on its register yet: add "
                                 "active members or members to its tag, or add guests below.")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.nobody)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 10)
        layout.addWidget(self.header)
        layout.addLayout(chooser)
        layout.addWidget(self.notice)
        layout.addWidget(self.stack, 1)
        layout.addLayout(self.mark_buttons)
        layout.addLayout(guests)

        QShortcut(QKeySequence.StandardKey.Find, self, activated=self._focus_search)
        QShortcut(QKeySequence("Ctrl+G"), self, activated=self._focus_row_entry)
        QShortcut(QKeySequence("Ctrl+K"), self, activated=self.open_kiosk)
        self.refresh()

    # --- loading -----------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload the meeting list and the chosen meeting's register."""
        if self._announcing:
            return
        with self.ctx.db.session() as session:
            meetings = [m for m in list_meetings(session) if m.status != "cancelled"]
        self.meetings = meetings
        keep = self.meeting_id
        chosen = next((m for m in meetings if m.id == keep), None) or default_meeting(meetings, self.today())
        self.meeting_choice.blockSignals(True)
        self.meeting_choice.clear()
        for m in reversed(meetings):  # newest first: the register being taken is near the top
            self.meeting_choice.addItem(meeting_label(m), m.id)
        # None: nothing held yet; the box stays blank until a meeting is chosen
        self.meeting_choice.setCurrentIndex(self.meeting_choice.findData(chosen.id) if chosen else -1)
        self.meeting_choice.blockSignals(False)
        self.show_meeting(chosen.id if chosen else None)

    def _on_meeting_chosen(self, _index: int) -> None:
        self.show_meeting(self.meeting_choice.currentData())

    def choose_meeting(self, meeting_id: int) -> None:
        self.meeting_choice.setCurrentIndex(self.meeting_choice.findData(meeting_id))

    def today(self) -> date:
        return self._today or date.today()

    def current_meeting(self) -> MeetingSummary | None:
        return next((m for m in self.meetings if m.id == self.meeting_id), None)

    def meeting_is_ahead(self) -> bool:
        meeting = self.current_meeting()
        return meeting is not None and is_ahead(meeting, self.today())

    def show_meeting(self, meeting_id: int | None) -> None:
        self.meeting_id = meeting_id
        if meeting_id is None:
            self.model.set_rows([])
        else:
            with self.ctx.db.session() as session:
                self.model.set_rows(open_register(session, meeting_id))
        for widget in (self.kiosk_button, self.row_entry, self.guest_button, self.search):
            widget.setEnabled(meeting_id is not None)
        ahead = self.meeting_is_ahead()
        for status in ("present", "absent"):
            self.mark_button_for[status].setEnabled(not ahead)
        self.guest_button.setEnabled(meeting_id is not None and not ahead)
        self._show_notice()
        self._update_view()

    def _show_notice(self, refused: str | None = None) -> None:
        """Above the register: a meeting still ahead takes apologies only (and why a mark was refused)."""
        text = register_notice(self.current_meeting(), self.meetings, self.today(), refused=refused)
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def _update_view(self) -> None:
        c = self.model.counts()
        self.counts_label.setText(f"Expected {c.expected}  ·  Present {c.present}  ·  Apologies {c.apologies}"
                                  f"  ·  Absent {c.absent}  ·  Not marked {c.not_marked}")
        if self.meeting_id is None:
            held_none = bool(self.meetings)  # only meetings still ahead: the notice names the next
            self.empty.title.setText("No meeting held yet" if held_none else "No meetings yet")
            self.empty.text.setText(
                "The register opens on the most recent meeting once it has started." if held_none else
                "Plan a meeting on the Meetings screen, or import your old attendance spreadsheet to "
                "bring its meetings and people in.")
            self.stack.setCurrentWidget(self.empty)
        elif self.model.rowCount() == 0:
            self.stack.setCurrentWidget(self.nobody)
        else:
            self.stack.setCurrentWidget(self.table)

    # --- marking -----------------------------------------------------------------------
    def selected_member_ids(self) -> list[int]:
        rows = sorted(self.proxy.mapToSource(i).row() for i in self.table.selectionModel().selectedRows())
        return [self.model.row_at(r).member_id for r in rows]

    def mark(self, member_ids: list[int], status: str | None) -> bool:
        if self.meeting_id is None or not member_ids:
            return False
        if status in ("present", "absent") and self.meeting_is_ahead():
            self._show_notice(refused=status)  # said on the page: no dialog in the middle of typing
            return False
        try:
            with self.ctx.db.session() as session:
                entries = [record_attendance(session, self.meeting_id, member_id=m, status=status)
                           for m in member_ids]
        except UserError as exc:
            QMessageBox.warning(self, "Cannot mark the register", str(exc))
            return False
        for entry in entries:
            self.model.update_entry(entry.member_id, entry.status, entry.checked_in_at)
        self._update_view()
        self._announce()
        return True

    def mark_selected(self, status: str | None) -> None:
        ids = self.selected_member_ids()
        if self.mark(ids, status) and len(ids) == 1:
            self._move_selection(1)

    def toggle_present(self) -> None:
        ids = self.selected_member_ids()
        if len(ids) == 1:
            row = self.model.row_at(self.model.row_of_member(ids[0]) or 0)
            self.mark(ids, None if row.status == "present" else "present")

    def mark_from_row_entry(self) -> None:
        match = ROW_ENTRY.match(self.row_entry.text())
        row = self.model.row_of_number(int(match[1])) if match else None
        if match is None or row is None:
            self.row_entry.setStyleSheet("background: #f6dcdc;")
            self.row_entry.setToolTip(f"No row {self.row_entry.text().strip()!r} on this register")
            return
        self.row_entry.setStyleSheet("")
        if self.mark([self.model.row_at(row).member_id], ROW_SUFFIX[(match[2] or "").lower() or None]):
            self._select_source_row(row)
            self.row_entry.clear()

    def _move_selection(self, step: int) -> None:
        current = self.table.currentIndex()
        target = self.proxy.index(min(max(current.row() + step, 0), self.proxy.rowCount() - 1), 0)
        if target.isValid():
            self.table.setCurrentIndex(target)

    def _select_source_row(self, row: int) -> None:
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if index.isValid():
            self.table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            self.table.scrollTo(index)

    def add_guest(self) -> None:
        first, last = self.guest_first.text().strip(), self.guest_last.text().strip()
        if self.meeting_id is None:
            return
        if not first:
            self.guest_first.setFocus()
            return
        try:
            with self.ctx.db.session() as session:
                guest = add_guest(session, self.meeting_id, first_name=first, last_name=last)
                rows = open_register(session, self.meeting_id)
        except UserError as exc:
            QMessageBox.warning(self, "Cannot add the guest", str(exc))
            return
        self.model.set_rows(rows)
        self.guest_first.clear()
        self.guest_last.clear()
        self._update_view()
        row = self.model.row_of_member(guest.member_id)
        if row is not None:
            self._select_source_row(row)
        self._announce("members")
        self.guest_first.setFocus()

    def _announce(self, *extra: str) -> None:
        self._announcing = True
        try:
            self.ctx.announce("attendance", *extra)
        finally:
            self._announcing = False

    # --- other windows -----------------------------------------------------------------
    def open_kiosk(self, *, full_screen: bool = True):  # noqa: ANN201 - returns the window
        meeting_id, why_not = kiosk_meeting(self.meetings, self.today(), parent=self)
        if meeting_id is None:
            if why_not:
                self.notice.setText(why_not)
                self.notice.show()
            return None
        from communitydesk.gui.attendance.kiosk_window import KioskWindow

        if meeting_id != self.meeting_id:  # the register behind follows the door
            self.choose_meeting(meeting_id)
        self.kiosk = KioskWindow(self.ctx, meeting_id)
        self.kiosk.closed.connect(self._kiosk_closed)
        self.kiosk.checked_in.connect(self._on_kiosk_entry)
        if full_screen:  # the main window hides, so the member list is out of reach at the door
            self.window().hide()
            self.kiosk.setGeometry(self.screen().geometry())  # also without a window manager
            self.kiosk.showFullScreen()
        else:
            self.kiosk.show()
        return self.kiosk

    def _on_kiosk_entry(self, entry) -> None:  # noqa: ANN001 - an AttendanceEntry
        if entry.meeting_id != self.meeting_id:
            return
        if self.model.row_of_member(entry.member_id) is None:  # a newcomer: their row is new
            with self.ctx.db.session() as session:
                self.model.set_rows(open_register(session, entry.meeting_id))
        else:
            self.model.update_entry(entry.member_id, entry.status, entry.checked_in_at)
        self._update_view()

    def _kiosk_closed(self) -> None:
        self.window().show()
        self.kiosk = None
        self.refresh()

    def open_import(self) -> None:
        from communitydesk.gui.attendance.register_import_dialog import RegisterImportDialog

        dialog = RegisterImportDialog(self.ctx, self)
        if dialog.exec() and dialog.result_summary is not None:
            self.refresh()

    def _on_search(self, text: str) -> None:
        self.proxy.set_search(text)

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _focus_row_entry(self) -> None:
        self.row_entry.setFocus()
        self.row_entry.selectAll()
