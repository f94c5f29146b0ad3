"""The fields of a member's record, with inline validation messages.

Why separate from the dialog: loading values, reading them back, tidying the
phone and postcode and showing "what is wrong" under a field are one job; saving,
conflicts and archive/delete are another (``member_dialog.py``).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from communitydesk.errors import UserError
from communitydesk.gui.accessibility import name_form_rows
from communitydesk.gui.common.shown_values import MEMBER_STATUS, shown
from communitydesk.gui.common.widgets import LocaleDateEdit
from communitydesk.i18n import N_, _
from communitydesk.io.text import tidy_postcode
from communitydesk.services.members.phones import format_phone
from communitydesk.services.members.records import EMAIL_RE

STATUSES = ("prospect", "active", "lapsed", "left")
_NO_DATE = QDate(1900, 1, 1)
LABELS = {  # marked with N_(): _() them where shown
    "first_name": N_("First name"), "last_name": N_("Last name"), "preferred_name": N_("Preferred name"),
    "pronouns": N_("Pronouns"), "email": N_("Email"), "phone": N_("Phone"), "address_line1": N_("Address"),
    "address_line2": N_("Address line 2"), "town": N_("Town"), "postcode": N_("Postcode"),
    "status": N_("Status"), "joined_on": N_("Joined on"), "ladder_stage": N_("Ladder stage"),
    "notes": N_("Notes"), "consent_email": N_("Consent to email"), "consent_phone": N_("Consent to phone"),
    "consent_post": N_("Consent to post"), "consent_date": N_("Consent date"),
    "consent_source": N_("Consent source"), "tags": N_("Tags"),
}


def _optional_date() -> QDateEdit:
    """A date box that can be empty: the minimum date shows as blank."""
    edit = LocaleDateEdit()
    edit.setMinimumDate(_NO_DATE)
    edit.setSpecialValueText(" ")
    edit.setDate(_NO_DATE)
    return edit


def _error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("fieldError")
    label.setStyleSheet("color: #b3261e;")
    label.setWordWrap(True)
    label.hide()
    return label


class MemberFields(QWidget):
    """Every editable field; ``values()`` reads them, ``validate()`` marks problems inline."""

    changed = Signal()

    def __init__(self, *, ladder_stages: tuple[str, ...] = (), tags: list[str] | tuple[str, ...] = (),
                 phone_region: str = "GB", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.phone_region = phone_region
        self.edits: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}

        def line(key: str, placeholder: str = "") -> QLineEdit:
            edit = QLineEdit(placeholderText=placeholder)
            edit.textEdited.connect(self.changed)
            self.edits[key] = edit
            return edit

        name = QFormLayout()
        name.addRow(_("First name *"), self._with_error("first_name", line("first_name")))
        name.addRow(_("Last name"), line("last_name"))
        name.addRow(_("Preferred name"), line("preferred_name", _("what they like to be called")))
        name.addRow(_("Pronouns"), line("pronouns", _("e.g. she/her, they/them")))

        contact = QFormLayout()
        contact.addRow(_("Email"), self._with_error("email", line("email", _("name@example.org"))))
        contact.addRow(_("Phone"), self._with_error("phone", line("phone", _("07700 900123"))))
        contact.addRow(_("Address"), line("address_line1", _("house and street")))
        contact.addRow("", line("address_line2", _("flat, estate (optional)")))
        self.edits["address_line2"].setAccessibleName(_("Address, second line"))
        contact.addRow(_("Town"), line("town"))
        contact.addRow(_("Postcode"), line("postcode"))
        self.edits["email"].editingFinished.connect(self.check_email)
        self.edits["phone"].editingFinished.connect(self.tidy_phone)
        self.edits["postcode"].editingFinished.connect(self.tidy_postcode)

        membership = QFormLayout()
        status = QComboBox()
        for value in STATUSES:
            status.addItem(shown(MEMBER_STATUS, value), value)
        status.currentIndexChanged.connect(self.changed)
        self.edits["status"] = status
        membership.addRow(_("Status"), status)
        joined = _optional_date()
        joined.dateChanged.connect(self.changed)
        self.edits["joined_on"] = joined
        membership.addRow(_("Joined on"), joined)
        ladder = QComboBox()
        ladder.addItem(_("(not set)"), None)
        ladder.currentIndexChanged.connect(self.changed)
        self.edits["ladder_stage"] = ladder
        membership.addRow(_("Ladder stage"), ladder)
        tag_edit = line("tags", _("separate tags with commas"))
        self.tag_choices = QStringListModel(self)
        completer = QCompleter(self.tag_choices, tag_edit)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        tag_edit.setCompleter(completer)
        membership.addRow(_("Tags"), tag_edit)
        notes = QPlainTextEdit()
        notes.setPlaceholderText(_("Anything the group should remember (not one-to-one notes)"))
        notes.setFixedHeight(70)
        notes.textChanged.connect(self.changed)
        self.edits["notes"] = notes
        membership.addRow(_("Notes"), notes)

        consent = QFormLayout()
        flags = QHBoxLayout()
        for key, text in (("consent_email", N_("Email")), ("consent_phone", N_("Phone")),
                          ("consent_post", N_("Post"))):
            box = QCheckBox(_(text))
            box.toggled.connect(self.changed)
            self.edits[key] = box
            flags.addWidget(box)
        flags.addStretch(1)
        consent.addRow(_("May contact by"), flags)
        consent_date = _optional_date()
        consent_date.dateChanged.connect(self.changed)
        self.edits["consent_date"] = consent_date
        consent.addRow(_("Consent given on"), consent_date)
        consent.addRow(_("Source"), line("consent_source", _("e.g. membership form, sign-in sheet")))
        for form in (name, contact, membership, consent):
            name_form_rows(form)

        layout = QVBoxLayout(self)
        grid = QHBoxLayout()
        left, right = QVBoxLayout(), QVBoxLayout()
        left.addWidget(self._group(_("Name"), name))
        left.addWidget(self._group(_("Contact"), contact))
        left.addStretch(1)
        right.addWidget(self._group(_("Membership"), membership))
        right.addWidget(self._group(_("Consent"), consent))
        right.addStretch(1)
        grid.addLayout(left, 1)
        grid.addLayout(right, 1)
        layout.addLayout(grid)
        self.set_choices(ladder_stages=ladder_stages, tags=tags, phone_region=phone_region)

    def set_choices(self, *, ladder_stages: tuple[str, ...], tags: list[str] | tuple[str, ...],
                    phone_region: str) -> None:
        """The group's ladder stages, the tags offered while typing and the phone region.

        They arrive with the record (one read when the form opens), after the
        fields were built, so the dialog can show at once.
        """
        self.phone_region = phone_region
        self.tag_choices.setStringList(list(tags))
        ladder = self.edits["ladder_stage"]
        assert isinstance(ladder, QComboBox)
        ladder.blockSignals(True)
        while ladder.count() > 1:
            ladder.removeItem(1)
        for stage in ladder_stages:
            ladder.addItem(stage, stage)
        ladder.blockSignals(False)

    @staticmethod
    def _group(title: str, form: QFormLayout) -> QGroupBox:
        box = QGroupBox(title)
        box.setLayout(form)
        return box

    def _with_error(self, key: str, edit: QWidget) -> QWidget:
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(edit)
        self.errors[key] = _error_label()
        column.addWidget(self.errors[key])
        return holder

    # --- values ------------------------------------------------------------------------
    def set_values(self, values: dict[str, object], tags: tuple[str, ...] = ()) -> None:
        for key, widget in self.edits.items():
            value = ", ".join(tags) if key == "tags" else values.get(key)
            widget.blockSignals(True)
            if isinstance(widget, QLineEdit):
                widget.setText("" if value is None else str(value))
            elif isinstance(widget, QPlainTextEdit):
                widget.setPlainText("" if value is None else str(value))
            elif isinstance(widget, QCheckBox):
                widget.setChecked(bool(value))
            elif isinstance(widget, QDateEdit):
                widget.setDate(QDate(value) if isinstance(value, date) else _NO_DATE)
            elif isinstance(widget, QComboBox):
                index = widget.findData(value)
                if index < 0 and value:
                    widget.addItem(str(value), value)
                    index = widget.count() - 1
                widget.setCurrentIndex(max(index, 0))
            widget.blockSignals(False)
        for label in self.errors.values():
            label.hide()

    def values(self) -> dict[str, object]:
        """Field values as the services take them (tags separately, see ``tags()``)."""
        out: dict[str, object] = {}
        for key, widget in self.edits.items():
            if key == "tags":
                continue
            if isinstance(widget, QLineEdit):
                out[key] = widget.text().strip() or None
            elif isinstance(widget, QPlainTextEdit):
                out[key] = widget.toPlainText().strip() or None
            elif isinstance(widget, QCheckBox):
                out[key] = widget.isChecked()
            elif isinstance(widget, QDateEdit):
                out[key] = None if widget.date() == _NO_DATE else widget.date().toPython()
            elif isinstance(widget, QComboBox):
                out[key] = widget.currentData()
        out["last_name"] = out.get("last_name") or ""
        return out

    def tags(self) -> list[str]:
        text = self.edits["tags"].text()  # type: ignore[attr-defined]
        return [t.strip() for t in text.replace(";", ",").split(",") if t.strip()]

    # --- validation --------------------------------------------------------------------
    def show_error(self, key: str, message: str | None) -> None:
        label = self.errors.get(key)
        if label is None:
            return
        label.setText(message or "")
        label.setVisible(bool(message))

    def check_email(self) -> bool:
        text = self.edits["email"].text().strip()  # type: ignore[attr-defined]
        ok = not text or bool(EMAIL_RE.match(text))
        self.show_error("email", None if ok else
                        _("“{text}” is not an email address (it needs a name, @ and a domain)").format(text=text))
        return ok

    def tidy_phone(self) -> bool:
        edit = self.edits["phone"]
        text = edit.text().strip()  # type: ignore[attr-defined]
        try:
            formatted = format_phone(text, region=self.phone_region)
        except UserError as exc:  # says what is wrong: "a UK mobile has 11 digits, this has 10"
            self.show_error("phone", str(exc).removeprefix("phone: "))
            return False
        if formatted and formatted != text:
            edit.setText(formatted)  # type: ignore[attr-defined]
            self.changed.emit()
        self.show_error("phone", None)
        return True

    def tidy_postcode(self) -> None:
        edit = self.edits["postcode"]
        text = edit.text()  # type: ignore[attr-defined]
        tidy = tidy_postcode(text) or ""
        if tidy != text.strip():
            edit.setText(tidy)  # type: ignore[attr-defined]
            self.changed.emit()

    def validate(self) -> str | None:
        """Check every field; return the key of the first one that is wrong (and focus it)."""
        first = self.edits["first_name"].text().strip()  # type: ignore[attr-defined]
        self.show_error("first_name", None if first else _("A member needs at least a first name"))
        self.tidy_postcode()
        problems = [key for key, ok in (("first_name", bool(first)), ("email", self.check_email()),
                                        ("phone", self.tidy_phone())) if not ok]
        if problems:
            self.edits[problems[0]].setFocus()
            return problems[0]
        return None
