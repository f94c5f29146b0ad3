"""Save through a service with optimistic locking: a conflict opens the ConflictDialog,
other user errors a message box. Every save runs in its own short session.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import QMessageBox, QWidget

from communitydesk.errors import ConflictError, UserError
from communitydesk.gui.conflict_dialog import ConflictDialog

T = TypeVar("T")


def save_with_locking(parent: QWidget, save: Callable[[dict[str, object], int | None], T],
                      values: dict[str, object], version: int | None) -> T | None:
    """``save(values, expected_version)``; on conflict ask which values win and save those."""
    try:
        return save(values, version)
    except ConflictError as error:
        merged = ConflictDialog.ask(error, parent=parent)
        if merged is None:
            return None
        return run_or_warn(parent, lambda: save(merged, None))
    except UserError as error:
        QMessageBox.warning(parent, "Cannot save", str(error))
        return None


def run_or_warn(parent: QWidget, action: Callable[[], T], *, title: str = "Cannot do that") -> T | None:
    try:
        return action()
    except UserError as error:
        QMessageBox.warning(parent, title, str(error))
        return None
