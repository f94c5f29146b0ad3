"""The window's own style and accessibility rules (gui/theme.py), as gui/app.py applies them,
for every accessibility test; the application's look is put back afterwards."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication


@pytest.fixture(autouse=True)
def themed(qapp: QApplication) -> Iterator[None]:
    from communitydesk.gui.theme import apply_theme

    style, sheet, palette, font = qapp.style().name(), qapp.styleSheet(), qapp.palette(), qapp.font()
    apply_theme(qapp)
    yield
    qapp.setStyleSheet(sheet)
    qapp.setStyle(style)
    qapp.setPalette(palette)
    qapp.setFont(font)
