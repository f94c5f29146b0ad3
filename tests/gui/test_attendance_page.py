"""The Attendance screen: numbered register, single keys, row-number entry, guests, live counts."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, time, timedelta

import pytest
from PySide6.QtCore import QSettings, Qt

from communitydesk.config import Paths
from communitydesk.db.engine import Database
from communitydesk.gui.attendance.attendance_page import AttendancePage
from communitydesk.gui.attendance.member_attendance_panel import MemberAttendancePanel
from communitydesk.gui.attendance.register_import_dialog import RegisterImportDialog
from communitydesk.gui.attendance.register_table_model import (
    COL_NAME,
    COL_STATUS,
    RegisterTableModel,
)
from communitydesk.gui.common.dates import long_date
from communitydesk.gui.context import AppContext, DataEvents
from communitydesk.gui.members.member_panels import member_panels
from communitydesk.services.attendance.register import (
    count_register,
    record_attendance,
    register_rows,
)
from communitydesk.services.meetings.planning import add_meeting
from communitydesk.services.members.records import add_member, list_members
from tests.services.test_attendance_import import LEGACY


def make_ctx(db: Database, paths: Paths) -> AppContext:
    settings = QSettings(str(paths.gui_settings_file), QSettings.Format.IniFormat)
    return AppContext(paths=paths, db=db, gui_settings=settings, events=DataEvents())


def opened(qtbot, page: AttendancePage) -> AttendancePage:  # noqa: ANN001 - qtbot
    """The page with its background load landed."""
    qtbot.addWidget(page)
    page.wait_until_loaded()
    return page


def small_group(db: Database, n: int = 6) -> int:
    with db.session() as s:
        for i in range(n):
            add_member(s, first_name=f"Person{i}", last_name=f"Surname{chr(ord('A') + i)}")
        return add_meeting(s, title="Branch meeting", starts_at=tonight()).id


def tonight(days: int = 0) -> datetime:
    """A meeting at 19:00, ``days`` from today (the register takes marks from a meeting's day)."""
    return datetime.combine(date.today() + timedelta(days=days), time(19))


def test_register_keys_row_numbers_and_counts(qtbot, qtmodeltester, db: Database, paths: Paths) -> None:
    meeting_id = small_group(db)
    page = opened(qtbot, AttendancePage(make_ctx(db, paths)))
    page.show()
    assert page.meeting_id == meeting_id and page.model.rowCount() == 6
    qtmodeltester.check(page.model)
    assert [page.proxy.index(r, 0).data() for r in range(6)] == ["1", "2", "3", "4", "5", "6"]
    page.table.setFocus()
    page.table.setCurrentIndex(page.proxy.index(0, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_P)  # row 1 present, moves to row 2
    assert page.marks.busy and page.proxy.index(0, COL_STATUS).data() == "Present"  # shown before it is saved
    assert page.counts_label.text().startswith("Expected 6  ·  Present 1")
    qtbot.keyClick(page.table, Qt.Key.Key_A)  # row 2 apologies
    qtbot.keyClick(page.table, Qt.Key.Key_3)  # row 3 absent
    qtbot.keyClick(page.table, Qt.Key.Key_Up)
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)  # row 3 cleared again
    qtbot.keyClicks(page.row_entry, "5")
    qtbot.keyClick(page.row_entry, Qt.Key.Key_Return)
    qtbot.keyClicks(page.row_entry, "6a")
    qtbot.keyClick(page.row_entry, Qt.Key.Key_Return)
    qtbot.keyClicks(page.row_entry, "99")
    qtbot.keyClick(page.row_entry, Qt.Key.Key_Return)
    assert "99" in page.row_entry.toolTip()
    page.wait_until_loaded()
    with db.session() as s:
        stored = count_register(register_rows(s, meeting_id))
    assert (stored.present, stored.apologies, stored.absent, stored.not_marked) == (2, 2, 0, 2)
    assert page.counts_label.text() == "Expected 6  ·  Present 2  ·  Apologies 2  ·  Absent 0  ·  Not marked 2"
    assert [page.proxy.index(r, COL_STATUS).data() for r in range(6)] == [
        "Present", "Apologies", "—", "—", "Present", "Apologies"]
    page.table.sortByColumn(COL_STATUS, Qt.SortOrder.AscendingOrder)
    assert page.proxy.index(0, COL_STATUS).data() == "Present"
    qtmodeltester.check(page.model)
    qtbot.keyClicks(page.search, "surnamec")
    assert page.proxy.rowCount() == 1 and page.proxy.index(0, COL_NAME).data() == "Person2 SurnameC"
    page.search.setText("4")  # a row number finds that row
    assert [page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())] == ["4"]
    page.search.clear()
    page.table.sortByColumn(COL_NAME, Qt.SortOrder.DescendingOrder)
    assert page.proxy.index(0, COL_NAME).data() == "Person5 SurnameF"


def test_guest_in_two_fields_joins_the_register(qtbot, db: Database, paths: Paths) -> None:
    meeting_id = small_group(db, 2)
    page = opened(qtbot, AttendancePage(make_ctx(db, paths)))
    qtbot.keyClicks(page.guest_first, "Noor")
    qtbot.keyClick(page.guest_first, Qt.Key.Key_Return)
    qtbot.keyClicks(page.guest_last, "Haddad")
    qtbot.keyClick(page.guest_last, Qt.Key.Key_Return)
    page.wait_until_loaded()
    assert page.model.rowCount() == 3 and page.model.counts().present == 1
    with db.session() as s:
        prospects = list_members(s, status="prospect")
        rows = register_rows(s, meeting_id)
    assert [m.full_name for m in prospects] == ["Noor Haddad"]
    assert [r.status for r in rows if r.member_id == prospects[0].id] == ["present"]
    assert page.guest_first.text() == "" and page.guest_last.text() == ""


def test_empty_database_shows_an_empty_state(qtbot, db: Database, paths: Paths) -> None:
    page = opened(qtbot, AttendancePage(make_ctx(db, paths)))
    assert page.stack.currentWidget() is page.empty
    assert not page.kiosk_button.isEnabled()
    page.show()
    page.activateWindow()
    qtbot.waitExposed(page)
    qtbot.keyClick(page, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)  # its shortcut: greyed too
    assert page.kiosk is None and page.notice.isHidden()


def test_import_dialog_previews_then_imports(qtbot, db: Database, paths: Paths) -> None:
    ctx = make_ctx(db, paths)
    dialog = RegisterImportDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.path.setText(str(LEGACY))
    with qtbot.waitSignal(dialog.completed, timeout=30_000):
        dialog.preview_button.click()
    assert "Preview" in dialog.report.toPlainText() and "16 people" in dialog.report.toPlainText()
    with db.session() as s:
        assert list_members(s) == []
    with qtbot.waitSignal(ctx.events.changed, timeout=30_000), qtbot.waitSignal(dialog.completed, timeout=30_000):
        dialog.import_button.click()
    assert dialog.result_summary is not None and dialog.result_summary.members_created == 16
    assert "8 created" in dialog.report.toPlainText()
    dialog.path.setText(str(paths.data_dir / "missing.csv"))
    with qtbot.waitSignal(dialog.completed, timeout=30_000):
        dialog.preview_button.click()
    assert "Nothing was imported" in dialog.report.toPlainText()


def test_member_panel_shows_history(qtbot, qtmodeltester, db: Database, paths: Paths) -> None:
    with db.session() as s:
        member = add_member(s, first_name="Ana", last_name="Abbott")
        early = add_meeting(s, title="Spring meeting", starts_at=datetime(2026, 3, 1, 19))
        later = add_meeting(s, title="Summer meeting", starts_at=datetime(2026, 6, 1, 19))
        record_attendance(s, early.id, member_id=member.id, status="present")
        record_attendance(s, later.id, member_id=member.id, status="apologies")
    attendance_panel = next(p for p in member_panels() if p.key == "attendance")  # other capabilities add theirs
    panel = attendance_panel.factory(make_ctx(db, paths), member.id)
    qtbot.addWidget(panel)
    assert isinstance(panel, MemberAttendancePanel) and panel.loading is None  # loads when first shown
    panel.show()
    panel.wait_until_loaded()
    qtmodeltester.check(panel.model)
    assert panel.last_label.text() == f"Last attended: {long_date(date(2026, 3, 1))}"
    assert panel.model.rowCount() == 2 and panel.model.index(0, 1).data() == "Summer meeting"
    empty = MemberAttendancePanel(make_ctx(db, paths), add_member_id(db))
    qtbot.addWidget(empty)
    empty.show()
    empty.wait_until_loaded()
    assert empty.last_label.text() == "Last attended: never" and empty.table.isHidden()


def add_member_id(db: Database) -> int:
    with db.session() as s:
        return add_member(s, first_name="Bo", last_name="Chen").id


def test_register_model_passes_the_model_tester(qtmodeltester, db: Database) -> None:
    meeting_id = small_group(db, 3)
    model = RegisterTableModel()
    with db.session() as s:
        model.set_rows(register_rows(s, meeting_id))
    qtmodeltester.check(model)


def test_import_dialog_cancel_leaves_nothing(qtbot, db: Database, paths: Paths) -> None:
    """Cancel pressed while the import runs on its worker: it stops and nothing is saved."""
    dialog = RegisterImportDialog(make_ctx(db, paths))
    qtbot.addWidget(dialog)
    dialog.path.setText(str(LEGACY))
    blocker = sqlite3.connect(db.sqlite_path)  # holds the write lock: the import waits at its first write
    blocker.execute("BEGIN IMMEDIATE")
    with qtbot.waitSignal(dialog.completed, timeout=30_000):
        dialog.import_button.click()
        assert dialog.running is not None and not dialog.import_button.isEnabled()
        dialog.cancel_button.click()  # pressed while the import is running
        blocker.rollback()
    blocker.close()
    assert "cancelled" in dialog.report.toPlainText() and dialog.result_summary is None
    with db.session() as s:
        assert list_members(s) == []


def test_register_opens_on_the_last_meeting_held_never_one_ahead(qtbot, db: Database, paths: Paths) -> None:
    """Issue 13 item 6: three days ahead is not the default; today's meeting is."""
    with db.session() as s:
        add_member(s, first_name="Ana", last_name="Abbott")
        last_week = add_meeting(s, title="Last week", starts_at=tonight(-7)).id
        ahead = add_meeting(s, title="In three days", starts_at=tonight(3)).id
    page = opened(qtbot, AttendancePage(make_ctx(db, paths)))
    assert page.meeting_id == last_week and page.notice.isHidden()
    with db.session() as s:
        today = add_meeting(s, title="Tonight", starts_at=tonight()).id
    page.refresh()
    page.wait_until_loaded()
    assert page.meeting_id == last_week  # a refresh keeps the meeting being worked on
    assert page.meeting_choice.count() == 3
    fresh = opened(qtbot, AttendancePage(make_ctx(db, paths)))
    assert fresh.meeting_id == today
    only_ahead = opened(qtbot, AttendancePage(make_ctx(db, paths), today=date.today() - timedelta(days=30)))
    assert only_ahead.meeting_id is None and only_ahead.stack.currentWidget() is only_ahead.empty
    assert only_ahead.empty.title.text() == "No meeting held yet"
    assert "The next is Last week" in only_ahead.notice.text() and ahead


def test_a_meeting_ahead_takes_apologies_only(qtbot, db: Database, paths: Paths) -> None:
    with db.session() as s:
        for first, last in (("Ana", "Abbott"), ("Bo", "Chen")):
            add_member(s, first_name=first, last_name=last)
        ahead = add_meeting(s, title="In three days", starts_at=tonight(3)).id
    page = opened(qtbot, AttendancePage(make_ctx(db, paths)))
    page.show()
    page.choose_meeting(ahead)
    page.wait_until_loaded()
    assert page.meeting_id == ahead
    assert page.notice.isVisible() and "has not happened yet" in page.notice.text()
    assert long_date(tonight(3)) in page.notice.text()
    assert not page.mark_button_for["present"].isEnabled() and not page.mark_button_for["absent"].isEnabled()
    assert page.mark_button_for["apologies"].isEnabled() and not page.guest_button.isEnabled()
    page.table.setFocus()
    page.table.setCurrentIndex(page.proxy.index(0, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_P)
    assert page.notice.text().startswith("Cannot mark anyone present.")
    qtbot.keyClicks(page.row_entry, "2x")
    qtbot.keyClick(page.row_entry, Qt.Key.Key_Return)
    assert page.notice.text().startswith("Cannot mark anyone absent.")
    qtbot.keyClicks(page.row_entry, "a")  # now "2xa": not a row entry; start again
    page.row_entry.setText("2a")
    qtbot.keyClick(page.row_entry, Qt.Key.Key_Return)
    page.wait_until_loaded()
    with db.session() as s:
        assert [r.status for r in register_rows(s, ahead)] == [None, "apologies"]


def test_typing_a_row_marks_the_person_printed_there_after_additions(qtbot, db: Database,
                                                                    paths: Paths) -> None:
    """Opening the register fixes its numbers: someone added who sorts first goes last."""
    meeting_id = small_group(db, 4)
    page = opened(qtbot, AttendancePage(make_ctx(db, paths)))
    row_3 = page.model.row_at(page.model.row_of_number(3)).display_name
    with db.session() as s:
        add_member(s, first_name="Aaron", last_name="Aardvark")
    page.refresh()
    page.wait_until_loaded()
    qtbot.keyClicks(page.row_entry, "3")
    qtbot.keyClick(page.row_entry, Qt.Key.Key_Return)
    page.wait_until_loaded()
    with db.session() as s:
        rows = {r.number: r for r in register_rows(s, meeting_id)}
    assert rows[3].display_name == row_3 and rows[3].status == "present"
    assert rows[5].display_name == "Aaron Aardvark" and page.model.rowCount() == 5


@pytest.fixture
def no_dialogs(monkeypatch: pytest.MonkeyPatch) -> list:
    """The kiosk's "which meeting?" question, answered by the test: records what was offered."""
    from communitydesk.gui.attendance.meeting_choice import KioskMeetingDialog

    asked: list = []

    def answer(cls, candidates, *, today, parent):  # noqa: ANN001, ANN202 - patched classmethod
        asked.append([m.title for m in candidates])
        return candidates[-1].id if asked[-1] else None

    monkeypatch.setattr(KioskMeetingDialog, "ask", classmethod(answer))
    return asked


def test_kiosk_opens_on_todays_meeting_or_asks(qtbot, db: Database, paths: Paths, no_dialogs: list) -> None:
    with db.session() as s:
        add_member(s, first_name="Ana", last_name="Abbott")
        add_meeting(s, title="Last week", starts_at=tonight(-7))
        add_meeting(s, title="In three days", starts_at=tonight(3))
    page = opened(qtbot, AttendancePage(make_ctx(db, paths)))
    kiosk = page.open_kiosk(full_screen=False)  # none today: asked, among meetings held only
    qtbot.addWidget(kiosk)
    assert no_dialogs == [["Last week"]] and kiosk.meeting_id == page.meeting_id
    with db.session() as s:
        tonight_id = add_meeting(s, title="Tonight", starts_at=tonight()).id
    page.refresh()
    page.wait_until_loaded()
    kiosk = page.open_kiosk(full_screen=False)  # one today: no question, and the register follows
    qtbot.addWidget(kiosk)
    assert len(no_dialogs) == 1 and kiosk.meeting_id == tonight_id == page.meeting_id
    with db.session() as s:
        add_meeting(s, title="Tonight, late", starts_at=tonight() + timedelta(hours=2))
    page.refresh()
    page.wait_until_loaded()
    kiosk = page.open_kiosk(full_screen=False)
    qtbot.addWidget(kiosk)
    assert no_dialogs[-1] == ["Tonight", "Tonight, late"]
    early = opened(qtbot, AttendancePage(make_ctx(db, paths), today=date.today() - timedelta(days=30)))
    assert early.open_kiosk(full_screen=False) is None  # nothing held yet: nothing to open
    assert "The kiosk opens on the day of a meeting" in early.notice.text()


def test_a_refused_mark_is_put_back_and_explained(qtbot, db: Database, paths: Paths,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """A mark shows at once; when the database refuses it, the row goes back and the reason shows."""
    from PySide6.QtWidgets import QMessageBox

    from communitydesk.services.meetings.planning import cancel_meeting

    meeting_id = small_group(db, 3)
    page = opened(qtbot, AttendancePage(make_ctx(db, paths)))
    page.show()
    with db.session() as s:
        cancel_meeting(s, meeting_id)  # on another laptop, say, while the register is open
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda _parent, _title, text: shown.append(text)))
    page.table.setFocus()
    page.table.setCurrentIndex(page.proxy.index(0, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_P)
    qtbot.keyClick(page.table, Qt.Key.Key_A)  # queued behind the first: undone with it
    assert [page.proxy.index(r, COL_STATUS).data() for r in range(3)] == ["Present", "Apologies", "—"]
    page.wait_until_loaded()
    assert [page.proxy.index(r, COL_STATUS).data() for r in range(3)] == ["—", "—", "—"]
    assert len(shown) == 1 and "cancelled" in shown[0]
    assert page.counts_label.text().endswith("Not marked 3")
    with db.session() as s:
        assert count_register(register_rows(s, meeting_id)).not_marked == 3


def test_opening_a_register_reads_then_fixes_its_numbers_in_a_write(qtbot, db: Database, paths: Paths) -> None:
    """Reads never write (strict in tests); the numbers are stored by the page's own write."""
    from sqlalchemy import select

    from communitydesk.db.models import SheetNumber

    meeting_id = small_group(db, 3)
    page = opened(qtbot, AttendancePage(make_ctx(db, paths)))
    assert page.numbering is not None and page.numbering.is_done and not page.numbering.is_read
    with db.session() as s:
        stored = s.scalars(select(SheetNumber.number).where(SheetNumber.meeting_id == meeting_id))
        assert sorted(stored) == [1, 2, 3]
    first_numbering = page.numbering
    page.refresh()
    page.wait_until_loaded()
    assert page.numbering is first_numbering and page.model.rowCount() == 3  # numbered: no second write


def test_a_reload_asked_for_while_marks_are_saved_comes_after_them(qtbot, db: Database, paths: Paths) -> None:
    """Another screen's change mid-typing: the reload waits for the marks, which stay shown."""
    meeting_id = small_group(db, 3)
    page = opened(qtbot, AttendancePage(make_ctx(db, paths)))
    page.show()
    with db.session() as s:
        add_meeting(s, title="Yesterday", starts_at=tonight(-1))
    page.table.setFocus()
    page.table.setCurrentIndex(page.proxy.index(0, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_P)
    qtbot.keyClick(page.table, Qt.Key.Key_A)
    page.refresh()
    page.wait_until_loaded()
    assert page.meeting_choice.count() == 2 and page.meeting_id == meeting_id
    assert [page.proxy.index(r, COL_STATUS).data() for r in range(3)] == ["Present", "Apologies", "—"]
