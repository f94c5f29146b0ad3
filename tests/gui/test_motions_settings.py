"""Proxy votes allowed or not, from the Settings dialog and in `settings show` (#16)."""

from __future__ import annotations

import json

from PySide6.QtWidgets import QCheckBox

from communitydesk.config import Paths
from communitydesk.db.engine import Database
from communitydesk.services.settings.group_settings import load_settings
from tests.gui.test_settings_dialog import make_window, open_from_menu, press_ok


def test_proxies_allowed_is_a_checkbox_on_the_meetings_tab(qtbot, db: Database, paths: Paths) -> None:  # noqa: ANN001
    window = make_window(qtbot, db, paths)
    window.show()
    dialog = open_from_menu(window)
    box = dialog.editors["proxies_allowed"]
    assert isinstance(box, QCheckBox) and not box.isChecked()
    assert dialog.tabs.tabText(dialog._tab_of["proxies_allowed"]) == "Meetings"
    dialog.tabs.setCurrentIndex(dialog._tab_of["proxies_allowed"])
    dialog.resize(1024, 640)
    dialog.grab().save("/tmp/motions2-settings.png")
    box.setChecked(True)
    press_ok(dialog)
    with db.session() as s:
        assert load_settings(s).proxies_allowed == "yes"
    again = open_from_menu(window)
    assert again.editors["proxies_allowed"].isChecked()
    again.editors["proxies_allowed"].setChecked(False)
    press_ok(again)
    with db.session() as s:
        assert load_settings(s).proxies_allowed == "no"


def test_settings_show_has_proxies_allowed(run_cli) -> None:  # noqa: ANN001
    assert json.loads(run_cli("settings", "show", "--json").stdout)["proxies_allowed"] == "no"
    run_cli("settings", "set", "proxies_allowed", "yes")
    assert "proxies_allowed" in run_cli("settings", "show").stdout
    assert json.loads(run_cli("settings", "show", "--json").stdout)["proxies_allowed"] == "yes"
