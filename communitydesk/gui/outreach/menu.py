"""The Print menu's outreach entries: each opens its dialog (non-modal, kept while open)."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QMenu, QWidget

from communitydesk.gui.context import AppContext
from communitydesk.i18n import N_, _

ENTRIES = (
    (N_("Address &labels…"), "LabelsDialog"),
    (N_("Name &badges…"), "BadgesDialog"),
    (N_("L&etters…"), "LettersDialog"),
    (N_("P&hone tree…"), "PhoneTreeDialog"),
)


def open_dialog(name: str, ctx: AppContext, parent: QWidget) -> QDialog:
    if name == "LettersDialog":
        from communitydesk.gui.outreach.letters_dialog import LettersDialog as dialog_class
    else:
        from communitydesk.gui.outreach import print_dialogs

        dialog_class = getattr(print_dialogs, name)
    dialog = dialog_class(ctx, parent)
    dialog.setObjectName(name)
    dialog.show()
    return dialog


def add_outreach_actions(menu: QMenu, ctx: AppContext, parent: QWidget) -> None:
    for label, name in ENTRIES:
        action = QAction(_(label), parent)
        action.setData(name)
        action.triggered.connect(lambda _=False, n=name: open_dialog(n, ctx, parent))
        menu.addAction(action)
