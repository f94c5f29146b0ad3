"""The Elections dialog: offices to elect at a meeting, their nominations, the count and the result.

An office with no more candidates than seats is declared unopposed; a contested one
needs the votes for each candidate (typed in the Votes column) before it is declared.
Declaring records the officers on their member records.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from communitydesk.gui.common.dialogs import confirm
from communitydesk.gui.context import AppContext
from communitydesk.gui.meetings.member_picker import MemberPicker
from communitydesk.gui.motions.paper_preview import PaperPreviews
from communitydesk.gui.operations import Operation
from communitydesk.i18n import N_, _, ngettext
from communitydesk.services.motions.elections import (
    Election,
    add_office,
    declare,
    list_elections,
    nominate,
    record_candidate_votes,
)

OUTCOMES = {"no nominations": N_("no nominations"), "pending": N_("pending"),
            "elected by ballot": N_("elected by ballot"), "elected unopposed": N_("elected unopposed")}


def outcome_text(election: Election) -> str:
    """The election's outcome (a fixed English word in the service and the CLI) in the window's language."""
    return _(OUTCOMES.get(election.outcome, election.outcome))


class OfficeDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Office to elect"))
        self.name = QLineEdit(placeholderText=_("Chair, Secretary, Treasurer, Committee member…"))
        self.seats = QSpinBox()
        self.seats.setRange(1, 50)
        form = QFormLayout(self)
        form.addRow(_("&Office:"), self.name)
        form.addRow(_("&Seats:"), self.seats)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class NominationDialog(QDialog):
    def __init__(self, ctx: AppContext, office: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Nominate for {office}").format(office=office))
        self.setMinimumWidth(420)
        self.candidate = MemberPicker(ctx, placeholder=_("Candidate"))
        self.proposer = MemberPicker(ctx, placeholder=_("Proposed by"))
        self.seconder = MemberPicker(ctx, placeholder=_("Seconded by"))
        form = QFormLayout(self)
        form.addRow(_("&Candidate:"), self.candidate)
        form.addRow(_("&Proposer:"), self.proposer)
        form.addRow(_("&Seconder:"), self.seconder)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def people(self) -> tuple[int, int | None, int | None] | None:
        try:
            candidate = self.candidate.member_id()
            people = (candidate, self.proposer.member_id(), self.seconder.member_id())
        except ValueError as exc:
            QMessageBox.information(self, _("Not a member"), _("“{name}” is not on the members list.").format(name=exc))
            return None
        if candidate is None:
            QMessageBox.information(self, _("Candidate needed"), _("Choose who is nominated."))
            return None
        return people  # type: ignore[return-value]


class ElectionsDialog(QDialog):
    def __init__(self, ctx: AppContext, meeting_id: int, parent: QWidget | None = None, *,
                 read_only: bool = False) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.meeting_id = meeting_id
        self.read_only = read_only
        self.elections: list[Election] = []
        self.setWindowTitle(_("Elections"))
        self.resize(860, 520)
        self.offices = QListWidget()
        self.offices.setMaximumWidth(280)
        self.offices.setAccessibleName(_("Offices to elect"))
        self.offices.currentRowChanged.connect(lambda _r: self._show_current())
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([_("Candidate"), _("Proposed by"), _("Seconded by"), _("Votes"),
                                              _("Elected")])
        self.table.setAccessibleName(_("Candidates"))
        self.table.setAccessibleDescription(_("Type each candidate's votes in the Votes column"))
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for key, label, slot in (("office", _("&Add office…"), self.add_office),
                                 ("nominate", _("&Nominate…"), self.nominate),
                                 ("votes", _("Save &votes"), self.save_votes),
                                 ("declare", _("&Declare result…"), self.declare),
                                 ("ballot", _("&Ballot paper…"), self.print_ballot)):
            button = QPushButton(label)
            button.clicked.connect(slot)
            self.buttons[key] = button
            row.addWidget(button)
        row.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.summary)
        right.addWidget(self.table, 1)
        body = QHBoxLayout()
        body.addWidget(self.offices)
        body.addLayout(right, 1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addLayout(body, 1)
        layout.addWidget(close)
        self.papers = PaperPreviews(ctx, self)
        self.loading = self.load()

    def load(self, select: int | None = None) -> Operation:
        meeting_id = self.meeting_id
        return self.ctx.ops.read(lambda s: list_elections(s, meeting_id), parent=self,
                                 done=lambda rows: self.show_elections(rows, select), key=f"elections-{id(self)}")

    def show_elections(self, elections: list[Election], select: int | None = None) -> None:
        current = self.current()
        want = select or (current.id if current else None)
        self.elections = elections
        self.offices.clear()
        for e in elections:
            seats = ngettext("{n} seat", "{n} seats", e.seats).format(n=e.seats)
            item = QListWidgetItem(f"{e.office} ({seats}) — {outcome_text(e)}")
            item.setData(Qt.ItemDataRole.UserRole, e.id)
            self.offices.addItem(item)
        index = next((n for n, e in enumerate(elections) if e.id == want), 0 if elections else -1)
        self.offices.setCurrentRow(index)
        self._show_current()

    def current(self) -> Election | None:
        row = self.offices.currentRow()
        return self.elections[row] if 0 <= row < len(self.elections) else None

    def _show_current(self) -> None:
        e = self.current()
        candidates = e.candidates if e else ()
        self.table.setRowCount(len(candidates))
        for n, c in enumerate(candidates):
            cells = [c.name, c.proposer or "—", c.seconder or "—", "" if c.votes is None else str(c.votes),
                     _("Elected") if c.elected else ""]
            for col, value in enumerate(cells):
                item = QTableWidgetItem(value)
                editable = col == 3 and e is not None and e.contested and not e.declared and not self.read_only
                if not editable:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(n, col, item)
        if e is None:
            self.summary.setText(_("No offices yet: add the offices to elect (Chair, Treasurer, Committee × 5…)."))
        elif not e.candidates:
            self.summary.setText(_("{office}: nobody nominated yet.").format(office=e.office))
        elif e.declared:
            self.summary.setText(f"{e.office}: {outcome_text(e)}.")
        elif e.contested:
            self.summary.setText(_("{office}: {candidates} candidates for {seats} seat(s) — contested. Type each "
                                   "candidate's votes, save them, then declare.").format(
                office=e.office, candidates=len(e.candidates), seats=e.seats))
        else:
            self.summary.setText(_("{office}: {candidates} candidate(s) for {seats} seat(s) — elected unopposed "
                                   "when declared.").format(office=e.office, candidates=len(e.candidates),
                                                            seats=e.seats))
        open_ = e is not None and not e.declared and not self.read_only
        self.buttons["office"].setEnabled(not self.read_only)
        self.buttons["nominate"].setEnabled(open_)
        self.buttons["votes"].setEnabled(open_ and e.contested)
        self.buttons["declare"].setEnabled(open_ and bool(e.candidates))
        self.buttons["ballot"].setEnabled(e is not None and e.contested and not e.declared)
        self.buttons["ballot"].setToolTip(_("A ballot paper for this office, candidates in a random order "
                                            "that is the same on every copy") if e is not None and e.contested
                                          else _("Only a contested office (more candidates than seats) "
                                                 "needs a ballot"))

    @staticmethod
    def run_dialog(dialog: QDialog) -> bool:
        """Tests patch this."""
        return bool(dialog.exec())

    def add_office(self) -> Operation | None:
        dialog = OfficeDialog(self)
        if not self.run_dialog(dialog) or not dialog.name.text().strip():
            return None
        name, seats, meeting_id = dialog.name.text().strip(), dialog.seats.value(), self.meeting_id
        return self.ctx.ops.write(lambda s: add_office(s, meeting_id, name=name, seats=seats), parent=self,
                                  done=lambda e: self.load(select=e.id))

    def nominate(self) -> Operation | None:
        e = self.current()
        if e is None:
            return None
        dialog = NominationDialog(self.ctx, e.office, self)
        if not self.run_dialog(dialog):
            return None
        people = dialog.people()
        if people is None:
            return None
        candidate, proposer, seconder = people
        return self.ctx.ops.write(lambda s: nominate(s, e.id, member_id=candidate, proposer_id=proposer,
                                                     seconder_id=seconder),
                                  parent=self, done=lambda _e: self.load(select=e.id))

    def save_votes(self) -> Operation | None:
        e = self.current()
        if e is None:
            return None
        votes: dict[int, int] = {}
        for n, c in enumerate(e.candidates):
            text = self.table.item(n, 3).text().strip()
            if text:
                if not text.isdigit():
                    QMessageBox.information(self, _("Votes"), _("{name}: “{text}” is not a number of votes.")
                                            .format(name=c.name, text=text))
                    return None
                votes[c.member_id] = int(text)
        return self.ctx.ops.write(lambda s: record_candidate_votes(s, e.id, votes), parent=self,
                                  done=lambda _e: self.load(select=e.id))

    def declare(self) -> Operation | None:
        e = self.current()
        if e is None or not self.confirm(_("Declare the result for {office}? The officers are recorded on "
                                           "their member records and the result cannot be changed.")
                                         .format(office=e.office)):
            return None
        return self.ctx.ops.write(lambda s: declare(s, e.id), parent=self, done=lambda _e: self.load(select=e.id))

    def print_ballot(self) -> Operation | None:
        """The current office's ballot paper, in the PDF preview."""
        e = self.current()
        if e is None or not e.contested:
            return None
        return self.papers.ballot(e.id)

    def confirm(self, text: str) -> bool:
        """Tests patch this."""
        return confirm(self, _("Declare result"), text, _("Declare"))
