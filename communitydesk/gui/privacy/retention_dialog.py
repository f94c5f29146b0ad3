"""Retention: the people the group's rules say it should stop keeping, anonymised only on confirmation.

The rules and the list load off the UI thread ("Loading…" until then); saving
the rules and anonymising (the service takes the backup first) are writes
through ``ctx.ops``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from communitydesk.gui.common.dialogs import confirm as ask
from communitydesk.gui.common.row_model import RowFilterProxy
from communitydesk.gui.context import AppContext
from communitydesk.gui.operations import Operation, show_problem
from communitydesk.gui.privacy.rows_model import RowsTableModel
from communitydesk.i18n import _, ngettext
from communitydesk.services.privacy.file_scrub import PENDING_NOTE
from communitydesk.services.privacy.retention import (
    RetentionCandidate,
    RetentionResult,
    apply_retention,
    due_for_anonymisation,
)
from communitydesk.services.settings.group_settings import (
    GroupSettings,
    load_settings,
    save_settings,
)


class RetentionDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(_("Retention: who is due for anonymisation"))
        self.lapsed = QSpinBox(minimum=0, maximum=240, suffix=_(" months"))
        self.prospect = QSpinBox(minimum=0, maximum=240, suffix=_(" months"))
        self.lapsed.setSpecialValueText(_("never"))
        self.prospect.setSpecialValueText(_("never"))
        form = QFormLayout()
        form.addRow(_("Lapsed or left members, after"), self.lapsed)
        form.addRow(_("Prospects not seen again, after"), self.prospect)
        self.save_rules_button = QPushButton(_("Save rules and list again"))
        self.save_rules_button.clicked.connect(self.save_rules)
        rules = QHBoxLayout()
        rules.addLayout(form)
        rules.addWidget(self.save_rules_button, 0, Qt.AlignmentFlag.AlignBottom)

        self.model = RowsTableModel([_("Name"), _("Id"), _("Status"), _("Last seen"), _("Rule")], checkable=True,
                                    parent=self)
        self.proxy = RowFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setAccessibleName(_("Records due for removal"))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.anonymise_button = QPushButton(_("&Anonymise ticked people…"))
        self.anonymise_button.setObjectName("primary")
        self.anonymise_button.clicked.connect(self.anonymise_checked)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.anonymise_button, QDialogButtonBox.ButtonRole.ActionRole)

        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("People are listed here only; nothing changes until you tick them "
                                  "and confirm. A backup is taken first.")))
        layout.addLayout(rules)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self.resize(760, 460)
        self.load()

    def load(self, note: str = "") -> Operation:
        """Read the rules and who is due; ``note`` (what was just done) is shown after the count."""
        self.anonymise_button.setEnabled(False)
        self.save_rules_button.setEnabled(False)
        self.summary.setText(_("Loading…"))
        self.loading = self.ctx.ops.read(
            lambda session: (load_settings(session), due_for_anonymisation(session)), parent=self,
            done=lambda loaded: self._loaded(*loaded, note=note))
        return self.loading

    def _loaded(self, settings: GroupSettings, due: list[RetentionCandidate], *, note: str) -> None:
        self.lapsed.setValue(settings.retention_lapsed_months)
        self.prospect.setValue(settings.retention_prospect_months)
        self.model.set_rows([(c.name, c.id, c.status, c.last_seen, c.rule) for c in due], checked=True)
        self.table.sortByColumn(3, Qt.SortOrder.AscendingOrder)  # longest gone first
        self.table.resizeColumnsToContents()
        self.summary.setText(note or (ngettext("{count} person is due for anonymisation.",
                                               "{count} people are due for anonymisation.",
                                               len(due)).format(count=len(due)) if due
                                      else _("Nobody is due for anonymisation under these rules.")))
        self.anonymise_button.setEnabled(bool(due) and not self.ctx.db.read_only)
        self.save_rules_button.setEnabled(True)

    def save_rules(self) -> Operation:
        lapsed, prospect = self.lapsed.value(), self.prospect.value()
        return self.ctx.ops.write(
            lambda session: save_settings(session, retention_lapsed_months=lapsed,
                                          retention_prospect_months=prospect),
            parent=self, done=lambda _settings: self.load())

    @staticmethod
    def confirm(parent: QWidget, count: int) -> bool:
        """Tests patch this."""
        return ask(
            parent, _("Anonymise people"),
            ngettext("Erase the personal details of {count} person? Their attendance stays as "
                     "anonymous counts. A backup is taken first; otherwise this cannot be undone.",
                     "Erase the personal details of {count} people? Their attendance stays as "
                     "anonymous counts. A backup is taken first; otherwise this cannot be undone.",
                     count).format(count=count), _("Anonymise"))

    def anonymise_checked(self) -> Operation | None:
        ids = [row[1] for row in self.model.checked_rows()]
        if not ids or not self.confirm(self, len(ids)):
            return None
        db = self.ctx.db
        self.anonymise_button.setEnabled(False)
        # The service takes the backup, erases in one transaction, then scrubs the file
        # (VACUUM cannot run inside a transaction): it gets the database and leaves the
        # runner's session unused.
        return self.ctx.ops.write(lambda _session: apply_retention(db, ids, confirmed=True), parent=self,
                                  done=self._anonymised,
                                  failed=self._anonymise_failed)

    def _anonymised(self, result: RetentionResult) -> None:
        self.load(note=ngettext("Anonymised {count} person. Backup: {backup}",
                               "Anonymised {count} people. Backup: {backup}",
                               len(result.erased)).format(count=len(result.erased), backup=result.backup)
                  + ("" if result.scrubbed else "\n" + _("Not finished: {reason}.").format(
                      reason=_(PENDING_NOTE))))

    def _anonymise_failed(self, exc: Exception) -> None:
        self.load()  # the list as it now stands
        show_problem(self, exc)
