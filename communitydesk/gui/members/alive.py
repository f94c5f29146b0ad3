"""Results of operations reach a screen only while it still exists.

A read may finish after its dialog was closed and deleted (WA_DeleteOnClose, or
a test tearing down): calling into the deleted widget would raise inside the
event loop. The runner hands results to any callable, so the members screens
wrap theirs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject


def while_alive(owner: QObject, fn: Callable[..., Any]) -> Callable[..., Any]:
    """``fn``, which does nothing once ``owner``'s Qt object has been deleted."""

    def call(*args: Any) -> Any:
        if shiboken6.isValid(owner):
            return fn(*args)
        return None

    return call
