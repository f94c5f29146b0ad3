"""The main window: title, sidebar screens, status bar, menus, members table, remembered state."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from communitydesk.config import Paths
from communitydesk.db.engine import Database
from communitydesk.gui.context import AppContext, DataEvents
from communitydesk.gui.main_window import MainWindow
from communitydesk.gui.members.member_table_model import MemberTableModel
from communitydesk.gui.members.members_page import MembersPage
from communitydesk.services.members.records import add_member, list_members


def make_window(qtbot, db: Database, paths: Paths) -> MainWindow:
    settings = QSettings(str(paths.gui_settings_file), QSettings.Format.IniFormat)
    window = MainWindow(AppContext(paths=paths, db=db, gui_settings=settings, events=DataEvents()))
    qtbot.addWidget(window)
    return window


def test_window_shell(qtbot, demo_db: Database, paths: Paths) -> None:
    window = make_window(qtbot, demo_db, paths)
    window.show()
    assert window.windowTitle() == "CommunityDesk"  # shown first; the group's name follows
    window.wait_until_loaded()
    assert window.windowTitle() == "CommunityDesk — Maple Court Tenants' Association"
    assert [window.sidebar.item(i).text() for i in range(window.sidebar.count())] == [
        "Members", "Meetings", "Actions", "Attendance", "One-to-ones", "Reports", "Dues"]
    assert str(demo_db.sqlite_path) in window.db_label.text()
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus[0] == "&File" and menus[-1] == "&Help"
    file_actions = [a.text() for a in window.file_menu.actions() if a.text()]
    for wanted in ("&New database…", "&Open database…", "&Backup now", "&Restore from backup…", "&Quit"):
        assert wanted in file_actions
    for key in ("meetings", "actions", "attendance", "one_to_ones", "reports"):
        assert window.show_page(key).isVisible()
    members = window.show_page("members")
    assert isinstance(members, MembersPage)
    with demo_db.session() as s:
        assert members.model.rowCount() == len(list_members(s))


def test_members_search_and_filters(qtbot, demo_db: Database, paths: Paths) -> None:
    window = make_window(qtbot, demo_db, paths)
    page = window.show_page("members")
    total = page.model.rowCount()
    qtbot.keyClicks(page.search, "lukasz")
    assert 0 < page.proxy.rowCount() < total
    for row in range(page.proxy.rowCount()):
        assert "Łukasz" in page.proxy.index(row, 1).data() or "ukasz" in page.proxy.index(row, 1).data()
    assert page.count_label.text() == f"showing {page.proxy.rowCount()} of {total}"
    page.search.clear()
    page.status_filter.setCurrentIndex(page.status_filter.findData("prospect"))
    assert all(page.proxy.index(r, 5).data().startswith("Prospect") for r in range(page.proxy.rowCount()))
    page.search.setText("zzzz-nobody")
    assert page.stack.currentWidget() is page.no_match


def test_empty_database_shows_empty_state(qtbot, db: Database, paths: Paths) -> None:
    window = make_window(qtbot, db, paths)
    page = window.show_page("members")
    assert page.stack.currentWidget() is page.empty
    with db.session() as s:
        add_member(s, first_name="Aoife", last_name="Ní Bhriain")
    window.ctx.announce("members")
    page.wait_until_loaded()  # the refresh reads off the UI thread
    assert page.model.rowCount() == 1
    assert page.stack.currentWidget() is page.table


def test_geometry_is_remembered(qtbot, db: Database, paths: Paths) -> None:
    window = make_window(qtbot, db, paths)
    window.show()
    window.resize(700, 520)
    window.close()
    again = make_window(qtbot, db, paths)
    assert again.width() == 700 and again.height() == 520


def test_backup_now_from_menu(qtbot, db: Database, paths: Paths) -> None:
    window = make_window(qtbot, db, paths)
    window.backup_now().wait()
    assert list(db.backups_dir.glob("*.sqlite3"))
    assert "Backup saved" in window.statusBar().currentMessage()


def test_switch_database(qtbot, db: Database, paths: Paths, tmp_path: Path) -> None:
    window = make_window(qtbot, db, paths)
    assert window.switch_database(str(tmp_path / "other.sqlite3"))
    assert "other.sqlite3" in window.db_label.text()
    assert window.ctx.gui_settings.value("last_database") == str(tmp_path / "other.sqlite3")


def test_member_table_model_is_sound(qtmodeltester, demo_db: Database) -> None:
    model = MemberTableModel()
    with demo_db.session() as s:
        model.set_rows(list_members(s))
    qtmodeltester.check(model)


def test_window_shows_before_any_statement_on_the_ui_thread(qtbot, db: Database, paths: Paths) -> None:
    """Start-up: the group's name is read off the UI thread, in one read, after ``show()``."""
    import threading

    from sqlalchemy import event

    ui_statements: list[str] = []

    def statement(_conn, _cursor, sql, *_rest) -> None:  # noqa: ANN001
        if threading.current_thread() is threading.main_thread():
            ui_statements.append(sql)

    event.listen(db.engine, "before_cursor_execute", statement)
    try:
        window = make_window(qtbot, db, paths)
        window.show()
        assert window.windowTitle() == "CommunityDesk"  # shown before the group's name is read
        window.show_page("members")  # the first screen, as at start (waits for its rows)
        window.wait_until_loaded()
    finally:
        event.remove(db.engine, "before_cursor_execute", statement)
    assert ui_statements == []
    assert window.windowTitle() == "CommunityDesk — Our Community Group"


def test_first_open_fits_a_small_screen(qtbot, db: Database, paths: Paths) -> None:
    from PySide6.QtCore import QSize

    from communitydesk.gui.common.screens import screen_of
    from communitydesk.gui.main_window import first_open_size

    assert first_open_size(QSize(1024, 640)) == QSize(1024, 640)
    assert first_open_size(QSize(1920, 1080)) == QSize(1180, 760)
    window = make_window(qtbot, db, paths)  # nothing saved: sized to this screen's free area
    free = screen_of(window).availableGeometry().size()
    assert first_open_size(free) != QSize(1180, 760)  # the test screen is smaller than the default
    window.show()
    assert window.isMaximized()  # the frame and title bar fit too
    assert window.width() <= free.width() and window.height() <= free.height()


def test_switching_database_waits_for_running_operations(qtbot, db: Database, paths: Paths,
                                                        tmp_path: Path) -> None:
    import time

    window = make_window(qtbot, db, paths)
    window.wait_until_loaded()
    seen: list[str] = []

    def slow_read(session) -> str:  # noqa: ANN001
        time.sleep(0.3)
        return str(session.get_bind().url)

    window.ctx.ops.read(slow_read, parent=window, done=seen.append)
    assert window.switch_database(str(tmp_path / "other.sqlite3"))
    assert seen == [str(db.engine.url)]  # finished on the old database before it was closed


def test_check_and_restore_run_through_the_runner(qtbot, db: Database, paths: Paths,
                                                  monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, title, text: told.append(f"{title}: {text}"))
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, text: told.append(f"{title}: {text}"))
    window = make_window(qtbot, db, paths)
    window.wait_until_loaded()
    window.check_database().wait()
    assert told == ["Database check: No problems found."]
    window.backup_now().wait()
    backup = next(db.backups_dir.glob("*.sqlite3"))
    with db.session() as s:
        add_member(s, first_name="Added", last_name="After")
    window.restore_from(backup).wait()
    window.wait_until_loaded()
    assert told[-1].startswith("Restored: Restored from")
    with db.session() as s:
        assert list_members(s) == []  # back to the backup's contents
    assert window.windowTitle() == "CommunityDesk — Our Community Group"


def test_group_settings_are_read_again_before_screens_hear_of_a_change(qtbot, db: Database,
                                                                       paths: Paths) -> None:
    from communitydesk.services.settings.group_settings import save_settings

    window = make_window(qtbot, db, paths)
    window.wait_until_loaded()
    heard: list[tuple[set, str]] = []
    window.ctx.events.changed.connect(lambda areas: heard.append((areas, window.ctx.group.group_name)))
    window.ctx.ops.write(lambda s: save_settings(s, group_name="Riverside Tenants"), parent=window).wait()
    window.ctx.ops.wait_idle()
    assert heard and "settings" in heard[0][0] and heard[0][1] == "Riverside Tenants"
    assert window.ctx.group_settings().group_name == "Riverside Tenants"  # no session of its own
    assert window.group_label.text() == "Riverside Tenants"
