"""When and how the first-run screen shows, and what each of its choices does.

The group's own file is only ever given the details typed in: the demo is
built in a separate file in the data folder and opened instead, and the next
start opens the group's own file again.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from communitydesk.gui.first_run.first_run_dialog import FirstRunChoice, FirstRunDialog
from communitydesk.i18n import _
from communitydesk.services.settings.group_settings import needs_first_run, save_settings

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from communitydesk.gui.main_window import MainWindow
    from communitydesk.gui.operations import Operation

DEMO_FILE_NAME = "communitydesk-demo.sqlite3"


def demo_database_path(window: MainWindow) -> Path:
    return window.ctx.paths.data_dir / DEMO_FILE_NAME


def offer_first_run(window: MainWindow) -> Operation | None:
    """Check (off the UI thread) whether the window's database is a new group's, empty one,
    and if so open the first-run screen over the window (kept as ``window.first_run``)."""
    window.first_run = None
    if window.ctx.db.read_only:
        return None

    def checked(needed: bool) -> None:
        if needed:
            window.first_run = show_first_run(window)

    return window.ctx.ops.read(needs_first_run, parent=window, done=checked, key="first-run")


def show_first_run(window: MainWindow) -> FirstRunDialog:
    dialog = FirstRunDialog(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.accepted.connect(lambda: apply_first_run(window, dialog))
    dialog.open()
    return dialog


def apply_first_run(window: MainWindow, dialog: FirstRunDialog) -> Operation:
    """Store what was typed in the group's own file, then start the way chosen."""
    own_target = window.ctx.gui_settings.last_database
    if not own_target:
        own_target = str(window.ctx.db.sqlite_path) if window.ctx.db.sqlite_path else None
    values, choice = dialog.values(), dialog.choice
    your_name = dialog.your_name.text().strip()
    if your_name:  # #20: the audit trail names the person chosen here (Privacy → audit can change it)
        window.ctx.gui_settings.setValue("audit_user_name", your_name)
        window.ctx.db.set_audit_user(your_name)
    saved: list[object] = []

    def start() -> None:  # once the save has finished: opening the demo waits for operations
        if not saved:
            return
        if choice is FirstRunChoice.IMPORT:
            window.show_page("members").import_members()
        elif choice is FirstRunChoice.DEMO:
            open_demo(window, own_target=own_target)
        else:
            window.statusBar().showMessage(
                _("Ready: add your first member with Ctrl+N, or plan a meeting."), 10000)

    op = window.ctx.ops.write(lambda session: save_settings(session, **values), parent=window,
                              done=saved.append)
    op.finished.connect(start)
    return op


def open_demo(window: MainWindow, *, own_target: str | None) -> Operation | None:
    """Open the demo's own file (made once) and fill it; the group's file is left as it was."""
    path = demo_database_path(window)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not window.switch_database(str(path)):
        return None
    if own_target:  # the next start opens the group's own file, not the demo
        window.ctx.gui_settings.last_database = own_target

    def filled(_added: object) -> None:
        window.statusBar().showMessage(
            _("This is the demo ({file}). Your own database is untouched: "
              "File → Open database to go back to it.").format(file=path.name), 20000)

    if window.ctx.db.read_only:
        filled(None)
        return None
    return window.ctx.ops.write(fill_demo_once, parent=window, progress=_("Building the demo…"),
                                done=filled)


def fill_demo_once(session: Session, _progress: object) -> bool:
    """The made-up group, unless the demo file already has it (it is built only once)."""
    from communitydesk.services.demo.fill import fill_demo_data
    from communitydesk.services.members.records import count_members

    if count_members(session):
        return False
    fill_demo_data(session)
    return True
