"""Every page and dialog: Tab reaches every control without traps, and a screen reader hears a name
for every control (issue #19, items 1 and 2)."""

from __future__ import annotations

import pytest

from tests.gui.accessibility.screens import SCREENS
from tests.gui.accessibility.walks import (
    actions_without_keys,
    buttons_without_keys,
    icon_only_buttons,
    tab_chain_problems,
    unnamed_elements,
)


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
