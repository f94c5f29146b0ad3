"""The Privacy tab on a member's record: consent (editable), subject-access export, erasure."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from communitydesk.errors import ConflictError, UserError
from communitydesk.gui.conflict_dialog import ConflictDialog
from communitydesk.gui.context import AppContext
from communitydesk.services.members import get_member, update_member
from communitydesk.services.privacy import erase_and_scrub, export_subject_access

CONSENT_LABELS = {"consent_email": "E-mail", "consent_phone": "Phone", "consent_post": "Post",
                  "consent_date": "Consent given on", "consent_source": "Consent source"}


class PrivacyPanel(QWidget):
    def __init__(self, ctx: AppContext, member_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.member_id = member_id
        self.version = 0
        self.name = ""

        self.email = QCheckBox("E-mail")
        self.phone = QCheckBox("Phone")
        self.post = QCheckBox("Post")
        self.given_on = QDateEdit(calendarPopup=True)
        self.given_on.setDisplayFormat("yyyy-MM-dd")
        self.given_on.setSpecialValueText("not recorded")
        self.given_on.setMinimumDate(QDate(1900, 1, 1))
        self.source = QLineEdit(placeholderText="e.g. paper form at the March meeting")
        self.save_button = QPushButton("Save consent")
        self.save_button.clicked.connect(self.save_consent)
        channels = QHBoxLayout()
        for box in (self.email, self.phone, self.post):
            channels.addWidget(box)
        channels.addStretch(1)
        form = QFormLayout()
        form.addRow("May contact by", channels)
        form.addRow("Consent given on", self.given_on)
        form.addRow("Source", self.source)
        form.addRow("", self.save_button)
        consent = QGroupBox("Consent")
        consent.setLayout(form)

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.export_button = QPushButton("Export everything we hold…")
        self.export_button.clicked.connect(self.export_dialog)
        self.erase_button = QPushButton("Erase this person…")
        self.erase_button.clicked.connect(self.erase)
        rights = QVBoxLayout()
        rights.addWidget(QLabel("A subject access export holds every detail, attendance, action "
                                "and one-to-one note (JSON and a readable PDF). Erasure clears "
                                "the personal details and keeps attendance as anonymous counts."))
        row = QHBoxLayout()
        row.addWidget(self.export_button)
        row.addWidget(self.erase_button)
        row.addStretch(1)
        rights.addLayout(row)
        rights.addWidget(self.status)
        rights_box = QGroupBox("Their data rights")
        rights_box.setLayout(rights)

        layout = QVBoxLayout(self)
        layout.addWidget(consent)
        layout.addWidget(rights_box)
        layout.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        with self.ctx.db.session() as s:
            record = get_member(s, self.member_id)
        self.version = record.version
        self.name = record.full_name
        self.email.setChecked(bool(record.consent_email))
        self.phone.setChecked(bool(record.consent_phone))
        self.post.setChecked(bool(record.consent_post))
        given = record.consent_date
        self.given_on.setDate(QDate(given.year, given.month, given.day) if given
                              else self.given_on.minimumDate())
        self.source.setText(record.consent_source or "")
        anonymised = record.anonymised_at is not None
        writable = not anonymised and not self.ctx.db.read_only
        for widget in (self.email, self.phone, self.post, self.given_on, self.source,
                       self.save_button, self.erase_button):
            widget.setEnabled(writable)
        if anonymised:
            self.status.setText(f"Anonymised on {record.anonymised_at:%d %B %Y}.")

    def consent_values(self) -> dict[str, object]:
        given = self.given_on.date()
        return {
            "consent_email": self.email.isChecked(), "consent_phone": self.phone.isChecked(),
            "consent_post": self.post.isChecked(),
            "consent_date": None if given == self.given_on.minimumDate() else given.toPython(),
            "consent_source": self.source.text(),
        }

    def save_consent(self) -> None:
        values = self.consent_values()
        while True:
            try:
                with self.ctx.db.session() as s:
                    update_member(s, self.member_id, values, expected_version=self.version)
            except ConflictError as conflict:
                merged = ConflictDialog.ask(conflict, labels=CONSENT_LABELS, parent=self)
                if merged is None:
                    return  # the form keeps what they typed
                values = {k: merged[k] for k in values}
                with self.ctx.db.session() as s:
                    self.version = get_member(s, self.member_id).version
                continue
            except UserError as exc:
                QMessageBox.warning(self, "Consent not saved", str(exc))
                return
            break
        self.ctx.announce("members")
        self.refresh()
        self.status.setText("Consent saved.")

    @staticmethod
    def export_target(parent: QWidget, suggested: str) -> Path | None:
        """Tests patch this."""
        path, _ = QFileDialog.getSaveFileName(parent, "Subject access export", suggested,
                                              "JSON and PDF (*.json)")
        return Path(path) if path else None

    def export_dialog(self) -> None:
        suggested = str(Path.home() / f"subject-access-{self.member_id}.json")
        target = self.export_target(self, suggested)
        if target is None:
            return
        try:
            with self.ctx.db.session() as s:
                result = export_subject_access(s, self.member_id, target,
                                               group_name=self.ctx.group_settings().group_name)
        except UserError as exc:
            QMessageBox.warning(self, "Export failed", str(exc))
            return
        self.status.setText(f"Exported to {result.json_path} and {result.pdf_path}.")

    @staticmethod
    def confirm_erase(parent: QWidget, name: str) -> bool:
        """Tests patch this."""
        box = QMessageBox(QMessageBox.Icon.Warning, "Erase this person",
                          f"Erase every personal detail of {name}?", parent=parent)
        box.setInformativeText(
            "Name, contact details, notes, consent and their one-to-one notes are cleared; "
            "attendance stays as anonymous counts so reports stay true. A backup is taken "
            "first (backups keep the old data until they rotate out).")
        erase = box.addButton("Erase", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is erase

    def erase(self) -> None:
        if not self.confirm_erase(self, self.name):
            return
        try:
            result = erase_and_scrub(self.ctx.db, self.member_id)
        except UserError as exc:
            QMessageBox.warning(self, "Not erased", str(exc))
            return
        self.ctx.announce("members", "attendance", "one_to_ones")
        self.refresh()
        note = f"Erased. {result.attendance_kept} attendance records kept anonymously."
        if result.names_removed_from:
            note += " Their name was removed from: " + "; ".join(result.names_removed_from) + "."
        if result.mentions:
            note += " Their surname, shared with others, still appears in: " + \
                "; ".join(result.mentions) + " (check by hand)."
        if result.scrub_note:
            note += f" Erasure {result.scrub_note}."
        self.status.setText(note)
