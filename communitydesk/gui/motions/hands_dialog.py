"""Record a show of hands: for, against, abstain, and the chair's casting vote on a tie."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from communitydesk.i18n import _, ngettext
from communitydesk.services.motions.motions import MotionView


class HandsDialog(QDialog):
    def __init__(self, motion: MotionView, present: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Show of hands"))
        self.counts: dict[str, QSpinBox] = {}
        form = QFormLayout()
        wording = QLabel(motion.text)
        wording.setWordWrap(True)
        form.addRow(wording)
        for key, label in (("for", _("&For:")), ("against", _("&Against:")), ("abstain", _("A&bstain:"))):
            box = QSpinBox()
            box.setRange(0, 100_000)
            value = {"for": motion.votes_for, "against": motion.against, "abstain": motion.abstain}[key]
            box.setValue(value or 0)
            self.counts[key] = box
            form.addRow(label, box)
        self.casting = QComboBox()
        self.casting.addItem(_("None"), None)
        self.casting.addItem(_("For the motion"), "for")
        self.casting.addItem(_("Against the motion"), "against")
        self.casting.setCurrentIndex(max(0, self.casting.findData(motion.casting_vote)))
        form.addRow(_("Chair's &casting vote (on a tie):"), self.casting)
        form.addRow(QLabel(ngettext("{n} person is marked present.", "{n} people are marked present.",
                                    present).format(n=present)))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.counts["for"].selectAll()
        self.counts["for"].setFocus()

    def figures(self) -> tuple[int, int, int, str | None]:
        return (self.counts["for"].value(), self.counts["against"].value(), self.counts["abstain"].value(),
                self.casting.currentData())
