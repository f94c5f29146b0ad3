"""Emit a Qt signal from Python without tripping PySide6 6.12.0's reference-count bug.

In PySide6 6.12.0 ``SignalInstance.emit()`` returns ``True``/``False`` without taking a
reference, so every emit from Python (our own signals and built-in ones such as
``layoutChanged``) drops one reference to a bool; on Python 3.11, where the bools are not
immortal, a few thousand emits later the interpreter aborts with "bool_dealloc:
deallocating True or False". ``emit()`` gives the missing reference back. On a PySide6
without the bug it merely keeps one extra reference to True or False, which is harmless.
"""

from __future__ import annotations

import ctypes
from typing import Any

_incref = ctypes.pythonapi.Py_IncRef
_incref.argtypes = [ctypes.py_object]
_incref.restype = None


def emit(signal: Any, *args: Any) -> None:
    """``signal.emit(*args)``, safely. Use it for every emit from Python code."""
    result = signal.emit(*args)
    if result is True or result is False:
        _incref(result)
