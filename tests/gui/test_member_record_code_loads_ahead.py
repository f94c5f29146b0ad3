"""The member record's code is imported off the UI thread (#14): the record's dialog once the
Members list shows, the other tabs' panels once a record shows its Details; opening a record
imports none of the panels' modules itself, and each tab still builds its panel when shown.

Run in a fresh interpreter: in the test session every module is long imported already.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from communitydesk.config import Paths
from communitydesk.db.engine import Database
from communitydesk.gui.members.member_panels import PANEL_MODULES, member_panels
from communitydesk.services.members.records import add_member
from tests.paths import REPO

DIALOG_MODULE = "communitydesk.gui.members.member_dialog"

SCRIPT = """
import json, sys
from pathlib import Path
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from communitydesk.config import Paths
from communitydesk.db.engine import open_database
from communitydesk.gui.context import AppContext, DataEvents

database, folder, member_id = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
app = QApplication([])
paths = Paths(data_dir=folder, config_dir=folder)
ctx = AppContext(paths=paths, db=open_database(database, backups_dir=paths.backups_dir),
                 gui_settings=QSettings(str(paths.gui_settings_file), QSettings.Format.IniFormat),
                 events=DataEvents())
watched = [sys.argv[4], *sys.argv[5:]]
seen = {}

def imported(when):
    seen[when] = [name for name in watched if name in sys.modules]

from communitydesk.gui.members.members_page import MembersPage
page = MembersPage(ctx)
imported("page built")
page.wait_until_loaded()
page.warm.wait()
imported("list shown")
dialog = page.open_member(member_id)
imported("record opened")
dialog.loading.wait()
dialog.warm.wait()
imported("details shown")
dialog.close()
print(json.dumps(seen))
"""


def test_record_code_is_imported_in_the_background(db: Database, paths: Paths, tmp_path: Path) -> None:
    with db.session() as s:
        member = add_member(s, first_name="Ann", last_name="Lee")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(db.sqlite_path), str(tmp_path), str(member.id),
         DIALOG_MODULE, *PANEL_MODULES],
        capture_output=True, text=True, env=env, timeout=120, cwd=REPO, check=False)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["page built"] == []
    assert seen["list shown"] == [DIALOG_MODULE]  # before anyone opens a record
    assert seen["record opened"] == [DIALOG_MODULE]  # no tab's code on the way to Details
    assert seen["details shown"] == [DIALOG_MODULE, *PANEL_MODULES]


def test_every_registered_tab_is_built_when_shown(qtbot, db: Database, paths: Paths) -> None:
    """The factories import their modules themselves: each real tab appears when clicked."""
    from tests.gui.test_main_window import make_window

    with db.session() as s:
        member = add_member(s, first_name="Ann", last_name="Lee")
    page = make_window(qtbot, db, paths).show_page("members")
    dialog = page.open_member(member.id)
    dialog.loading.wait()
    keys = [panel.key for panel in member_panels()]
    assert len(keys) == len(PANEL_MODULES) + 1  # one-to-ones and timeline share a module
    for index, key in enumerate(keys, start=1):
        dialog.tabs.setCurrentIndex(index)
        assert dialog.tabs.currentWidget() is dialog.panels[key]
        assert type(dialog.panels[key]).__module__ in PANEL_MODULES
    page.ctx.ops.wait_idle()  # the panels' own reads
    dialog.close()
