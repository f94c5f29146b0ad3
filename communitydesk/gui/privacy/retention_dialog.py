"""Retention: the people the group's rules say it should stop keeping, anonymised only on confirmation."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from communitydesk.errors import UserError
from communitydesk.gui.context import AppContext
from communitydesk.gui.privacy.rows_model import RowsTableModel
from communitydesk.gui.row_model import RowFilterProxy
from communitydesk.services.file_scrub import PENDING_NOTE
from communitydesk.services.retention import apply_retention, due_for_anonymisation
from communitydesk.services.settings import load_settings, save_settings


class RetentionDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Retention: who is due for anonymisation")
        self.lapsed = QSpinBox(minimum=0, maximum=240, suffix=" months")
        self.prospect = QSpinBox(minimum=0, maximum=240, suffix=" months")
        self.lapsed.setSpecialValueText("never")
        self.prospect.setSpecialValueText("never")
        form = QFormLayout()
        form.addRow("Lapsed or left members, after", self.lapsed)
        form.addRow("Prospects not seen again, after", self.prospect)
        save_rules = QPushButton("Save rules and list again")
        save_rules.clicked.connect(self.save_rules)
        rules = QHBoxLayout()
        rules.addLayout(form)
        rules.addWidget(save_rules, 0, Qt.AlignmentFlag.AlignBottom)

        self.model = RowsTableModel(["Name", "Id", "Status", "Last seen", "Rule"], checkable=True,
                                    parent=self)
        self.proxy = RowFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.anonymise_button = QPushButton("Anonymise ticked people…")
        self.anonymise_button.setObjectName("primary")
        self.anonymise_button.clicked.connect(self.anonymise_checked)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.anonymise_button, QDialogButtonBox.ButtonRole.ActionRole)

        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("People are listed here only; nothing changes until you tick them "
                                "and confirm. A backup is taken first."))
        layout.addLayout(rules)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self.resize(760, 460)
        self.load()

    def load(self) -> None:
        with self.ctx.db.session() as s:
            settings = load_settings(s)
            due = due_for_anonymisation(s)
        self.lapsed.setValue(settings.retention_lapsed_months)
        self.prospect.setValue(settings.retention_prospect_months)
        self.model.set_rows([(c.name, c.id, c.status, c.last_seen, c.rule) for c in due], checked=True)
        self.table.sortByColumn(3, Qt.SortOrder.AscendingOrder)  # longest gone first
        self.table.resizeColumnsToContents()
        self.summary.setText(f"{len(due)} people are due for anonymisation." if due
                             else "Nobody is due for anonymisation under these rules.")
        self.anonymise_button.setEnabled(bool(due) and not self.ctx.db.read_only)

    def save_rules(self) -> None:
        try:
            with self.ctx.db.session() as s:
                save_settings(s, retention_lapsed_months=self.lapsed.value(),
                              retention_prospect_months=self.prospect.value())
        except UserError as exc:
            QMessageBox.warning(self, "Retention", str(exc))
            return
        self.ctx.announce("settings")
        self.load()

    @staticmethod
    def confirm(parent: QWidget, count: int) -> bool:
        """Tests patch this."""
        answer = QMessageBox.question(
            parent, "Anonymise people",
            f"Erase the personal details of {count} people? Their attendance stays as anonymous "
            "counts. A backup is taken first; otherwise this cannot be undone.")
        return answer == QMessageBox.StandardButton.Yes

    def anonymise_checked(self) -> None:
        ids = [row[1] for row in self.model.checked_rows()]
        if not ids or not self.confirm(self, len(ids)):
            return
        try:
            result = apply_retention(self.ctx.db, ids, confirmed=True)
        except UserError as exc:
            QMessageBox.warning(self, "Retention", str(exc))
            return
        self.ctx.announce("members")
        self.load()
        self.summary.setText(f"Anonymised {len(result.erased)} people. Backup: {result.backup}"
                             + ("" if result.scrubbed else f"\nNot finished: {PENDING_NOTE}."))
