"""First run on a new group's empty database: name, venue, region, then empty, import or demo."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QSettings

from communitydesk.config import Paths
from communitydesk.db.engine import Database, open_database
from communitydesk.gui.app import welcome as start_welcome
from communitydesk.gui.context import AppContext, DataEvents
from communitydesk.gui.first_run.first_run import DEMO_FILE_NAME
from communitydesk.gui.first_run.first_run_dialog import FirstRunDialog
from communitydesk.gui.main_window import MainWindow
from communitydesk.gui.members.import_wizard import ImportWizard
from communitydesk.services.members.records import add_member, count_members
from communitydesk.services.settings.group_settings import (
    load_settings,
    needs_first_run,
    save_settings,
)
from tests.pdf.poppler import flat, pdftotext


def open_window(qtbot, db: Database, paths: Paths) -> tuple[MainWindow, QSettings]:
    settings = QSettings(str(paths.gui_settings_file), QSettings.Format.IniFormat)
    settings.setValue("last_database", str(db.sqlite_path))  # as the app records it on start
    window = MainWindow(AppContext(paths=paths, db=db, gui_settings=settings, events=DataEvents()))
    qtbot.addWidget(window)
    window.show()
    return window, settings


def welcome(window: MainWindow, _settings: QSettings, target: str) -> FirstRunDialog | None:
    """The app's welcome, once its check (a read through the runner) has answered."""
    start_welcome(window, target)
    window.ctx.ops.wait_idle()
    return window.first_run


def choose(window: MainWindow, button) -> None:  # noqa: ANN001 - one of the dialog's buttons
    button.click()
    window.ctx.ops.wait_idle()  # the details are saved, then the chosen start runs


def test_new_database_shows_first_run_and_start_empty_names_the_group(
        qtbot, db: Database, paths: Paths, run_cli, tmp_path: Path) -> None:
    assert db.just_created
    window, settings = open_window(qtbot, db, paths)
    dialog = welcome(window, settings, str(db.sqlite_path))
    assert isinstance(dialog, FirstRunDialog) and dialog.isVisible()
    dialog.group_name.setText("Riverside Tenants")
    dialog.venue.setText("St Anne's Hall")
    dialog.region.setEditText("Ireland")
    choose(window, dialog.empty_button)
    assert not [d for d in window.findChildren(FirstRunDialog) if d.isVisible()]  # closed
    with db.session() as s:
        saved = load_settings(s)
        assert (saved.group_name, saved.default_venue, saved.phone_region) == (
            "Riverside Tenants", "St Anne's Hall", "IE")
        assert count_members(s) == 0
        assert not needs_first_run(s)  # not asked again
    assert window.windowTitle() == "CommunityDesk — Riverside Tenants"

    added = run_cli("meetings", "add", "--title", "First meeting", "--starts", "2026-12-03 19:00",
                    "--json", db=db.sqlite_path)
    assert added.returncode == 0, added.stderr
    sheet = tmp_path / "sign-in.pdf"
    done = run_cli("print", "sign-in", str(json.loads(added.stdout)["id"]), "-o", str(sheet),
                   db=db.sqlite_path)
    assert done.returncode == 0, done.stderr
    text = flat(pdftotext(sheet))
    assert "Riverside Tenants" in text and "Our Community Group" not in text


def test_a_name_is_needed_to_start(qtbot, db: Database, paths: Paths) -> None:
    window, settings = open_window(qtbot, db, paths)
    dialog = welcome(window, settings, str(db.sqlite_path))
    dialog.region.setEditText("Atlantis")
    dialog.empty_button.click()
    assert dialog.isVisible()
    assert "cannot be empty" in dialog.errors["group_name"].text()
    assert "country" in dialog.errors["phone_region"].text()
    with db.session() as s:
        assert needs_first_run(s)


def test_import_choice_opens_the_import_wizard(qtbot, db: Database, paths: Paths) -> None:
    window, settings = open_window(qtbot, db, paths)
    dialog = welcome(window, settings, str(db.sqlite_path))
    dialog.group_name.setText("Riverside Tenants")
    choose(window, dialog.import_button)
    wizards = [w for w in window.findChildren(ImportWizard) if w.isVisible()]
    assert len(wizards) == 1
    wizards[0].reject()
    with db.session() as s:
        assert load_settings(s).group_name == "Riverside Tenants"


def test_demo_choice_opens_a_separate_file_and_leaves_the_group_file_empty(
        qtbot, db: Database, paths: Paths) -> None:
    own = db.sqlite_path
    window, settings = open_window(qtbot, db, paths)
    dialog = welcome(window, settings, str(own))
    choose(window, dialog.demo_button)  # exploring first: no name needed yet
    window.ctx.ops.wait_idle()  # the demo file opened, then filled
    demo = paths.data_dir / DEMO_FILE_NAME
    assert window.ctx.db.sqlite_path == demo
    with window.ctx.db.session() as s:
        assert count_members(s) > 0
    assert "Maple Court" in window.windowTitle()
    assert settings.value("last_database") == str(own)  # next start: the group's own file
    window.close()

    mine = open_database(str(own), backups_dir=paths.backups_dir)
    try:
        with mine.session() as s:
            assert count_members(s) == 0
            assert needs_first_run(s)  # still the group's to set up
    finally:
        mine.dispose()


def test_no_first_run_on_a_database_in_use(qtbot, db: Database, paths: Paths) -> None:
    with db.session() as s:
        add_member(s, first_name="Ann", last_name="Lee")
    window, settings = open_window(qtbot, db, paths)
    assert welcome(window, settings, str(db.sqlite_path)) is None


def test_no_first_run_once_named(qtbot, db: Database, paths: Paths) -> None:
    with db.session() as s:
        save_settings(s, group_name="Riverside Tenants")
    window, settings = open_window(qtbot, db, paths)
    assert welcome(window, settings, str(db.sqlite_path)) is None
