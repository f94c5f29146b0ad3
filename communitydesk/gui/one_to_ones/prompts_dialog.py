"""The group's prompt questions for one-to-ones, edited as one question a line."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from communitydesk.i18n import _
from communitydesk.services.settings.group_settings import DEFAULT_ONE_TO_ONE_PROMPTS


class PromptsDialog(QDialog):
    """Edit the prompt questions, one a line."""

    def __init__(self, prompts: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Questions for one-to-ones"))
        self.editor = QPlainTextEdit("\n".join(prompts))
        self.editor.setAccessibleName(_("Questions, one a line"))
        reset = QPushButton(_("&Reset to the suggested questions"))
        reset.clicked.connect(lambda: self.editor.setPlainText("\n".join(DEFAULT_ONE_TO_ONE_PROMPTS)))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("One question a line. Every organiser sees these beside the form.")))
        layout.addWidget(self.editor, 1)
        layout.addWidget(reset, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(buttons)
        self.resize(520, 340)

    def prompts(self) -> tuple[str, ...]:
        return tuple(line.strip() for line in self.editor.toPlainText().splitlines() if line.strip())

    @classmethod
    def ask(cls, prompts: tuple[str, ...], parent: QWidget | None = None) -> tuple[str, ...] | None:
        dialog = cls(prompts, parent)
        return dialog.prompts() if dialog.exec() == QDialog.DialogCode.Accepted else None
