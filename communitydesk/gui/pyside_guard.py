"""A guard against a PySide6 6.12 reference-counting bug on Python 3.11.

Many void Qt calls made from Python (``setCurrentIndex``, ``setData``,
``addItem``, ``setHidden``…) drop one reference to ``None`` each. From Python
3.12 ``None`` is immortal and this is harmless; on 3.11 a long session (or one
refresh of a 20,000-person list) takes its count to zero and the interpreter
aborts with "Fatal Python error: none_dealloc". Giving ``None`` a huge count once
at start-up makes that unreachable; ``None`` is never meant to be freed anyway.
"""

from __future__ import annotations

import ctypes
import sys

_HEADROOM = 1 << 40


def guard_none_refcount() -> None:
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    refcount = ctypes.c_ssize_t.from_address(id(None))  # ob_refcnt is the first field of every object
    if refcount.value < _HEADROOM:
        refcount.value += _HEADROOM
