"""Put or edit a motion (or an amendment): wording, proposer, seconder, majority, agenda item."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from communitydesk.domain import Majority
from communitydesk.gui.context import AppContext
from communitydesk.gui.meetings.member_picker import MemberPicker
from communitydesk.i18n import N_, _
from communitydesk.services.motions.motions import MotionView

MAJORITY_LABELS = {Majority.SIMPLE: N_("Simple majority"), Majority.TWO_THIRDS: N_("Two-thirds of votes cast"),
                   Majority.THREE_QUARTERS: N_("Three-quarters of votes cast")}  # translated where shown


@dataclass(frozen=True)
class MotionValues:
    text: str
    proposer_id: int | None
    seconder_id: int | None
    majority: str
    agenda_item_id: int | None


class MotionDialog(QDialog):
    def __init__(self, ctx: AppContext, agenda_items: tuple[tuple[int, str], ...], parent: QWidget | None = None,
                 *, motion: MotionView | None = None, amends: MotionView | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Amendment") if amends or (motion and motion.parent_id) else
                            (_("Edit motion") if motion else _("New motion")))
        self.setMinimumWidth(520)
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText(_("That this meeting …"))
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(96)
        self.proposer = MemberPicker(ctx, placeholder=_("Who proposed it"))
        self.seconder = MemberPicker(ctx, placeholder=_("Who seconded it"))
        self.majority = QComboBox()
        for value, label in MAJORITY_LABELS.items():
            self.majority.addItem(_(label), value.value)
        self.item = QComboBox()
        self.item.addItem(_("(not tied to an agenda item)"), None)
        for item_id, title in agenda_items:
            self.item.addItem(title, item_id)
        form = QFormLayout()
        if amends is not None:
            amended = QLabel(_("Amends motion {number}: {text}").format(number=amends.id, text=amends.text))
            amended.setWordWrap(True)
            form.addRow(amended)
        form.addRow(_("&Wording:"), self.text)
        form.addRow(_("&Proposer:"), self.proposer)
        form.addRow(_("&Seconder:"), self.seconder)
        form.addRow(_("&Needs:"), self.majority)
        form.addRow(_("Agenda &item:"), self.item)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        source = motion
        if source is not None:
            self.text.setPlainText(source.text)
            self.proposer.set_member(source.proposer_id, source.proposer)
            self.seconder.set_member(source.seconder_id, source.seconder)
        if source or amends:
            chosen = source or amends
            self.majority.setCurrentIndex(max(0, self.majority.findData(chosen.majority if source else "simple")))
            self.item.setCurrentIndex(max(0, self.item.findData(chosen.agenda_item_id)))
        self.text.setFocus()

    def values(self) -> MotionValues | None:
        """What was entered; None (after saying why) when a name is not a member."""
        try:
            proposer, seconder = self.proposer.member_id(), self.seconder.member_id()
        except ValueError as exc:
            QMessageBox.information(self, _("Not a member"), _("“{name}” is not on the members list. Choose a "
                                    "name from the suggestions, or leave it empty.").format(name=exc))
            return None
        return MotionValues(self.text.toPlainText().strip(), proposer, seconder,
                            str(self.majority.currentData()), self.item.currentData())

    def accept(self) -> None:
        if not self.text.toPlainText().strip():
            QMessageBox.information(self, _("Wording needed"), _("Write the motion's wording first."))
            return
        if self.values() is not None:
            super().accept()
