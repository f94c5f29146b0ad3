"""The window's own style and accessibility rules (gui/theme.py), as gui/app.py applies them,
for every accessibility test; the application's look is put back afterwards."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QWidget

from communitydesk.config import Paths
from communitydesk.db.engine import Database
from tests.gui.accessibility.screens import Room, build_screen, make_room, settle


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


@pytest.fixture
def room(demo_db: Database, paths: Paths) -> Room:
    """The demo group the screens are built over (the same one ``shown`` uses)."""
    return make_room(demo_db, paths)


@pytest.fixture
def shown(qtbot, room: Room, request: pytest.FixtureRequest) -> QWidget:  # noqa: ANN001
    """The screen named by the test parameter, shown, loaded and active."""
    widget = build_screen(request.param, room)
    qtbot.addWidget(widget)
    widget.resize(1100, 760)
    widget.show()
    qtbot.waitExposed(widget)
    settle(widget, room)
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget, timeout=3000)
    return widget
