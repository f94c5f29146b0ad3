"""The window's own style and accessibility rules (gui/theme.py), as gui/app.py applies them,
for every accessibility test; a test that changes the look has the ordinary one put back."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from communitydesk.config import Paths
from communitydesk.db.engine import Database
from tests.gui.accessibility.screens import Room, build_screen, make_room, settle


@pytest.fixture(scope="session")
def unthemed_look(qapp: QApplication) -> tuple[QPalette, QFont]:
    """The application's palette and font before the window's theme first changed them."""
    return QPalette(qapp.palette()), QFont(qapp.font())


@pytest.fixture(scope="package", autouse=True)
def ordinary_look_after(qapp: QApplication, unthemed_look: tuple[QPalette, QFont]) -> Iterator[None]:
    """The GUI tests after these see the palette and font they saw before (the style stays)."""
    yield
    qapp.setPalette(unthemed_look[0])
    qapp.setFont(unthemed_look[1])


@pytest.fixture(autouse=True)
def themed(qapp: QApplication, unthemed_look: tuple[QPalette, QFont]) -> Iterator[None]:
    """The theme applied once, as gui/app.py does, not made and dropped again for each test: a
    test that changes the palette or font (dark, high contrast, large text) applies it again
    itself, and gets the ordinary look back here, as the next test expects."""
    from communitydesk.gui.accessible_style import AccessibleStyle
    from communitydesk.gui.theme import apply_theme

    if not isinstance(qapp.style(), AccessibleStyle):
        apply_theme(qapp)
    sheet, palette, font = qapp.styleSheet(), QPalette(qapp.palette()), QFont(qapp.font())
    yield
    if qapp.styleSheet() != sheet:
        qapp.setStyleSheet(sheet)
    if qapp.palette() != palette or qapp.font() != font:
        qapp.setPalette(unthemed_look[0])
        qapp.setFont(unthemed_look[1])
        apply_theme(qapp)


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
