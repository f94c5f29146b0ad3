"""#20: the window says which role the signed-in login has on a shared database."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from communitydesk.config import Paths
from communitydesk.db.engine import Database, open_database
from communitydesk.gui.context import AppContext, DataEvents
from communitydesk.gui.main_window import MainWindow
from tests.postgres.test_roles import login_url, shared_database  # noqa: F401 - fixture

pytestmark = pytest.mark.postgres


def test_the_status_bar_shows_the_role(qtbot, granted: dict, pg_db: Database, paths: Paths) -> None:
    db = open_database(login_url(pg_db, granted["logins"]["organiser"]), backups_dir=paths.backups_dir)
    settings = QSettings(str(paths.gui_settings_file), QSettings.Format.IniFormat)
    window = MainWindow(AppContext(paths=paths, db=db, gui_settings=settings, events=DataEvents()))
    qtbot.addWidget(window)
    window.show()
    window.ctx.ops.wait_idle()
    assert window.db_label.text().endswith("— role: organiser")
    window.resize(1366, 768)
    window.grab().save("/tmp/roles-statusbar.png")
    window.close()
    window.ctx.ops.wait_idle()
    db.dispose()


def test_a_door_login_is_told_why_the_member_list_is_missing(qtbot, granted: dict, pg_db: Database,
                                                            paths: Paths) -> None:
    db = open_database(login_url(pg_db, granted["logins"]["door"]), backups_dir=paths.backups_dir)
    settings = QSettings(str(paths.gui_settings_file), QSettings.Format.IniFormat)
    window = MainWindow(AppContext(paths=paths, db=db, gui_settings=settings, events=DataEvents()))
    qtbot.addWidget(window)
    window.show()
    window.ctx.ops.wait_idle()
    assert "members" not in window.pages  # not offered to the door at all (gui/role_access.py) …
    from communitydesk.gui.members.members_page import MembersPage

    page = MembersPage(window.ctx)  # … and a screen refused all the same says why in words
    qtbot.addWidget(page)
    page.wait_until_loaded()
    assert page.waiting.text.text().startswith("not allowed for role door: permission denied")
    assert "Ask the group's admin" in page.waiting.text.text()
    assert "restore a backup" not in page.waiting.text.text()
    window.close()
    window.ctx.ops.wait_idle()
    db.dispose()
