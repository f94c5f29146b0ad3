"""Print every screen's keyboard and naming problems at once (a developer's aid, not a test):
``python -m pytest tests/gui/accessibility/report.py -s -p no:cacheprovider``."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from communitydesk.gui.theme import apply_theme
from tests.gui.accessibility.screens import SCREENS, build_screen, make_room, settle
from tests.gui.accessibility.walks import (
    actions_without_keys,
    buttons_without_keys,
    icon_only_buttons,
    tab_chain_problems,
    unnamed_elements,
)


def test_print_problems(qtbot, demo_db, paths) -> None:  # noqa: ANN001
    apply_theme(QApplication.instance())
    for name in SCREENS:
        room = make_room(demo_db, paths)
        widget = build_screen(name, room)
        qtbot.addWidget(widget)
        widget.resize(1100, 760)
        widget.show()
        settle(widget, room)
        widget.activateWindow()
        qtbot.waitUntil(lambda w=widget: QApplication.activeWindow() is w, timeout=3000)
        problems = unnamed_elements(widget) + tab_chain_problems(widget)
        problems += [f"icon-only: {b.objectName()} {b.toolTip()!r} {b.accessibleName()!r}"
                     for b in icon_only_buttons(widget)
                     if not (b.accessibleName() and b.accessibleDescription() and b.toolTip())]
        problems += buttons_without_keys(widget)
        if hasattr(widget, 'menuBar'):
            problems += actions_without_keys([a.menu() for a in widget.menuBar().actions() if a.menu()])
        for problem in problems:
            print(f"{name}: {problem}")
        widget.close()
