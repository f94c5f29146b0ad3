"""GUI tests: Python's garbage collector runs between tests, never inside one.

A Python wrapper that PySide wrongly believes owns a Qt widget deletes it when the collector
frees the wrapper (see gui/common/tab_order.py). Left to run at random moments, the collector
made that a rare segmentation fault in some later test; collected at the end of each test, it
happens in the test that caused it, every time. What survives is frozen out of later
collections, so each one looks only at what one test made (a full collection per test doubled
the GUI tests' time).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def garbage_collected_between_tests(qapp) -> Iterator[None]:  # noqa: ANN001 - pytest-qt's app
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.collect()
        gc.freeze()
