"""The window's one way to ask before doing something that cannot easily be undone.

Why one helper: a Yes/No box makes people read the question twice; a button named
for what it does ("Delete", "Merge", "Restore") says it at a glance, and Cancel as
the default means a stray Enter never deletes anything.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from communitydesk.i18n import _


def confirm(parent: QWidget | None, title: str, text: str, action: str) -> bool:
    """Ask ``text``; True only if the person pressed the button named ``action``.

    Cancel is the default button and Escape answers it too.
    """
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton,
                      parent)
    go = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
    go.setObjectName("confirm-action")
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is go


def ask_unsaved(parent: QWidget | None, text: str) -> QMessageBox.StandardButton:
    """Save, Discard or Cancel for a form with unsaved changes (Save is the default)."""
    box = QMessageBox(QMessageBox.Icon.Question, _("Unsaved changes"), text,
                      QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                      | QMessageBox.StandardButton.Cancel, parent)
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    box.setEscapeButton(QMessageBox.StandardButton.Cancel)
    answer = box.exec()
    return QMessageBox.StandardButton(answer)
