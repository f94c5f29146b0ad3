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

from communitydesk.gui.context import AppContext
from communitydesk.gui.meetings.member_picker import MemberPicker
from communitydesk.gui.motions.paper_preview import PaperPreviews
from communitydesk.gui.operations import Operation
from communitydesk.services.motions.elections import (
    Election,
    add_office,
    declare,
    list_elections,
    nominate,
    record_candidate_votes,
)


class OfficeDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Office to elect")
        self.name = QLineEdit(placeholderText="Chair, Secretary, Treasurer, Committee member…")
        self.seats = QSpinBox()
        self.seats.setRange(1, 50)
        form = QFormLayout(self)
        form.addRow("&Office:", self.name)
        form.addRow("&Seats:", self.seats)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class NominationDialog(QDialog):
    def __init__(self, ctx: AppContext, office: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Nominate for {office}")
        self.setMinimumWidth(420)
        self.candidate = MemberPicker(ctx, placeholder="Candidate")
        self.proposer = MemberPicker(ctx, placeholder="Proposed by")
        self.seconder = MemberPicker(ctx, placeholder="Seconded by")
        form = QFormLayout(self)
        form.addRow("&Candidate:", self.candidate)
        form.addRow("&Proposer:", self.proposer)
        form.addRow("&Seconder:", self.seconder)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def people(self) -> tuple[int, int | None, int | None] | None:
        try:
            candidate = self.candidate.member_id()
            people = (candidate, self.proposer.member_id(), self.seconder.member_id())
        except ValueError as exc:
            QMessageBox.information(self, "Not a member", f"“{exc}” is not on the members list.")
            return None
        if candidate is None:
            QMessageBox.information(self, "Candidate needed", "Choose who is nominated.")
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
        self.setWindowTitle("Elections")
        self.resize(860, 520)
        self.offices = QListWidget()
        self.offices.setMaximumWidth(280)
        self.offices.currentRowChanged.connect(lambda _r: self._show_current())
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(["Candidate", "Proposed by", "Seconded by", "Votes", "Elected"])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for key, label, slot in (("office", "&Add office…", self.add_office),
                                 ("nominate", "&Nominate…", self.nominate),
                                 ("votes", "Save &votes", self.save_votes),
                                 ("declare", "&Declare result…", self.declare),
                                 ("ballot", "&Ballot paper…", self.print_ballot)):
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
            item = QListWidgetItem(f"{e.office} ({e.seats} seat{'s' if e.seats != 1 else ''}) — {e.outcome}")
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
                     "Elected" if c.elected else ""]
            for col, value in enumerate(cells):
                item = QTableWidgetItem(value)
                editable = col == 3 and e is not None and e.contested and not e.declared and not self.read_only
                if not editable:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(n, col, item)
        if e is None:
            self.summary.setText("No offices yet: add the offices to elect (Chair, Treasurer, Committee × 5…).")
        elif not e.candidates:
            self.summary.setText(f"{e.office}: nobody nominated yet.")
        elif e.declared:
            self.summary.setText(f"{e.office}: {e.outcome}.")
        elif e.contested:
            self.summary.setText(f"{e.office}: {len(e.candidates)} candidates for {e.seats} seat(s) — contested. "
                                 "Type each candidate's votes, save them, then declare.")
        else:
            self.summary.setText(f"{e.office}: {len(e.candidates)} candidate(s) for {e.seats} seat(s) — "
                                 "elected unopposed when declared.")
        open_ = e is not None and not e.declared and not self.read_only
        self.buttons["office"].setEnabled(not self.read_only)
        self.buttons["nominate"].setEnabled(open_)
        self.buttons["votes"].setEnabled(open_ and e.contested)
        self.buttons["declare"].setEnabled(open_ and bool(e.candidates))
        self.buttons["ballot"].setEnabled(e is not None and e.contested and not e.declared)
        self.buttons["ballot"].setToolTip("A ballot paper for this office, candidates in a random order "
                                          "that is the same on every copy" if e is not None and e.contested
                                          else "Only a contested office (more candidates than seats) "
                                          "needs a ballot")

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
                    QMessageBox.information(self, "Votes", f"{c.name}: “{text}” is not a number of votes.")
                    return None
                votes[c.member_id] = int(text)
        return self.ctx.ops.write(lambda s: record_candidate_votes(s, e.id, votes), parent=self,
                                  done=lambda _e: self.load(select=e.id))

    def declare(self) -> Operation | None:
        e = self.current()
        if e is None or not self.confirm(f"Declare the result for {e.office}? The officers are recorded "
                                         "on their member records and the result cannot be changed."):
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
        return QMessageBox.question(self, "Declare result", text) == QMessageBox.StandardButton.Yes
