"""#14: at start-up the window paints before the first screen's code is loaded, which a worker
imports; the screen is then built and fills in as before. Run in a fresh interpreter, where no
screen's code is loaded yet (as when a person starts CommunityDesk)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from communitydesk.db.engine import Database
from communitydesk.services.members.records import add_member
from tests.paths import REPO


def _window_script(db: Database, tmp_path: Path, body: str) -> str:
    """A fresh interpreter's start: an application, then a main window on ``db``, then ``body``
    (which has ``sys``, ``window``, ``db`` and ``page_module`` to hand)."""
    return textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from PySide6.QtCore import QSettings
        from PySide6.QtWidgets import QApplication
        app = QApplication([])
        from communitydesk.config import Paths
        from communitydesk.db.engine import open_database
        from communitydesk.gui.context import AppContext, DataEvents
        from communitydesk.gui.main_window import MainWindow
        page_module = "communitydesk.gui.members.members_page"
        paths = Paths(data_dir=Path({str(tmp_path)!r}), config_dir=Path({str(tmp_path)!r}))
        db = open_database({str(db.sqlite_path)!r}, backups_dir=paths.backups_dir)
        settings = QSettings(str(paths.gui_settings_file), QSettings.Format.IniFormat)
        window = MainWindow(AppContext(paths=paths, db=db, gui_settings=settings, events=DataEvents()))
    """) + textwrap.dedent(body)


def _run(script: str, last_line: str) -> None:
    done = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True,
                          timeout=180, env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})
    assert done.stdout.strip().endswith(last_line), done.stderr[-2000:]


def test_the_first_screen_is_built_once_a_worker_has_imported_its_code(db: Database, tmp_path: Path) -> None:
    with db.session() as s:
        add_member(s, first_name="Aoife", last_name="Ní Bhriain")
    _run(_window_script(db, tmp_path, """
        import gc, threading
        import communitydesk.gui.pages as pages
        assert page_module not in sys.modules
        imported_on = []
        load = pages.PageSpec.load
        pages.PageSpec.load = lambda spec: (imported_on.append(threading.get_ident()), load(spec))[1]
        window.show()
        assert "members" not in window.pages and page_module not in sys.modules  # shown first
        assert window.sidebar.currentRow() == 0
        assert gc.get_freeze_count() == 0
        assert gc.isenabled()
        window.start_warm_up()
        at_start = gc.get_freeze_count()
        assert at_start > 10_000  # what start-up loaded is out of the collector's sight
        assert not gc.isenabled()  # and no collection holds Python's lock while the first rows come
        window.wait_until_loaded()
        page = window.pages["members"]
        assert window.stack.currentWidget() is page and page.isVisible()
        assert page.model.rowCount() == 1 and page.stack.currentWidget() is page.table
        assert imported_on and threading.get_ident() not in imported_on  # on a worker
        assert window.warm.wait(120) and window.warm.loaded[0] == page_module
        assert gc.get_freeze_count() > at_start  # and so is what the warm-up loaded
        assert gc.isenabled()  # the collector is back once the warm-up is done
        window.close()
        db.dispose()
        print("built")
    """), "built")


def test_a_screen_asked_for_while_another_loads_is_the_one_shown(db: Database, tmp_path: Path) -> None:
    """Clicking on to another screen while the first one's code loads: the later click wins."""
    _run(_window_script(db, tmp_path, """
        window.show()
        actions = [s.key for s in window.specs].index("actions")
        window.sidebar.setCurrentRow(actions)  # before Members' code is in
        window.wait_until_loaded()
        assert window.stack.currentWidget() is window.pages["actions"], window.pages
        assert "members" not in window.pages  # never built: nobody is looking at it
        members = window.show_page("members")  # and it still opens when asked for
        assert window.stack.currentWidget() is members and members.model.rowCount() == 0
        window.close()
        db.dispose()
        print("shown")
    """), "shown")


def test_a_window_closed_while_its_first_screen_loads_builds_no_screen(db: Database, tmp_path: Path) -> None:
    _run(_window_script(db, tmp_path, """
        window.show()
        window.close()  # before the first screen's code was in
        assert window.pages == {} and not window.ctx.ops.busy, window.pages
        db.dispose()
        print("closed")
    """), "closed")
