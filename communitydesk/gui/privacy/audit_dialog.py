"""The audit trail: who changed what and when (field names only, never the values).

Each row names the record ("Ada Lovelace", "meeting “AGM”, 03/12/2026") and the change
in plain words ("changed email, phone"); the service decides the words, so the CLI
says the same. Dates are the user's locale's short form. The entries load off the
UI thread; the dialog says "Loading…" until they arrive.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from communitydesk.gui.common.dates import short_date
from communitydesk.gui.common.row_model import RowFilterProxy
from communitydesk.gui.common.widgets import fit_to_screen
from communitydesk.gui.context import AppContext
from communitydesk.gui.operations import Operation
from communitydesk.gui.privacy.rows_model import RowsTableModel
from communitydesk.i18n import _, ngettext
from communitydesk.services.privacy.audit import AuditRow, list_audit_entries

LIMIT = 2000


class AuditDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 entity: str | None = None, entity_id: int | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = RowsTableModel([_("When"), _("Who"), _("Record"), _("Change")], parent=self)
        self.proxy = RowFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.search = QLineEdit(placeholderText=_("Filter by who, record or change…  (Ctrl+F)"))
        self.search.setAccessibleName(_("Filter the audit trail"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.set_search)
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.search.setFocus)
        self.table = QTableView()
        self.table.setAccessibleName(_("Audit trail"))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.setWindowTitle(_("Audit trail"))
        self.note = QLabel(_("Loading…"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.user_name = QLineEdit(ctx.db.audit_user or "")
        self.user_name.setAccessibleName(_("Your name for the audit trail"))
        self.user_name.setPlaceholderText(_("your name, as others should see it"))
        use_name = QPushButton(_("Use this name for my changes"))
        use_name.clicked.connect(self.save_user_name)
        me = QHBoxLayout()
        me.addWidget(QLabel(_("My name in the trail:")))
        me.addWidget(self.user_name, 1)
        me.addWidget(use_name)
        layout = QVBoxLayout(self)
        layout.addLayout(me)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        fit_to_screen(self, 960, 560)
        self.loading: Operation = ctx.ops.read(
            lambda session: list_audit_entries(session, entity=entity, entity_id=entity_id, limit=LIMIT),
            parent=self,
            done=lambda entries: self._loaded(entries, whole_trail=entity_id is None))

    def _loaded(self, entries: list[AuditRow], *, whole_trail: bool) -> None:
        self.model.set_rows([(e.at, e.user_name, record_text(e), e.change) for e in entries])
        if not whole_trail and entries:
            self.setWindowTitle(_("Changes to {record}").format(record=entries[0].record))
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.resizeColumnsToContents()  # When and Who fit their text
        self.table.setColumnWidth(2, min(self.table.columnWidth(2), 380))  # long titles elide
        self.note.setText(ngettext(
            "{count} change (newest first, at most {limit}). Only the names of changed fields "
            "are kept, never their values.",
            "{count} changes (newest first, at most {limit}). Only the names of changed fields "
            "are kept, never their values.", len(entries)).format(count=len(entries), limit=LIMIT)
            if entries else _("No changes recorded yet."))

    def save_user_name(self) -> None:
        """Kept in this computer's settings: on a shared database each person names themselves."""
        name = self.user_name.text().strip()
        if not name:
            return
        self.ctx.gui_settings.setValue("audit_user_name", name)
        self.ctx.db.set_audit_user(name)


def record_text(row: AuditRow) -> str:
    """The record, with a meeting's day in the locale's short form."""
    return f"{row.record}, {short_date(row.record_date)}" if row.record_date else row.record
