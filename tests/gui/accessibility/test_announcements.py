"""What a screen reader hears beyond names (issue #19): table row counts, chart summaries,
the kiosk's and the register's live counts; the kiosk and the register used with keys alone;
colour is never the only signal."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication

from communitydesk.config import Paths
from communitydesk.db.engine import Database
from communitydesk.gui.attendance.attendance_page import AttendancePage
from communitydesk.gui.attendance.kiosk_window import KioskWindow
from communitydesk.gui.meetings.action_table_model import COL_DUE, ActionTableModel
from communitydesk.gui.members.members_page import MembersPage
from communitydesk.gui.one_to_ones.ladder_board import StageListModel
from communitydesk.gui.reports.reports_page import ReportsPage
from communitydesk.services.attendance.register import count_register, register_rows
from communitydesk.services.meetings.actions import list_actions
from communitydesk.services.one_to_ones.ladder import LadderColumn, LadderPerson
from tests.gui.accessibility.screens import make_room
from tests.gui.test_attendance_page import make_ctx, small_group


def _name(widget) -> str:  # noqa: ANN001
    return QAccessible.queryAccessibleInterface(widget).text(QAccessible.Text.Name)


def _description(widget) -> str:  # noqa: ANN001
    return QAccessible.queryAccessibleInterface(widget).text(QAccessible.Text.Description)


def test_tables_announce_their_row_counts(qtbot, demo_db: Database, paths: Paths) -> None:
    page = MembersPage(make_room(demo_db, paths).ctx)
    qtbot.addWidget(page)
    page.show()
    page.wait_until_loaded()
    total = page.proxy.rowCount()
    assert total > 10
    assert _name(page.table) == "Members"
    assert _description(page.table) == f"{total} rows"
    qtbot.keyClicks(page.search, "lukasz")
    assert 0 < page.proxy.rowCount() < total
    assert _description(page.table) == f"{page.proxy.rowCount()} row" + ("s" if page.proxy.rowCount() > 1 else "")


def test_charts_have_names_and_a_text_summary(qtbot, demo_db: Database, paths: Paths) -> None:
    page = ReportsPage(make_room(demo_db, paths).ctx)
    qtbot.addWidget(page)
    page.show()
    page.wait_until_loaded()
    attendance = page.attendance_panel.view
    assert _name(attendance) == "Attendance per meeting"
    summary = _description(attendance)
    assert "meetings from" in summary and "people, most on" in summary, summary
    monthly = _description(page.new_panel.view)
    assert _name(page.new_panel.view) == "New and returning people per month"
    assert " new, " in monthly and " returning." in monthly, monthly
    assert attendance.focusPolicy() & Qt.FocusPolicy.TabFocus  # Tab reaches it, so the summary is read


def test_kiosk_with_keys_alone_announces_each_check_in(qtbot, db: Database, paths: Paths) -> None:
    meeting_id = small_group(db, 4)
    kiosk = KioskWindow(make_ctx(db, paths), meeting_id)
    qtbot.addWidget(kiosk)
    kiosk.wait_until_loaded()
    with qtbot.waitActive(kiosk):
        kiosk.show()
        kiosk.activateWindow()
    assert QApplication.focusWidget() is kiosk.search_box  # a visitor can type at once
    assert _name(kiosk.search_box) == "Your name" and _name(kiosk.matches) == "Matching names"
    for typed in ("person0", "person1"):
        qtbot.keyClicks(QApplication.focusWidget(), typed)
        assert _description(kiosk.matches) == "1 name"
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
        kiosk.wait_until_loaded()
    assert _name(kiosk.count_label) == "2 checked in so far"
    assert _name(kiosk.welcome).startswith("Welcome, Person1")
    # a newcomer, with Alt+N and Tab only
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is kiosk.form.first_name)  # a mnemonic clicks after 100 ms
    for text in ("Noor", "Haddad"):
        qtbot.keyClicks(QApplication.focusWidget(), text)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClick(kiosk.form.first_name, Qt.Key.Key_Return)
    kiosk.wait_until_loaded()
    assert _name(kiosk.count_label) == "3 checked in so far"
    with db.session() as s:
        assert count_register(register_rows(s, meeting_id)).present == 3


def test_register_with_keys_alone_announces_the_counts(qtbot, db: Database, paths: Paths) -> None:
    meeting_id = small_group(db, 3)
    page = AttendancePage(make_ctx(db, paths))
    qtbot.addWidget(page)
    page.wait_until_loaded()
    with qtbot.waitActive(page):
        page.show()
        page.activateWindow()
    qtbot.keyClick(page, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is page.row_entry
    assert _name(page.row_entry) == "Row number from the paper sheet"
    for typed in ("1", "2a"):
        qtbot.keyClicks(page.row_entry, typed)
        qtbot.keyClick(page.row_entry, Qt.Key.Key_Return)
    page.wait_until_loaded()
    assert _name(page.counts_label).startswith("Expected 3  ·  Present 1  ·  Apologies 1")
    # Tab leaves the register table for the next control (the arrows move inside it)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not page.table
    assert _description(page.table) == "3 rows"
    with db.session() as s:
        counts = count_register(register_rows(s, meeting_id))
    assert (counts.present, counts.apologies) == (1, 1)


def test_overdue_actions_carry_an_icon_and_words_not_only_colour(demo_db: Database) -> None:
    with demo_db.session() as s:
        actions = list_actions(s)
    model = ActionTableModel(today=date(2030, 1, 1))
    model.set_rows(actions)
    overdue = [r for r in range(model.rowCount()) if model.is_overdue(r)]
    assert overdue
    due = model.index(overdue[0], COL_DUE)
    assert due.data(Qt.ItemDataRole.DecorationRole) is not None
    assert due.data(Qt.ItemDataRole.AccessibleTextRole).endswith(", overdue")
    on_time = [r for r in range(model.rowCount()) if not model.is_overdue(r)]
    for row in on_time:
        assert model.index(row, COL_DUE).data(Qt.ItemDataRole.DecorationRole) is None


def test_people_not_active_on_the_ladder_carry_an_icon_and_words(qtbot) -> None:  # noqa: ANN001
    column = LadderColumn(stage="member", title="Member", people=(
        LadderPerson(member_id=1, name="Ann Lee", status="active"),
        LadderPerson(member_id=2, name="Bo Chan", status="lapsed")))
    model = StageListModel(column)
    active, lapsed = model.index(0, 0, QModelIndex()), model.index(1, 0, QModelIndex())
    assert active.data(Qt.ItemDataRole.DecorationRole) is None
    assert lapsed.data(Qt.ItemDataRole.DecorationRole) is not None
    assert lapsed.data(Qt.ItemDataRole.AccessibleTextRole) == "Bo Chan, Lapsed"  # the status word as the list shows it (translated)
    assert lapsed.data(Qt.ItemDataRole.ForegroundRole) is not None  # the grey stays, with the sign
