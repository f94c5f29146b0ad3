"""Pause Python's cyclic garbage collector around bulk reads.

Why: building tens of thousands of rows (a year's report, the member list)
allocates so many small tuples that the collector runs again and again over
every live object, finds nothing (rows hold no reference cycles), and takes
about a third of the time. Reference counting still frees everything as usual;
only the cycle search waits until the step is over.

Threads may nest pauses (a report on a worker while the UI loads members); the
collector comes back when the last one ends, and only if it was on before.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_was_enabled = True


def pause() -> Callable[[], None]:
    """Pause the collector until the returned function is called (only the first call counts):
    for a pause that is not one block of code, such as the window's start-up."""
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    done = threading.Event()

    def resume() -> None:
        global _depth
        with _lock:
            if done.is_set():
                return
            done.set()
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()

    return resume


@contextmanager
def gc_paused() -> Iterator[None]:
    resume = pause()
    try:
        yield
    finally:
        resume()
