"""Every page and dialog: Tab reaches every control without traps, and a screen reader hears a name
for every control (issue #19, items 1 and 2)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from communitydesk.config import Paths
from communitydesk.db.engine import Database
from tests.gui.accessibility.screens import SCREENS, build_screen, make_room, settle
from tests.gui.accessibility.walks import (
    actions_without_keys,
    buttons_without_keys,
    icon_only_buttons,
    tab_chain_problems,
    unnamed_elements,
)


@pytest.fixture
def shown(qtbot, demo_db: Database, paths: Paths, request: pytest.FixtureRequest):  # noqa: ANN001
    room = make_room(demo_db, paths)
    widget = build_screen(request.param, room)
    qtbot.addWidget(widget)
    widget.resize(1100, 760)
    widget.show()
    qtbot.waitExposed(widget)
    settle(widget, room)
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget, timeout=3000)
    return widget


@pytest.mark.parametrize("shown", SCREENS, indirect=True)
def test_tab_reaches_every_control_without_traps(shown) -> None:  # noqa: ANN001
    assert tab_chain_problems(shown) == []


@pytest.mark.parametrize("shown", SCREENS, indirect=True)
def test_every_control_has_a_name(shown) -> None:  # noqa: ANN001
    assert unnamed_elements(shown) == []


@pytest.mark.parametrize("shown", SCREENS, indirect=True)
def test_icon_only_buttons_have_names_and_descriptions(shown) -> None:  # noqa: ANN001
    bare = [b for b in icon_only_buttons(shown) if not (b.accessibleName() and b.accessibleDescription()
                                                          and b.toolTip())]
    assert [(type(b).__name__, b.objectName(), b.toolTip()) for b in bare] == []


@pytest.mark.parametrize("shown", SCREENS, indirect=True)
def test_every_button_has_a_mnemonic_or_shortcut(shown) -> None:  # noqa: ANN001
    assert buttons_without_keys(shown) == []


@pytest.mark.parametrize("shown", ["main window"], indirect=True)
def test_every_menu_action_has_a_mnemonic_or_shortcut(shown) -> None:  # noqa: ANN001
    menus = [a.menu() for a in shown.menuBar().actions() if a.menu() is not None]
    assert len(menus) >= 3
    assert actions_without_keys(menus) == []
