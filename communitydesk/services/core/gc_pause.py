"""Pause Python's cyclic garbage collector around bulk reads.

Why: building tens of thousands of rows (a year's report, the member list)
allocates so many small tuples that the collector runs again and again over
every live object, finds nothing (rows hold no reference cycles), and takes
about a third of the time. Reference counting still frees everything as usual;
only the cycle search waits until the step is over.

Threads may nest pauses (a report on a worker while the UI loads members); the
collector comes back when the last one ends, and only if it was on before.

A program with a window never lets the collector run by itself (``collect_only_when_asked``):
an automatic collection runs on whichever thread allocates, and on a worker it would delete a
garbage widget there, racing the window's thread (gui/collector.py collects on that thread).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_was_enabled = True
_automatic = True  # False once a window collects on its own thread


def collect_only_when_asked() -> None:
    """From now on the collector runs only when asked (``gc.collect``): no pause turns it back on."""
    global _automatic
    with _lock:
        _automatic = False
        gc.disable()


def paused() -> bool:
    """Whether a bulk read (or the window's start) has asked for no collections just now."""
    return _depth > 0


def pause() -> Callable[[], None]:
    """Pause the collector until the returned function is called (only the first call counts):
    for a pause that is not one block of code, such as the window's start-up."""
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    done = False

    def resume() -> None:
        global _depth
        nonlocal done
        with _lock:
            if done:
                return
            done = True
            _depth -= 1
            if _depth == 0 and _was_enabled and _automatic:
                gc.enable()

    return resume


@contextmanager
def gc_paused() -> Iterator[None]:
    resume = pause()
    try:
        yield
    finally:
        resume()
