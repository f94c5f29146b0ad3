"""The Motions tab of the meeting screen: motions and amendments, their votes and results.

Keys: Ctrl+N a new motion, Ctrl+M an amendment to the selected motion, Enter edits,
H a show of hands, R a roll call, Ctrl+Shift+E the elections. Everything loads when the tab is
first shown and again after each change, in one read through the runner.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from communitydesk.gui.common.dialogs import confirm
from communitydesk.gui.common.widgets import EmptyState
from communitydesk.gui.context import AppContext
from communitydesk.gui.motions.hands_dialog import HandsDialog
from communitydesk.gui.motions.motion_dialog import MotionDialog, MotionValues
from communitydesk.gui.motions.paper_preview import PaperPreviews
from communitydesk.gui.motions.roll_call_dialog import RollCallDialog
from communitydesk.gui.operations import Operation
from communitydesk.i18n import N_, _
from communitydesk.services.motions.motions import (
    MotionView,
    add_motion,
    clear_votes,
    edit_motion,
    motion_numbers,
    record_hands,
    withdraw_motion,
)
from communitydesk.services.motions.screen import MotionsScreen, motions_screen

COLUMNS = (N_("No."), N_("Motion"), N_("Proposed / seconded"), N_("Needs"), N_("For"), N_("Against"), N_("Abstain"),
           N_("Result"))  # translated where shown, as NEEDS and RESULTS
NEEDS = {"simple": N_("Simple"), "two-thirds": N_("Two-thirds"), "three-quarters": N_("Three-quarters")}
RESULTS = {"carried": N_("carried"), "lost": N_("lost"), "not quorate": N_("not quorate"), "pending": N_("pending"),
           "withdrawn": N_("withdrawn")}
RESULT_COLOURS = {"carried": "#1f5f3f", "lost": "#7a2a12", "not quorate": "#7a5a00", "pending": "#5f6b66"}


class MotionsPanel(QWidget):
    changed = Signal()
    quorum_read = Signal(object)  # the Quorum each read brings, for the meeting screen's header

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.meeting_id: int | None = None
        self.read_only = False
        self.screen: MotionsScreen | None = None
        self.loading: Operation | None = None
        self._select_after: int | None = None  # a motion just put or changed
        self.papers = PaperPreviews(ctx, self)
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for key, label, tip, slot in (
            ("new", _("New motion…"), _("Put a motion to the meeting (Ctrl+N)"), self.new_motion),
            ("amend", _("Amend…"), _("An amendment to the selected motion, voted first (Ctrl+M)"), self.amend),
            ("edit", _("E&dit…"), _("Change the selected motion (Enter)"), self.edit),
            ("withdraw", _("&Withdraw"), _("Withdraw the selected motion (or put it back)"), self.withdraw),
            ("hands", _("Sh&ow of hands…"), _("Record the counts for, against and abstaining (H)"), self.hands),
            ("roll", _("Ro&ll call…"), _("Take the votes of the people present by name (R)"), self.roll_call),
            ("clear", _("&Clear votes"), _("Take back every vote on the selected motion"), self.clear),
            ("sheet", _("Roll-call &sheet…"), _("A paper sheet to take the selected motion's roll call: "
                                                "the people present, a box each for for, against and "
                                                "abstain"), self.print_roll_call_sheet),
            ("elections", _("Elections…"), _("AGM elections: offices, nominations, results (Ctrl+Shift+E)"),
             self.open_elections),
        ):
            button = QPushButton(label)
            button.setToolTip(tip)
            button.clicked.connect(slot)
            self.buttons[key] = button
            row.addWidget(button)
        row.addStretch(1)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([_(c) for c in COLUMNS])
        self.table.setAccessibleName(_("Motions"))
        self.table.setTabKeyNavigation(False)  # Tab leaves the list (#19)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._enable)
        self.table.doubleClicked.connect(lambda _i: self.edit())
        self.empty = EmptyState(_("No motions yet"),
                                _("Put a motion with New motion (Ctrl+N): its wording, who proposed and "
                                  "seconded it, and the majority it needs. Record a show of hands or a "
                                  "roll call, and the result follows the group's rules."))
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.stack, 1)
        for keys, slot in (("Ctrl+N", self.new_motion), ("Ctrl+M", self.amend), ("Ctrl+Shift+E", self.open_elections)):
            QShortcut(QKeySequence(keys), self, activated=slot,
                      context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        for keys, slot in (("H", self.hands), ("R", self.roll_call), ("Return", self.edit)):
            QShortcut(QKeySequence(keys), self.table, activated=slot, context=Qt.ShortcutContext.WidgetShortcut)
        self._enable()

    # --- loading ---------------------------------------------------------------------
    def set_meeting(self, meeting_id: int | None, *, read_only: bool = False) -> Operation | None:
        """The meeting to show; read when the tab is visible (see ``load``)."""
        self.read_only = read_only
        if meeting_id != self.meeting_id:
            self.meeting_id = meeting_id
            self.screen = None
            self.table.setRowCount(0)
        return self.load() if self.isVisible() else None

    def showEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        super().showEvent(event)
        if self.screen is None:
            self.load()

    def load(self) -> Operation | None:
        meeting_id = self.meeting_id
        if meeting_id is None:
            self.show_screen(None)
            return None
        self.loading = self.ctx.ops.read(lambda s: motions_screen(s, meeting_id), parent=self,
                                         done=self.show_screen, key=f"motions-{id(self)}")
        return self.loading

    def show_screen(self, screen: MotionsScreen | None) -> None:
        if screen is not None and screen.meeting_id != self.meeting_id:
            return
        keep = self.selected()
        self.screen = screen
        motions = screen.motions if screen else ()
        self.table.setRowCount(len(motions))
        numbers = motion_numbers(motions)
        for n, m in enumerate(motions):
            wording = ("↳ " + _("Amendment:") + " " if m.parent_id else "") + m.text
            people = " / ".join(p or "—" for p in (m.proposer, m.seconder))
            figures = ["" if v is None else str(v) for v in (m.votes_for, m.against, m.abstain)]
            result = _(RESULTS["withdrawn" if m.withdrawn else m.result])
            if m.casting_vote and not m.withdrawn and m.result != "pending":
                result += " " + _("(casting vote)")
            cells = [numbers[m.id], wording, people, _(NEEDS[m.majority]), *figures, result]
            for col, value in enumerate(cells):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, m.id)
                if col >= 4:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if col == 7:
                    item.setForeground(QColor(RESULT_COLOURS.get(m.result, "#5f6b66")))
                if m.withdrawn:
                    item.setForeground(QColor("#8a8f8c"))
                self.table.setItem(n, col, item)
        self.table.resizeRowsToContents()
        self.stack.setCurrentWidget(self.table if motions else self.empty)
        if screen is not None:
            self.quorum_read.emit(screen.quorum)
        want, self._select_after = self._select_after or (keep.id if keep else None), None
        if want is not None:
            self.select_motion(want)
        elif motions:
            self.table.selectRow(0)
        self._enable()

    # --- selection -------------------------------------------------------------------
    def selected(self) -> MotionView | None:
        if self.screen is None:
            return None
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        motion_id = self.table.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole)
        return next((m for m in self.screen.motions if m.id == motion_id), None)

    def select_motion(self, motion_id: int) -> None:
        for n in range(self.table.rowCount()):
            if self.table.item(n, 0).data(Qt.ItemDataRole.UserRole) == motion_id:
                self.table.selectRow(n)
                return

    def _enable(self) -> None:
        m = self.selected()
        open_ = m is not None and not m.withdrawn and not self.read_only
        can_vote = open_ and m.method != "roll call"
        self.buttons["new"].setEnabled(self.meeting_id is not None and not self.read_only)
        self.buttons["amend"].setEnabled(open_ and m.parent_id is None and not m.method)
        self.buttons["edit"].setEnabled(m is not None and not self.read_only)
        self.buttons["withdraw"].setEnabled(m is not None and not m.method and not self.read_only)
        self.buttons["withdraw"].setText(_("Put &back") if m is not None and m.withdrawn else _("&Withdraw"))
        self.buttons["hands"].setEnabled(can_vote)
        self.buttons["roll"].setEnabled(open_ and m.method != "hands")
        self.buttons["clear"].setEnabled(m is not None and bool(m.method) and not self.read_only)
        self.buttons["sheet"].setEnabled(m is not None and not m.withdrawn)
        self.buttons["elections"].setEnabled(self.meeting_id is not None)

    # --- actions ---------------------------------------------------------------------
    def _write(self, fn: Callable[[Session], object], select: bool = True) -> Operation:
        def done(result: object) -> None:
            if select and isinstance(result, MotionView):
                self._select_after = result.id
            self.load()
            self.changed.emit()
        return self.ctx.ops.write(fn, parent=self, done=done)

    def _ask(self, motion: MotionView | None = None, amends: MotionView | None = None) -> MotionValues | None:
        items = self.screen.agenda_items if self.screen else ()
        dialog = MotionDialog(self.ctx, items, self, motion=motion, amends=amends)
        return dialog.values() if self.run_dialog(dialog) else None

    @staticmethod
    def run_dialog(dialog) -> bool:  # noqa: ANN001 - tests patch this to fill the dialog in
        return bool(dialog.exec())

    def new_motion(self) -> Operation | None:
        if self.meeting_id is None or self.read_only:
            return None
        values, meeting_id = self._ask(), self.meeting_id
        if values is None:
            return None
        return self._write(lambda s: add_motion(
            s, meeting_id, text=values.text, agenda_item_id=values.agenda_item_id,
            proposer_id=values.proposer_id, seconder_id=values.seconder_id, majority=values.majority))

    def amend(self) -> Operation | None:
        parent = self.selected()
        if parent is None or not self.buttons["amend"].isEnabled():
            return None
        values, meeting_id = self._ask(amends=parent), self.meeting_id
        if values is None or meeting_id is None:
            return None
        return self._write(lambda s: add_motion(
            s, meeting_id, text=values.text, agenda_item_id=values.agenda_item_id, amends=parent.id,
            proposer_id=values.proposer_id, seconder_id=values.seconder_id, majority=values.majority))

    def edit(self) -> Operation | None:
        motion = self.selected()
        if motion is None or self.read_only:
            return None
        values = self._ask(motion=motion)
        if values is None:
            return None
        changes = {"text": values.text, "proposer_id": values.proposer_id, "seconder_id": values.seconder_id,
                   "majority": values.majority, "agenda_item_id": values.agenda_item_id}
        return self._write(lambda s: edit_motion(s, motion.id, changes, expected_version=motion.version))

    def withdraw(self) -> Operation | None:
        motion = self.selected()
        if motion is None or not self.buttons["withdraw"].isEnabled():
            return None
        if not motion.withdrawn and not self.confirm(
                _("Withdraw motion"), _("Withdraw motion {number}?\n\n{text}\n\nIt stays in the minutes as "
                                        "withdrawn; it can be put back.").format(number=motion.id, text=motion.text),
                _("Withdraw")):
            return None
        return self._write(lambda s: withdraw_motion(s, motion.id, withdrawn=not motion.withdrawn))

    def hands(self) -> Operation | None:
        motion = self.selected()
        if motion is None or not self.buttons["hands"].isEnabled():
            return None
        present = self.screen.quorum.present if self.screen else 0
        dialog = HandsDialog(motion, present, self)
        if not self.run_dialog(dialog):
            return None
        votes_for, against, abstain, casting = dialog.figures()
        return self._write(lambda s: record_hands(s, motion.id, votes_for=votes_for, against=against,
                                                  abstain=abstain, casting_vote=casting))

    def roll_call(self) -> RollCallDialog | None:
        motion = self.selected()
        if motion is None or not self.buttons["roll"].isEnabled():
            return None
        dialog = RollCallDialog(self.ctx, motion, self)
        dialog.finished.connect(lambda _r: self.load())
        self.run_dialog(dialog)
        return dialog

    def clear(self) -> Operation | None:
        motion = self.selected()
        if motion is None or not self.confirm(_("Clear votes"), _("Take back every vote on motion {number}?")
                                              .format(number=motion.id), _("Clear votes")):
            return None
        return self._write(lambda s: clear_votes(s, motion.id))

    def print_roll_call_sheet(self) -> Operation | None:
        """The selected motion's roll-call sheet, in the PDF preview."""
        motion = self.selected()
        if motion is None or not self.buttons["sheet"].isEnabled():
            return None
        return self.papers.roll_call_sheet(motion.id)

    def open_elections(self) -> QWidget | None:
        if self.meeting_id is None:
            return None
        from communitydesk.gui.motions.elections_dialog import ElectionsDialog

        dialog = ElectionsDialog(self.ctx, self.meeting_id, self, read_only=self.read_only)
        self.run_dialog(dialog)
        return dialog

    def confirm(self, title: str, text: str, action: str) -> bool:
        """The window's one confirm question (a button named ``action``, Cancel the default); tests patch this."""
        return confirm(self, title, text, action)


