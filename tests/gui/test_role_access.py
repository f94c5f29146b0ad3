"""#20: the window shows only what the login's role may use and says why the rest is missing.

The window only follows the rights; PostgreSQL refuses the same things to psql and the CLI
(tests/postgres/test_roles.py: SQLSTATE 42501 for every refused operation, per role).
"""

from __future__ import annotations

import psycopg
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox, QWizard

from communitydesk.config import Paths
from communitydesk.db.engine import Database, open_database
from communitydesk.gui import operations
from communitydesk.gui.context import AppContext, DataEvents
from communitydesk.gui.main_window import MainWindow
from tests.postgres.test_roles import _conninfo, login_url, shared_database  # noqa: F401 - fixture

pytestmark = pytest.mark.postgres


@pytest.fixture(name="problems")
def problems_shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every message box the runner would show (none is expected: the role is not offered them)."""
    shown: list[str] = []
    monkeypatch.setattr(operations, "show_problem", lambda _parent, exc: shown.append(str(exc)))
    for kind in ("warning", "critical"):  # and screens that call show_problem by its own name
        monkeypatch.setattr(QMessageBox, kind, staticmethod(lambda _parent, _title, text, *_a: shown.append(text)))
    return shown


@pytest.fixture(name="open_as")
def window_for_role(qtbot, granted: dict, pg_db: Database, paths: Paths, problems: list[str]):  # noqa: ANN201
    opened: list[tuple[MainWindow, Database]] = []

    def open_as(role: str) -> MainWindow:
        db = open_database(login_url(pg_db, granted["logins"][role]), backups_dir=paths.backups_dir)
        settings = QSettings(str(paths.gui_settings_file), QSettings.Format.IniFormat)
        window = MainWindow(AppContext(paths=paths, db=db, gui_settings=settings, events=DataEvents()))
        qtbot.addWidget(window)
        window.show()
        window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMaximized)
        window.resize(1366, 768)
        window.ctx.ops.wait_idle()
        window.wait_until_loaded()
        opened.append((window, db))
        return window

    yield open_as
    for window, db in opened:
        window.close()
        window.ctx.ops.wait_idle()
        db.dispose()


def sidebar(window: MainWindow) -> list[str]:
    return [window.sidebar.item(i).text() for i in range(window.sidebar.count())]


def go_menu(window: MainWindow) -> list[str]:
    """The Go menu's items as read (each has its own Alt letter, #19)."""
    return [a.text().replace("&", "") for a in window.go_menu.actions()]


def menu_action(window: MainWindow, text: str):  # noqa: ANN201
    return next(a for m in window.menuBar().actions() if m.menu() for a in m.menu().actions() if a.text() == text)


def test_door_opens_on_check_in_with_nothing_else_offered(open_as, granted: dict, pg_db: Database,
                                                          problems: list[str]) -> None:
    window = open_as("door")
    assert problems == []  # the register's sheet numbers are fixed (it locks today's meeting row)
    assert sidebar(window) == ["Attendance"] == go_menu(window)
    assert window.stack.currentWidget() is window.pages["attendance"]
    assert "members" not in window.pages  # never built: no "permission denied" screen either
    page = window.pages["attendance"]
    assert page.kiosk_button.isEnabled()
    assert not page.import_button.isEnabled()
    assert not page.paid_at_the_door_button.isEnabled() and not page.email_button.isEnabled()
    assert page.import_button.toolTip() == ("Your role, door, cannot import old registers (they add members). "
                                            "Ask the group's admin.")
    for text in ("&Backup now", "&Restore from backup…", "&Audit trail…", "&Settings…"):
        assert not menu_action(window, text).isEnabled(), text
        assert menu_action(window, text).statusTip().startswith("Your role, door, cannot")
    assert window.db_label.text().endswith("— role: door")
    printing = [a for a in window.print_menu.actions() if not a.isSeparator()]
    assert printing and not any(a.isEnabled() for a in printing)
    box = window.access.explain()
    hidden = box.text().split("Not available to your role:")[1].split("\n\n")[0]
    assert "• the member list (names, contact details, import, merge, delete)" in hidden
    assert "the register and check-in" not in box.text()
    box.grab().save("/tmp/rolewin-door-why.png")
    box.close()
    window.grab().save("/tmp/rolewin-door.png")
    # hiding is not the guard: the same login is refused by the database itself
    with psycopg.connect(_conninfo(pg_db.url, granted["logins"]["door"])) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege) as refused:
            conn.execute("SELECT email FROM members")
        assert refused.value.sqlstate == "42501"


def test_treasurer_sees_dues_and_reads_minutes_without_editing(open_as, problems: list[str],
                                                                granted: dict) -> None:
    window = open_as("treasurer")
    assert sidebar(window) == ["Members", "Meetings", "Actions", "Attendance", "Reports", "Dues"]
    assert go_menu(window) == sidebar(window)
    members = window.pages["members"]
    for button in (members.new_button, members.import_button, members.duplicates_button):
        assert not button.isEnabled()
    meetings = window.show_page("meetings")
    minutes = meetings.editor.minutes
    assert not minutes.save_button.isEnabled()
    assert minutes.save_button.toolTip() == "Your role, treasurer, cannot edit minutes. Ask the group's admin."
    minutes.save_button.setEnabled(True)  # the screen enables it when a meeting is chosen: it stays off
    assert not minutes.save_button.isEnabled()
    dues = window.show_page("dues")
    assert dues.record_button.isEnabled() and dues.plans_button.isEnabled()
    assert not menu_action(window, "&Settings…").isEnabled()
    assert menu_action(window, "&Why is something missing?").isEnabled()
    text = window.access.missing_text()
    hidden, look_only = text.split("Not available to your role:")[1].split("You may look at these, not change them:")
    assert "one-to-one conversations and their notes" in hidden and "minutes" not in hidden
    assert "• minutes and decisions" in look_only
    assert "membership dues" not in text
    from communitydesk.gui.privacy.privacy_panel import PrivacyPanel

    panel = PrivacyPanel(window.ctx, granted["ids"]["Ada"])  # a member's Privacy tab, when shown
    panel.show()
    assert not panel.erase_button.isEnabled()
    assert panel.erase_button.toolTip() == "Your role, treasurer, cannot erase a person. Ask the group's admin."
    assert not panel.export_button.toolTip().startswith("Your role")  # reading what we hold is allowed
    panel.close()
    window.show_page("members")
    window.grab().save("/tmp/rolewin-treasurer.png")
    assert problems == []


def test_organiser_logs_one_to_ones_but_cannot_import_or_record_payments(open_as) -> None:
    window = open_as("organiser")
    assert sidebar(window) == ["Members", "Meetings", "Actions", "Attendance", "One-to-ones", "Reports"]
    assert "Dues" not in go_menu(window)
    assert window.show_page("one_to_ones").log_button.isEnabled()
    assert not window.show_page("actions").done_button.toolTip().startswith("Your role")  # organisers close actions
    assert not window.pages["members"].import_button.isEnabled()
    assert "import members" in window.pages["members"].import_button.toolTip()
    assert not window.show_page("meetings").new_button.isEnabled()


def test_a_role_that_reads_the_register_cannot_mark_it(open_as, qtbot, problems: list[str]) -> None:
    """The organiser may read attendance, not change it: every way to mark is greyed or refused
    on the page, not by the server's error after the click."""
    window = open_as("organiser")
    attendance = window.show_page("attendance")
    qtbot.waitUntil(lambda: attendance.model.rowCount() > 0)
    window.ctx.ops.wait_idle()
    assert problems == []
    for control in (attendance.present_button, attendance.apologies_button, attendance.row_entry,
                    attendance.guest_button, attendance.kiosk_button):
        assert not control.isEnabled() and control.toolTip().startswith("Your role"), control
    attendance.table.setFocus()
    attendance.table.selectRow(0)
    before = attendance.model.row_at(0).status
    qtbot.keyClick(attendance.table, Qt.Key.Key_P)  # the register's own key for "present"
    assert attendance.notice.text().startswith("Your role") and attendance.notice.isVisible()
    window.ctx.ops.wait_idle()
    assert attendance.model.row_at(0).status == before and problems == []
    qtbot.keyClick(attendance.table, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert attendance.kiosk is None


def test_a_shortcut_does_nothing_where_the_role_greys_its_button(open_as, qtbot) -> None:
    """Ctrl+Shift+Y ("Paid at the door…") and Ctrl+I (import) pressed anyway: no dialog opens."""
    window = open_as("organiser")
    attendance = window.show_page("attendance")
    qtbot.waitUntil(lambda: attendance.model.rowCount() > 0)
    attendance.table.setFocus()
    attendance.table.selectRow(0)
    assert not attendance.paid_at_the_door_button.isEnabled()
    qtbot.keyClick(attendance.table, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert getattr(attendance, "door_payment", None) is None
    members = window.show_page("members")
    members.table.setFocus()
    qtbot.keyClick(members.table, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert not window.findChildren(QWizard)


def test_the_owner_and_sqlite_see_everything(qtbot, db: Database, paths: Paths) -> None:
    settings = QSettings(str(paths.gui_settings_file), QSettings.Format.IniFormat)
    window = MainWindow(AppContext(paths=paths, db=db, gui_settings=settings, events=DataEvents()))
    qtbot.addWidget(window)
    assert len(sidebar(window)) == len(window.all_specs)
    assert window.stack.currentIndex() == 0 and "members" in window.pages
    assert "Nothing is missing" in window.access.missing_text()
    window.wait_until_loaded()
    window.close()


def test_switching_from_the_door_to_a_laptop_file_gives_everything_back(open_as, db: Database) -> None:
    window = open_as("door")
    assert not menu_action(window, "&Settings…").isEnabled()
    assert window.switch_database(str(db.sqlite_path))
    window.wait_until_loaded()
    assert sidebar(window) == [s.title for s in window.all_specs] == go_menu(window)
    assert menu_action(window, "&Settings…").isEnabled()
    assert not menu_action(window, "&Settings…").toolTip().startswith("Your role")
    assert window.pages["members"].import_button.isEnabled()


def test_switching_from_a_laptop_file_to_the_door_builds_no_refused_screen(
        qtbot, db: Database, paths: Paths, granted: dict, pg_db: Database, problems: list[str]) -> None:
    settings = QSettings(str(paths.gui_settings_file), QSettings.Format.IniFormat)
    window = MainWindow(AppContext(paths=paths, db=db, gui_settings=settings, events=DataEvents()))
    qtbot.addWidget(window)
    window.wait_until_loaded()
    built: list[str] = []
    page_built = window.access.page_built
    window.access.page_built = lambda key, page: (built.append(key), page_built(key, page))
    assert window.switch_database(login_url(pg_db, granted["logins"]["door"]))
    window.ctx.ops.wait_idle()
    window.wait_until_loaded()
    assert sidebar(window) == ["Attendance"]
    assert built == ["attendance"]  # the member list was never built to be refused
    assert problems == []
    window.close()
    window.ctx.ops.wait_idle()
    window.ctx.db.dispose()


@pytest.mark.parametrize("role", ["secretary", "treasurer", "organiser", "door"])
def test_every_screen_a_role_sees_opens_without_an_error(open_as, problems: list[str], pg_db: Database,
                                                        role: str) -> None:
    """Looking is never refused: a screen that wrote on opening (the register fixing its sheet
    numbers) showed the organiser "permission denied for table meetings", and Reports' paid-up
    line, read from the dues book, "permission denied for table dues_plans"."""
    from communitydesk.services.dues.plans import add_plan, find_plan_or_none

    with pg_db.session() as s:  # the group keeps dues: Reports has a paid-up line to leave out
        if find_plan_or_none(s, "Standard") is None:
            add_plan(s, name="Standard", amount="12.00", period="year")
    window = open_as(role)
    for spec in list(window.specs):
        page = window.show_page(spec.key)
        if hasattr(page, "wait_until_loaded"):
            page.wait_until_loaded()
        window.ctx.ops.wait_idle()
    assert problems == [], (role, problems)
