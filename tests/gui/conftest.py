"""GUI tests: every one has the application (pytest-qt's, as tests/conftest.py extends it), so
Python's collector runs only between tests, on this thread (tests/conftest.py)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication


@pytest.fixture(autouse=True)
def application(qapp: QApplication) -> QApplication:
    return qapp
