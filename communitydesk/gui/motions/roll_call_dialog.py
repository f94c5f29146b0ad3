"""A roll call of the people marked present, by keyboard alone.

Keys on the list: F or 1 for, A or 2 against, B or 3 abstain, Delete or 0 takes the vote
back; the selection then moves down, like ticking down a paper list. Each vote shows at
once and is written behind through the runner, one write at a time (votes typed while a
write is on its way go together in the next), since every vote also updates the motion.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from communitydesk.gui.context import AppContext
from communitydesk.gui.operations import Operation, show_problem
from communitydesk.i18n import N_, _
from communitydesk.services.motions.motions import MotionView
from communitydesk.services.motions.votes import RollCallRow, record_vote, roll_call

KEYS = {Qt.Key.Key_F: "for", Qt.Key.Key_1: "for", Qt.Key.Key_A: "against", Qt.Key.Key_2: "against",
        Qt.Key.Key_B: "abstain", Qt.Key.Key_3: "abstain", Qt.Key.Key_Delete: None, Qt.Key.Key_0: None,
        Qt.Key.Key_Backspace: None}
LABELS = {"for": N_("For"), "against": N_("Against"), "abstain": N_("Abstain"), None: ""}  # translated where shown


class VoteTable(QTableWidget):
    vote_key = Signal(object)  # "for" / "against" / "abstain" / None

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        key = Qt.Key(event.key())
        if key in KEYS and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.vote_key.emit(KEYS[key])
            return
        super().keyPressEvent(event)


class RollCallDialog(QDialog):
    def __init__(self, ctx: AppContext, motion: MotionView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.motion = motion
        self.rows: list[RollCallRow] = []
        self.votes: dict[int, str | None] = {}
        self.writing: Operation | None = None
        self.queued: dict[int, str | None] = {}  # member id → vote, waiting for the write on its way
        self.setWindowTitle(_("Roll call — motion {number}").format(number=motion.id))
        self.resize(560, 620)
        wording = QLabel(motion.text)
        wording.setWordWrap(True)
        wording.setStyleSheet("font-weight: 600;")
        keys = QLabel(_("Keys: F or 1 for · A or 2 against · B or 3 abstain · Delete takes a vote back. "
                        "The list moves down after each vote."))
        keys.setWordWrap(True)
        keys.setObjectName("countLabel")
        self.table = VoteTable(0, 3)
        self.table.setHorizontalHeaderLabels([_("No."), _("Name"), _("Vote")])
        self.table.setAccessibleName(_("People present and their votes"))
        self.table.setAccessibleDescription(keys.text())
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.vote_key.connect(self.vote_selected)
        self.tally = QLabel(_("Loading…"))
        self.tally.setObjectName("rollCallTally")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(wording)
        layout.addWidget(keys)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.tally)
        layout.addWidget(buttons)
        self.loading = ctx.ops.read(lambda s: roll_call(s, motion.id), parent=self, done=self.show_rows)

    def show_rows(self, rows: list[RollCallRow]) -> None:
        self.rows = rows
        self.votes = {r.member_id: r.vote for r in rows}
        self.table.setRowCount(len(rows))
        for n, r in enumerate(rows):
            number = QTableWidgetItem("" if r.number is None else str(r.number))
            number.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            name = r.name + ("  " + _("(proxy held by {holder})").format(holder=r.proxy_for) if r.proxy_for else "")
            self.table.setItem(n, 0, number)
            self.table.setItem(n, 1, QTableWidgetItem(name))
            self.table.setItem(n, 2, QTableWidgetItem(_(LABELS[r.vote]) if r.vote else ""))
        self.table.resizeColumnToContents(0)
        if rows:
            self.table.selectRow(next((n for n, r in enumerate(rows) if r.vote is None), 0))
        self.table.setFocus()
        self._show_tally()

    def vote_selected(self, vote: str | None) -> None:
        row = self.table.currentRow()
        if row < 0 or row >= len(self.rows):
            return
        person = self.rows[row]
        if person.proxy_for:
            return  # a proxy vote is recorded with its holder (motions vote --proxy), not here
        self.votes[person.member_id] = vote
        self.table.item(row, 2).setText(_(LABELS[vote]) if vote else "")
        self.queued[person.member_id] = vote
        self._write_queued()
        if row + 1 < len(self.rows):
            self.table.selectRow(row + 1)
        self._show_tally()

    def _write_queued(self) -> None:
        if not self.queued or (self.writing is not None and not self.writing.is_done):
            return
        votes, self.queued, motion_id = self.queued, {}, self.motion.id

        def write(s: Session) -> None:
            for member_id, vote in votes.items():
                record_vote(s, motion_id, member_id=member_id, vote=vote)
        self.writing = self.ctx.ops.write(write, parent=self, done=self._written, failed=self._failed)

    def _written(self, _result: object) -> None:
        self.writing = None  # ``done`` runs before the operation counts as finished
        self._write_queued()

    def _failed(self, exc: Exception) -> None:
        """Show why, and the votes as they really stand."""
        self.writing, self.queued = None, {}
        show_problem(self, exc)
        self.loading = self.ctx.ops.read(lambda s: roll_call(s, self.motion.id), parent=self, done=self.show_rows)

    def is_idle(self) -> bool:
        return not self.queued and (self.writing is None or self.writing.is_done)

    def _show_tally(self) -> None:
        counted = [v for v in self.votes.values() if v]
        figures = {k: counted.count(k) for k in ("for", "against", "abstain")}
        self.tally.setText(_("For {for_} · Against {against} · Abstain {abstain} — {voted} of {people} voted").format(
            for_=figures["for"], against=figures["against"], abstain=figures["abstain"], voted=len(counted),
            people=len(self.rows)))
