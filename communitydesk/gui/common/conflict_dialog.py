"""When two people saved the same record: show both versions, let the user choose per field.

Used by every form that saves with optimistic locking. Nothing is lost: the
user's own text stays in the form if they cancel, and they can keep theirs,
take the other person's, or mix field by field.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from communitydesk.errors import ConflictError
from communitydesk.i18n import _


def _shown(value: object) -> str:
    if value is None or value == "":
        return _("(empty)")
    return str(value)


class ConflictDialog(QDialog):
    """Rows only for fields whose values differ; "mine" is preselected."""

    def __init__(self, error: ConflictError, *, labels: dict[str, str] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Someone else saved this first"))
        self.error = error
        labels = labels or {}
        self.fields = [k for k in error.mine if _shown(error.mine.get(k)) != _shown(error.theirs.get(k))]
        self.groups: dict[str, QButtonGroup] = {}

        intro = QLabel(f"<b>{error}</b><br>" + _("Choose which value to keep for each field that differs. "
                       "Your version is selected; nothing is saved until you press Save."))
        intro.setWordWrap(True)
        grid = QGridLayout()
        grid.addWidget(QLabel("<b>{}</b>".format(_("Field"))), 0, 0)
        grid.addWidget(QLabel("<b>{}</b>".format(_("Saved by the other person"))), 0, 1)
        grid.addWidget(QLabel("<b>{}</b>".format(_("Yours"))), 0, 2)
        for row, key in enumerate(self.fields, start=1):
            grid.addWidget(QLabel(labels.get(key, key.replace("_", " ").capitalize())), row, 0)
            theirs = QRadioButton(_shown(error.theirs.get(key)))
            mine = QRadioButton(_shown(error.mine.get(key)))
            mine.setChecked(True)
            group = QButtonGroup(self)
            group.addButton(theirs, 0)
            group.addButton(mine, 1)
            self.groups[key] = group
            grid.addWidget(theirs, row, 1)
            grid.addWidget(mine, row, 2)
        grid.setRowStretch(len(self.fields) + 1, 1)  # rows stay together at the top
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        grid.setVerticalSpacing(10)
        body = QWidget()
        body.setLayout(grid)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.resize(640, 320)

    def choose(self, key: str, *, mine: bool) -> None:
        self.groups[key].button(1 if mine else 0).setChecked(True)

    def merged(self) -> dict[str, object]:
        """The values to save: every field of mine, with the other person's where chosen."""
        result = dict(self.error.mine)
        for key, group in self.groups.items():
            if group.checkedId() == 0:
                result[key] = self.error.theirs.get(key)
        return result

    @classmethod
    def ask(cls, error: ConflictError, *, labels: dict[str, str] | None = None,
            parent: QWidget | None = None) -> dict[str, object] | None:
        """Show the dialog; the merged values, or None if the user cancelled. Tests patch this."""
        dialog = cls(error, labels=labels, parent=parent)
        return dialog.merged() if dialog.exec() == QDialog.DialogCode.Accepted else None
