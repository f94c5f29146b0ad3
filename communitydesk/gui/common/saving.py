"""Save an edit through the one versioned path: a write on the operation runner whose
``ConflictError`` opens the ConflictDialog with both versions, then saves the merged values.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtWidgets import QWidget
from sqlalchemy.orm import Session

from communitydesk.errors import ConflictError
from communitydesk.gui.common.conflict_dialog import ConflictDialog
from communitydesk.gui.context import AppContext
from communitydesk.gui.operations import Operation

T = TypeVar("T")
Save = Callable[[Session, dict[str, object], int | None], T]


def save_versioned_edit(ctx: AppContext, parent: QWidget, save: Save[T], values: dict[str, object],
                        version: int | None, *, done: Callable[[T], Any]) -> Operation:
    """``save(session, values, expected_version)`` on a worker; on conflict ask which values
    win and save those (no version check: the person has just seen the other version)."""
    def merge(error: ConflictError) -> None:
        merged = ConflictDialog.ask(error, parent=parent)
        if merged is not None:
            ctx.ops.write(lambda s: save(s, merged, None), parent=parent, done=done)

    return ctx.ops.write(lambda s: save(s, values, version), parent=parent, done=done,
                         on_conflict=merge)
