"""The Attendance screen: choose a meeting, take the register by row number, keys or mouse.

Keys on the register: P or 1 present, A or 2 apologies, X or 3 absent, Delete clears,
Up/Down move (the selection moves on after a mark, like ticking down a paper sheet).
The "Row no." box takes the number from the paper sheet: ``17`` marks row 17
present, ``17a`` apologies, ``17x`` absent. Opening a meeting's register fixes its
row numbers (as printing does), so row 17 stays row 17 when people are added: the
register is read without writing, and numbers still provisional are then fixed by
a write of their own.

Nothing here waits for the database: the meetings and the chosen register load in
one read through the operation runner, and a mark shows at once while it is
written behind (``register_marks``).

The screen opens on the most recent meeting that has started; a meeting still ahead
can be chosen, but takes apologies only until its day.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from communitydesk.gui.accessibility import announce
from communitydesk.gui.attendance.kiosk_window import LEAVE_SHORTCUT
from communitydesk.gui.attendance.meeting_choice import (
    MeetingListModel,
    PageLoad,
    is_ahead,
    load_page,
    register_notice,
)
from communitydesk.gui.attendance.page_windows import PageWindows
from communitydesk.gui.attendance.register_marking import RegisterMarking
from communitydesk.gui.attendance.register_marks import RegisterMarks
from communitydesk.gui.attendance.register_table_model import (
    RegisterFilterProxy,
    RegisterTableModel,
)
from communitydesk.gui.attendance.register_view import GuestRow, make_register_table
from communitydesk.gui.common.shortcuts import press_on
from communitydesk.gui.common.widgets import EmptyState, PageHeader
from communitydesk.gui.context import AppContext
from communitydesk.gui.motions.quorum_indicator import QuorumIndicator  # #16
from communitydesk.gui.operations import Operation
from communitydesk.i18n import N_, _
from communitydesk.services.attendance.register import RegisterRow
from communitydesk.services.attendance.screen import (
    MeetingChoice,
    RegisterSnapshot,
    fix_register_numbers,
    read_register,
)

NO_MEETINGS_TEXT = N_("Plan a meeting on the Meetings screen, or import your old attendance spreadsheet "
                      "to bring its meetings and people in.")
NOTICE_STYLE = "background: #fff1c9; color: #5a4300; border-radius: 4px; padding: 6px 10px;"


class AttendancePage(RegisterMarking, PageWindows, QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 today: date | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.role_refused: dict[str, str] = {}  # capability -> why this login may not (role_access)
        self._today = today  # tests fix the date; None: the real one
        self.meeting_id: int | None = None
        self.meetings: list[MeetingChoice] = []
        self._own_write_landing = False  # the runner's change signal after our own write: no reload
        self._refresh_wanted = False  # a refresh asked for while marks were being written
        self.kiosk = None
        self.kiosk_covers_page = False  # the full-screen kiosk hides the window
        self.loading: Operation | None = None
        self.numbering: Operation | None = None
        self.adding_guest: Operation | None = None
        self.model = RegisterTableModel(self)
        self.proxy = RegisterFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.marks = RegisterMarks(ctx, self.model, self, lambda: self.meeting_id)
        self.marks.shown.connect(self._update_view)
        self.marks.written.connect(self._own_write)
        self.marks.landed.connect(self._own_write_landed)
        self.marks.settled.connect(self._refresh_if_wanted)

        self.header = PageHeader(_("Attendance"), _("Take the register: row numbers match the printed sign-in sheet"))
        self.kiosk_button = QPushButton(_("Check-in &kiosk…"))
        self.kiosk_button.setObjectName("primary")
        self.kiosk_button.setToolTip(_("Full-screen check-in for a laptop at the door (Ctrl+K), on today's "
                                       "meeting. Organisers leave it with {shortcut} (and the kiosk "
                                       "PIN, if one is set in Settings).").format(shortcut=LEAVE_SHORTCUT))
        self.kiosk_button.clicked.connect(self.open_kiosk)
        self.import_button = QPushButton(_("Import old &register…"))
        self.import_button.clicked.connect(self.open_import)
        self.header.add_widget(self.import_button)
        from communitydesk.gui.outreach.hooks import register_email_button  # #18
        self.email_button = register_email_button(ctx, self, self.model.rows, lambda: self.meeting_id)
        self.header.add_widget(self.email_button)
        self.header.add_widget(self.kiosk_button)

        self.meeting_choice = QComboBox()
        self.meeting_choice.setAccessibleName(_("Meeting"))
        self.meeting_list = MeetingListModel(self)
        self.meeting_choice.setModel(self.meeting_list)
        self.meeting_choice.setMinimumWidth(380)
        # sized by a typical label, not by measuring all 2,000 meetings on the UI thread
        self.meeting_choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.meeting_choice.setMinimumContentsLength(40)
        self.meeting_choice.setEditable(True)  # type part of a title or date to find a meeting
        self.meeting_choice.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.meeting_choice.lineEdit().setPlaceholderText(_("Choose a meeting…"))
        completer = QCompleter(self.meeting_list.completion, self.meeting_choice)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.meeting_choice.setCompleter(completer)
        self.meeting_choice.currentIndexChanged.connect(self._on_meeting_chosen)
        self.row_entry = QLineEdit(placeholderText=_("Row no. ⏎"))
        self.row_entry.setObjectName("rowEntry")
        self.row_entry.setAccessibleName(_("Row number from the paper sheet"))
        self.row_entry.setAccessibleDescription(_("17 present, 17a apologies, 17x absent, then Enter"))
        self.row_entry.setMaximumWidth(110)
        self.row_entry.setToolTip(_("Type the row number from the paper sheet and press Enter: 17 present, "
                                    "17a apologies, 17x absent (Ctrl+G)"))
        self.row_entry.returnPressed.connect(self.mark_from_row_entry)
        self.search = QLineEdit(placeholderText=_("Find a name…  (Ctrl+F)"))
        self.search.setAccessibleName(_("Find a name in the register"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_search)
        chooser = QHBoxLayout()
        chooser.addWidget(QLabel(_("Meeting:")))
        chooser.addWidget(self.meeting_choice, 2)
        chooser.addWidget(self.row_entry)
        chooser.addWidget(self.search, 1)
        self.quorum = QuorumIndicator(ctx)  # #16: live "Present 23 of 18 needed — quorate"
        chooser.addWidget(self.quorum)

        self.table = make_register_table(self.proxy)
        self.table.mark_requested.connect(self.mark_selected)
        self.table.doubleClicked.connect(lambda _index: self.toggle_present())

        self.notice = QLabel()
        self.notice.setObjectName("registerNotice")
        self.notice.setStyleSheet(NOTICE_STYLE)
        self.notice.setWordWrap(True)
        self.notice.hide()

        self.mark_buttons = QHBoxLayout()
        self.mark_button_for: dict[str | None, QPushButton] = {}
        for text, status, tip in ((_("Pre&sent"), "present", _("P or 1")),
                                  (_("Apol&ogies"), "apologies", _("A or 2")),
                                  (_("A&bsent"), "absent", _("X or 3")), (_("C&lear"), None, _("Delete key"))):
            button = QPushButton(text)
            button.setToolTip(_("Mark the selected people ({keys})").format(keys=tip))
            button.clicked.connect(lambda _checked=False, s=status: self.mark_selected(s))
            self.mark_buttons.addWidget(button)
            self.mark_button_for[status] = button
        self.present_button, self.apologies_button, self.absent_button, self.clear_button = \
            self.mark_button_for.values()  # named, so a role that may not mark greys them (role_access)
        from communitydesk.gui.dues.door import add_paid_at_the_door  # #17

        add_paid_at_the_door(self)
        self.mark_buttons.addStretch(1)
        self.counts_label = QLabel()
        self.counts_label.setObjectName("countLabel")
        self.counts_label.setWordWrap(True)  # large text: the counts wrap rather than being cut (#19)
        self.mark_buttons.addWidget(self.counts_label)

        self.guests = GuestRow()
        self.guests.submitted.connect(self.add_guest)
        self.guest_first, self.guest_last, self.guest_button = (self.guests.first, self.guests.last,
                                                                self.guests.button)

        self.empty = EmptyState(_("No meetings yet"), _(NO_MEETINGS_TEXT))
        self.nobody = EmptyState(_("Nobody is expected"), _("This meeting has nobody on its register yet: add "
                                 "active members or members to its tag, or add guests below."))
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
        layout.addWidget(self.guests)

        QShortcut(QKeySequence.StandardKey.Find, self, activated=self._focus_search)
        QShortcut(QKeySequence("Ctrl+G"), self, activated=self._focus_row_entry)
        press_on("Ctrl+K", self.kiosk_button, self)
        for widget in (self.kiosk_button, self.row_entry, self.guest_button, self.search):
            widget.setEnabled(False)  # until the register has loaded
        self.refresh()

    # --- loading -----------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload the meeting list and the chosen meeting's register (in the background)."""
        if self._own_write_landing:
            return  # our own marks are on screen already
        if self.kiosk is not None and self.kiosk_covers_page:
            return  # hidden behind the door kiosk, which reports its check-ins; reloads when it closes
        if self.marks.busy:
            self._refresh_wanted = True  # a reload now could show a mark still being written as undone
            return
        keep, today = self.meeting_id, self.today()
        self._set_loading(True)
        self.loading = self.ctx.ops.read(lambda s: load_page(s, keep, today), parent=self,
                                         done=self._show_page, key=self._register_key())

    def _register_key(self) -> str:
        return f"attendance-register-{id(self)}"  # the newest of page load and meeting choice wins

    def _set_loading(self, loading: bool) -> None:
        self.meeting_choice.lineEdit().setPlaceholderText(_("Loading…") if loading else _("Choose a meeting…"))

    def _show_page(self, load: PageLoad) -> None:
        self._set_loading(False)
        self.meeting_choice.blockSignals(True)
        if list(load.meetings) != self.meetings:  # 2,000 meetings: reset only when they changed
            self.meetings = list(load.meetings)
            self.meeting_list.set_meetings(self.meetings)
        # None: nothing held yet; the box stays blank until a meeting is chosen
        self.meeting_choice.setCurrentIndex(self.meeting_list.row_of(load.chosen_id))
        self.meeting_choice.blockSignals(False)
        self._show_register(load.chosen_id, load.register)

    def _refresh_if_wanted(self) -> None:
        if self._refresh_wanted:
            self._refresh_wanted = False
            self.refresh()

    def _own_write(self) -> None:
        """The runner announces what our own write changed right after its ``done``: skip that reload
        (the flag drops when the operation finishes, just after)."""
        self._own_write_landing = True

    def _own_write_landed(self) -> None:
        self._own_write_landing = False

    def wait_until_loaded(self) -> None:
        """Until the page's reads and writes have landed (``show_page``, closing, tests)."""
        while True:
            pending = [op for op in (self.loading, self.numbering, self.adding_guest, self.marks.running)
                       if op is not None and not op.is_done]
            if not pending:
                return
            pending[0].wait()

    def _on_meeting_chosen(self, _index: int) -> None:
        self.show_meeting(self.meeting_choice.currentData())

    def choose_meeting(self, meeting_id: int) -> None:
        self.meeting_choice.setCurrentIndex(self.meeting_list.row_of(meeting_id))

    def today(self) -> date:
        return self._today or date.today()

    def current_meeting(self) -> MeetingChoice | None:
        return next((m for m in self.meetings if m.id == self.meeting_id), None)

    def meeting_is_ahead(self) -> bool:
        meeting = self.current_meeting()
        return meeting is not None and is_ahead(meeting, self.today())

    def show_meeting(self, meeting_id: int | None) -> None:
        """Show a meeting's register: one read; its numbers are fixed afterwards if need be."""
        if meeting_id is None:
            self._show_register(None, None)
            return
        self.meeting_id = meeting_id
        self.model.set_rows([])
        self.stack.setCurrentWidget(self.table)
        self.load_register(meeting_id)

    def load_register(self, meeting_id: int) -> None:
        """One read; the newest of this and a page load wins."""
        self._set_loading(True)
        self.loading = self.ctx.ops.read(lambda s: read_register(s, meeting_id), parent=self,
                                         done=lambda snapshot: self._show_register(meeting_id, snapshot),
                                         key=self._register_key())

    def _show_register(self, meeting_id: int | None, snapshot: RegisterSnapshot | None) -> None:
        self._set_loading(False)
        self.meeting_id = meeting_id
        self.quorum.set_meeting(meeting_id)  # #16
        self.model.set_register(self.marks.merge(snapshot.rows) if snapshot else ())
        for widget in (self.kiosk_button, self.row_entry, self.guest_button, self.search):
            widget.setEnabled(meeting_id is not None)
        ahead = self.meeting_is_ahead()
        for status in ("present", "absent"):
            self.mark_button_for[status].setEnabled(not ahead)
        self.guest_button.setEnabled(meeting_id is not None and not ahead)
        self._show_notice()
        self._update_view()
        if snapshot is not None and snapshot.needs_numbering:
            self._fix_numbers(snapshot)

    def _fix_numbers(self, shown: RegisterSnapshot) -> None:
        """First opening of a register: store its row numbers, as printing the sheet does (a write);
        the register comes back only if they differ from the ones shown."""
        meeting_id = shown.meeting_id
        self.numbering = self.ctx.ops.write(lambda s: fix_register_numbers(s, meeting_id, shown), parent=self,
                                            done=lambda rows: self._numbered(meeting_id, rows))
        self.numbering.finished.connect(self._own_write_landed)

    def _numbered(self, meeting_id: int, rows: tuple[RegisterRow, ...] | None) -> None:
        self._own_write()
        if rows is not None and meeting_id == self.meeting_id and not self.model.same_numbers(list(rows)):
            self._set_rows_keeping_selection(list(rows))  # someone was numbered differently meanwhile

    def _set_rows_keeping_selection(self, rows: list[RegisterRow]) -> None:
        selected = self.selected_member_ids()
        self.model.set_register(self.marks.merge(rows))
        self._update_view()
        if len(selected) == 1 and (row := self.model.row_of_member(selected[0])) is not None:
            self._select_source_row(row)

    def _show_notice(self, refused: str | None = None) -> None:
        """Above the register: a meeting still ahead takes apologies only (and why a mark was refused)."""
        text = register_notice(self.current_meeting(), self.meetings, self.today(), refused=refused)
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def _update_view(self) -> None:
        c = self.model.counts()
        self.counts_label.setText(_("Expected {expected}  ·  Present {present}  ·  Apologies {apologies}"
                                    "  ·  Absent {absent}  ·  Not marked {not_marked}").format(
            expected=c.expected, present=c.present, apologies=c.apologies, absent=c.absent,
            not_marked=c.not_marked))
        announce(self.counts_label, self.counts_label.text())
        if self.meeting_id is None:
            held_none = bool(self.meetings)  # only meetings still ahead: the notice names the next
            self.empty.title.setText(_("No meeting held yet") if held_none else _("No meetings yet"))
            self.empty.text.setText(
                _("The register opens on the most recent meeting once it has started.") if held_none
                else _(NO_MEETINGS_TEXT))
            self.stack.setCurrentWidget(self.empty)
        elif self.model.rowCount() == 0:
            self.stack.setCurrentWidget(self.nobody)
        else:
            self.stack.setCurrentWidget(self.table)

    def _on_search(self, text: str) -> None:
        self.proxy.set_search(text)

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _focus_row_entry(self) -> None:
        self.row_entry.setFocus()
        self.row_entry.selectAll()
