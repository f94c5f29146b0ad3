"""When and how the first-run screen shows, and what each of its choices does.

The group's own file is only ever given the details typed in: the demo is
built in a separate file in the data folder and opened instead, and the next
start opens the group's own file again.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from communitydesk.errors import UserError
from communitydesk.gui.first_run.first_run_dialog import FirstRunChoice, FirstRunDialog
from communitydesk.services.settings import needs_first_run, save_settings

if TYPE_CHECKING:
    from communitydesk.gui.main_window import MainWindow

DEMO_FILE_NAME = "communitydesk-demo.sqlite3"


def demo_database_path(window: MainWindow) -> Path:
    return window.ctx.paths.data_dir / DEMO_FILE_NAME


def offer_first_run(window: MainWindow) -> FirstRunDialog | None:
    """Open the first-run screen over the window when its database is a new group's, empty one."""
    db = window.ctx.db
    if db.read_only:
        return None
    with db.session() as session:
        if not needs_first_run(session):
            return None
    dialog = FirstRunDialog(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.accepted.connect(lambda: apply_first_run(window, dialog))
    dialog.open()
    return dialog


def apply_first_run(window: MainWindow, dialog: FirstRunDialog) -> None:
    """Store what was typed in the group's own file, then start the way chosen."""
    own_target = window.ctx.gui_settings.value("last_database")
    if not isinstance(own_target, str) or not own_target:
        own_target = str(window.ctx.db.sqlite_path) if window.ctx.db.sqlite_path else None
    try:
        with window.ctx.db.session() as session:
            save_settings(session, **dialog.values())
    except UserError as exc:
        QMessageBox.warning(window, "Could not save the group's details", str(exc))
        return
    window.ctx.announce("settings")
    if dialog.choice is FirstRunChoice.IMPORT:
        window.show_page("members").import_members()
    elif dialog.choice is FirstRunChoice.DEMO:
        open_demo(window, own_target=own_target)
    else:
        window.statusBar().showMessage("Ready: add your first member with Ctrl+N, or plan a meeting.", 10000)


def open_demo(window: MainWindow, *, own_target: str | None) -> bool:
    """Build the demo in its own file (once) and open it; the group's file is left as it was."""
    from communitydesk.gui.privacy.open_guard import open_guarded
    from communitydesk.services.demo import fill_demo_data
    from communitydesk.services.members import count_members

    path = demo_database_path(window)
    path.parent.mkdir(parents=True, exist_ok=True)
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        guard = open_guarded(str(path), window.ctx.paths)
        try:
            if not guard.db.read_only:
                with guard.db.session() as session:
                    if not count_members(session):
                        fill_demo_data(session)
        finally:
            guard.close()
    except UserError as exc:
        QMessageBox.warning(window, "Could not build the demo", str(exc))
        return False
    finally:
        QApplication.restoreOverrideCursor()
    if not window.switch_database(str(path)):
        return False
    if own_target:  # the next start opens the group's own file, not the demo
        window.ctx.gui_settings.setValue("last_database", own_target)
    window.statusBar().showMessage(
        f"This is the demo ({path.name}). Your own database is untouched: "
        "File → Open database to go back to it.", 20000)
    return True
