"""Keyboard shortcuts that press a button, and so do nothing while it is greyed out.

A page's shortcut used to call the button's slot directly, so Ctrl+K opened the kiosk with
no meeting chosen and Ctrl+Shift+Y took a payment from a login whose role greys "Paid at
the door…". Pressing the button instead honours every reason it is disabled: the role, a
read-only file, nothing selected.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QWidget


def press_on(keys: str | QKeySequence | QKeySequence.StandardKey, button: QAbstractButton, where: QWidget,
             context: Qt.ShortcutContext = Qt.ShortcutContext.WindowShortcut) -> QShortcut:
    """``keys`` pressed while ``where`` (a page, a table) is active click ``button`` if it is enabled."""
    return QShortcut(QKeySequence(keys), where, activated=button.click, context=context)
