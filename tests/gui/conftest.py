"""GUI tests: Python's garbage collector runs between tests, never inside one.

A Python wrapper that PySide wrongly believes owns a Qt widget deletes it when the collector
frees the wrapper (see gui/common/tab_order.py). Left to run at random moments, the collector
made that a rare segmentation fault in some later test; collected at the end of each test, it
fails the test that caused it, every time.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def garbage_collected_between_tests(qapp) -> Iterator[None]:  # noqa: ANN001 - pytest-qt's app
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.collect()
