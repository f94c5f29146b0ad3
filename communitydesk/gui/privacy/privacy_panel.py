"""The Privacy tab on a member's record: consent (shown), subject-access export, erasure.

Consent is edited in one place only, the record's Details with its one Save; this
tab shows it read-only with a button that takes the person there
(``edit_requested``), so there are never two forms and two Save buttons for it.

The tab reads the record when first shown; the export and the erasure (backup,
erase, scrub: the service owns the safety backup) run off the UI thread.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from communitydesk.gui.common.dates import long_date
from communitydesk.gui.common.loading import Loader
from communitydesk.gui.context import AppContext
from communitydesk.gui.operations import Operation, show_problem
from communitydesk.i18n import N_, _, ngettext
from communitydesk.services.members.records import MemberRecord, get_member
from communitydesk.services.privacy.erasure import (
    ErasureResult,
    ExportResult,
    erase_and_scrub,
    export_subject_access,
)
from communitydesk.services.settings.group_settings import load_settings

CHANNELS = (("consent_email", N_("email")), ("consent_phone", N_("phone")), ("consent_post", N_("post")))


class PrivacyPanel(QWidget):
    edit_requested = Signal(str)  # the field to edit on the record's Details tab

    def __init__(self, ctx: AppContext, member_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.member_id = member_id
        self.name = ""
        self.loader = Loader(self, ctx)

        self.consent_channels = QLabel()
        self.consent_given = QLabel()
        self.consent_given.setWordWrap(True)
        self.change_consent_button = QPushButton(_("Change consent…"))
        self.change_consent_button.setToolTip(_("Consent is edited with the rest of the record, "
                                                "on the Details tab"))
        self.change_consent_button.clicked.connect(lambda: self.edit_requested.emit("consent_email"))
        form = QFormLayout()
        form.addRow(_("May contact by"), self.consent_channels)
        form.addRow(_("Given"), self.consent_given)
        change_row = QHBoxLayout()
        change_row.addWidget(self.change_consent_button)
        change_row.addStretch(1)
        form.addRow("", change_row)
        consent = QGroupBox(_("Consent"))
        consent.setLayout(form)

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.export_button = QPushButton(_("Export everything we hold…"))
        self.export_button.clicked.connect(self.export_dialog)
        self.erase_button = QPushButton(_("Erase this person…"))
        self.erase_button.clicked.connect(self.erase)
        explanation = QLabel(_("A subject access export holds every detail, attendance, action "
                               "and one-to-one note (JSON and a readable PDF). Erasure clears "
                               "the personal details and keeps attendance as anonymous counts."))
        explanation.setWordWrap(True)
        rights = QVBoxLayout()
        rights.addWidget(explanation)
        row = QHBoxLayout()
        row.addWidget(self.export_button)
        row.addWidget(self.erase_button)
        row.addStretch(1)
        rights.addLayout(row)
        rights.addWidget(self.status)
        rights_box = QGroupBox(_("Their data rights"))
        rights_box.setLayout(rights)

        layout = QVBoxLayout(self)
        layout.addWidget(consent)
        layout.addWidget(rights_box)
        layout.addStretch(1)
        for button in (self.change_consent_button, self.export_button, self.erase_button):
            button.setEnabled(False)  # until the record has loaded
        self.consent_channels.setText(_("Loading…"))
        self.refresh()

    def refresh(self) -> None:
        """Read the record now if the tab is on screen, else when it is next shown."""
        self.loader.when_shown(self._load)

    def _load(self) -> None:
        member_id = self.member_id
        self.loader.read(lambda session: get_member(session, member_id), self._show)

    def wait_until_loaded(self) -> None:
        self.loader.wait()

    def _show(self, record: MemberRecord) -> None:
        self.name = record.full_name
        values = record.values
        channels = [_(text) for key, text in CHANNELS if values.get(key)]
        self.consent_channels.setText(", ".join(channels).capitalize() if channels
                                      else _("no consent recorded"))
        given, source = values.get("consent_date"), values.get("consent_source")
        bits = [long_date(given)] if given else []
        if source:
            bits.append(str(source))
        self.consent_given.setText(", ".join(bits) if bits else _("not recorded"))
        anonymised = record.anonymised_at is not None
        writable = not anonymised and not self.ctx.db.read_only
        self.change_consent_button.setEnabled(writable)
        self.erase_button.setEnabled(writable)
        self.export_button.setEnabled(True)
        if anonymised and not self.status.text():  # keep the note of an erasure just done
            self.status.setText(_("Anonymised on {date}.").format(
                date=long_date(record.anonymised_at)))

    @staticmethod
    def export_target(parent: QWidget, suggested: str) -> Path | None:
        """Tests patch this."""
        path, _filter = QFileDialog.getSaveFileName(parent, _("Subject access export"), suggested,
                                              _("JSON and PDF (*.json)"))
        return Path(path) if path else None

    def export_dialog(self) -> Operation | None:
        suggested = str(Path.home() / f"subject-access-{self.member_id}.json")
        target = self.export_target(self, suggested)
        if target is None:
            return None
        member_id = self.member_id

        def export(session) -> ExportResult:  # noqa: ANN001 - runs on the worker
            group_name = load_settings(session).group_name
            return export_subject_access(session, member_id, target, group_name=group_name)

        self.export_button.setEnabled(False)
        self.status.setText(_("Exporting…"))
        return self.ctx.ops.read(export, parent=self, done=self._exported,
                                 failed=self._export_failed)

    def _exported(self, result: ExportResult) -> None:
        self.export_button.setEnabled(True)
        self.status.setText(_("Exported to {json} and {pdf}.").format(
            json=result.json_path, pdf=result.pdf_path))

    def _export_failed(self, exc: Exception) -> None:
        self.export_button.setEnabled(True)
        self.status.clear()
        show_problem(self, exc)

    @staticmethod
    def confirm_erase(parent: QWidget, name: str) -> bool:
        """Tests patch this."""
        box = QMessageBox(QMessageBox.Icon.Warning, _("Erase this person"),
                          _("Erase every personal detail of {name}?").format(name=name), parent=parent)
        box.setInformativeText(_(
            "Name, contact details, notes, consent and their one-to-one notes are cleared; "
            "attendance stays as anonymous counts so reports stay true. A backup is taken "
            "first (backups keep the old data until they rotate out)."))
        erase = box.addButton(_("Erase"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is erase

    def erase(self) -> Operation | None:
        if not self.confirm_erase(self, self.name):
            return None
        db, member_id = self.ctx.db, self.member_id
        self.erase_button.setEnabled(False)
        # The service takes the backup, erases in its own transaction and then scrubs the
        # file (VACUUM cannot run inside a transaction), so it is given the database, not
        # the runner's session, which it leaves unused.
        return self.ctx.ops.write(lambda _session: erase_and_scrub(db, member_id), parent=self,
                                  done=self._erased,
                                  failed=self._erase_failed)

    def _erase_failed(self, exc: Exception) -> None:
        self.refresh()  # the button as the record now stands
        show_problem(self, exc)

    def _erased(self, result: ErasureResult) -> None:
        kept = result.attendance_kept
        note = ngettext("Erased. {count} attendance record kept anonymously.",
                        "Erased. {count} attendance records kept anonymously.", kept).format(count=kept)
        if result.names_removed_from:
            note += " " + _("Their name was removed from: {places}.").format(
                places="; ".join(result.names_removed_from))
        if result.mentions:
            note += " " + _("Their surname, shared with others, still appears in: {places} "
                            "(check by hand).").format(places="; ".join(result.mentions))
        if result.scrub_note:
            note += " " + _("Erasure {note}.").format(note=result.scrub_note)
        self.status.setText(note)
        self.refresh()
