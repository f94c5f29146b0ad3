"""Emit a Qt signal from Python without tripping PySide6 6.12.0's reference-count bug.

In PySide6 6.12.0 ``SignalInstance.emit()`` returns ``True``/``False`` without taking a
reference, so every emit from Python (our own signals and built-in ones such as
``layoutChanged``) drops one reference to a bool; on Python 3.11, where the bools are not
immortal, a few thousand emits later the interpreter aborts with "bool_dealloc:
deallocating True or False". pyproject.toml excludes 6.12.0; ``emit()`` also gives the
missing reference back on that version, so a machine that still has it keeps running.
"""

from __future__ import annotations

import ctypes
from typing import Any

import PySide6

_BROKEN_EMIT = tuple(PySide6.__version_info__[:3]) == (6, 12, 0)
_incref = ctypes.pythonapi.Py_IncRef
_incref.argtypes = [ctypes.py_object]
_incref.restype = None


def emit(signal: Any, *args: Any) -> None:
    """``signal.emit(*args)``, safely on every PySide6 we meet."""
    result = signal.emit(*args)
    if _BROKEN_EMIT and (result is True or result is False):
        _incref(result)
