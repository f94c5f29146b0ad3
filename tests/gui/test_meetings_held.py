"""Issue 13 on the Meetings screen: viewing never writes, "Approve minutes" only for a meeting
held, and the list is usable at 1366×768; Reports never widens a 1024×640 window."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from communitydesk.config import Paths
from communitydesk.db.engine import Database
from communitydesk.db.models import ActionItem
from communitydesk.gui.meetings.meeting_editor import (
    TAB_AGENDA,
    TAB_ARISING,
    TAB_MINUTES,
    MeetingEditor,
)
from communitydesk.gui.meetings.meetings_page import MeetingsPage
from communitydesk.pdf.agenda import build_agenda
from communitydesk.services.meetings.documents import agenda_data
from communitydesk.services.meetings.minutes import minutes_approval
from communitydesk.services.meetings.planning import add_meeting
from tests.gui.meetings_helpers import make_ctx

NOW = datetime(2026, 11, 20, 12, 0)


@pytest.fixture
def three(db: Database) -> dict[str, int]:
    with db.session() as s:
        ids = {key: add_meeting(s, title=title, starts_at=when).id for key, title, when in (
            ("oct", "October general", datetime(2026, 10, 6, 19)),
            ("nov", "November general", datetime(2026, 11, 3, 19)),
            ("dec", "December general", datetime(2026, 12, 1, 19)))}
        # As in a database from before the rule: an open action no later agenda has an item for.
        s.add(ActionItem(meeting_id=ids["oct"], description="Book the hall"))
    return ids


def _page(qtbot, db: Database, paths: Paths) -> MeetingsPage:
    page = MeetingsPage(make_ctx(db, paths), now=lambda: NOW)
    qtbot.addWidget(page)
    page.resize(1100, 760)
    page.show()
    page.wait_until_loaded()
    page.set_show("all")
    page.wait_until_loaded()
    return page


def _dump(path: Path) -> list[str]:
    with sqlite3.connect(path) as con:
        return list(con.iterdump())


def test_viewing_and_printing_a_meeting_never_writes(qtbot, db: Database, paths: Paths, three,
                                                     tmp_path: Path) -> None:
    before = _dump(db.sqlite_path)
    page = _page(qtbot, db, paths)
    for key in ("dec", "nov", "oct", "dec"):
        assert page.select_meeting(three[key])
        page.wait_until_loaded()  # every read of the meeting has run (strict: a write raises)
        for tab in (TAB_AGENDA, TAB_MINUTES, TAB_ARISING):
            page.editor.tabs.setCurrentIndex(tab)
    assert [a.description for a in page.editor.arising.model.rows()] == ["Book the hall"]
    with db.session() as s:
        build_agenda(agenda_data(s, three["dec"]), tmp_path / "agenda.pdf")
    page.refresh().wait()
    page.wait_until_loaded()
    assert _dump(db.sqlite_path) == before


def test_approve_minutes_only_for_a_meeting_held(qtbot, db: Database, paths: Paths, three,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    page = _page(qtbot, db, paths)
    editor = page.editor
    page.select_meeting(three["dec"])
    page.wait_until_loaded()
    assert not editor.approve_button.isEnabled()
    assert "has not taken place yet" in editor.approve_button.toolTip()
    assert not editor.approve()
    page.select_meeting(three["nov"])
    page.wait_until_loaded()
    assert not editor.approve_button.isEnabled()
    assert "no later meeting has taken place yet" in editor.approve_button.toolTip()

    page.select_meeting(three["oct"])
    page.wait_until_loaded()
    assert editor.approve_button.isEnabled()
    offered = {}

    def choose(parent, choices, default):  # noqa: ANN001
        offered.update(choices=choices, default=default)
        return choices[default][0]

    monkeypatch.setattr(MeetingEditor, "choose_approval_meeting", staticmethod(choose))
    assert editor.approve() is not None
    page.wait_until_loaded()
    assert [label.split(" — ")[0] for _, label in offered["choices"]] == ["November general"]
    with db.session() as s:
        assert minutes_approval(s, three["oct"]).approved_at_meeting_id == three["nov"]


def test_meetings_page_shows_at_least_eight_rows_at_1366x768(qtbot, demo_db: Database, paths: Paths) -> None:
    from tests.gui.test_main_window import make_window

    window = make_window(qtbot, demo_db, paths)
    window.setWindowState(Qt.WindowState.WindowNoState)  # the test screen is small: not maximised
    window.resize(1366, 768)
    window.show()
    page = window.show_page("meetings")
    page.set_show("all")
    page.wait_until_loaded()
    qtbot.waitUntil(lambda: page.table.isVisible())
    table = page.table
    assert page.proxy.rowCount() >= 8
    whole_rows = sum(1 for r in range(page.proxy.rowCount())
                     if table.viewport().rect().contains(table.visualRect(page.proxy.index(r, 0))))
    assert whole_rows >= 8
    assert window.size().width() == 1366 and window.size().height() == 768
    # and the meeting below: its minutes and actions fit without scrolling
    held = next(page.proxy.row_at(r).id for r in range(page.proxy.rowCount())
                if page.proxy.row_at(r).status == "held")
    page.select_meeting(held)
    page.wait_until_loaded()
    page.editor.tabs.setCurrentIndex(TAB_MINUTES)
    qtbot.waitUntil(lambda: page.editor.minutes.isVisible())
    assert not page.editor.minutes.scroller.verticalScrollBar().isVisible()
    assert page.editor.minutes.action_add.isVisible()


@pytest.mark.parametrize("key", ["meetings", "reports"])
def test_opening_a_page_never_widens_a_1024x640_window(qtbot, demo_db: Database, paths: Paths,
                                                       key: str) -> None:
    from tests.gui.test_main_window import make_window

    window = make_window(qtbot, demo_db, paths)
    window.setWindowState(Qt.WindowState.WindowNoState)  # the test screen is small: not maximised
    window.resize(1024, 640)
    window.show()
    qtbot.waitExposed(window)
    window.show_page(key)
    qtbot.wait(50)  # let layouts settle, as a person waits for the screen to draw
    assert (window.width(), window.height()) == (1024, 640)
    assert window.minimumSizeHint().width() <= 1024 and window.minimumSizeHint().height() <= 640


def test_meeting_list_shows_nobody_present_at_a_meeting_still_ahead(qtbot, db: Database,
                                                                    paths: Paths, three) -> None:
    from communitydesk.db.models import Attendance
    from communitydesk.domain import AttendanceStatus
    from communitydesk.gui.meetings.meeting_table_model import COL_PRESENT
    from communitydesk.services.members.records import add_member

    with db.session() as s:
        ann = add_member(s, first_name="Ann", last_name="Archer").id
        s.add(Attendance(meeting_id=three["dec"], member_id=ann, status=AttendanceStatus.PRESENT))
    page = _page(qtbot, db, paths)
    row = next(r for r in range(page.proxy.rowCount()) if page.proxy.row_at(r).id == three["dec"])
    assert page.proxy.index(row, COL_PRESENT).data() in ("", "0")
    assert date(2026, 12, 1) > NOW.date()


def test_opening_the_page_and_a_meeting_are_one_read_each(qtbot, db: Database, paths: Paths,
                                                          three) -> None:
    """Issue 14: the page reads its list and the meeting shown (no member names until a picker
    is used); choosing another meeting is one session, whatever tabs it fills."""
    from sqlalchemy import event

    sessions: list[int] = []
    statements: list[str] = []
    event.listen(db.engine, "begin", lambda *_a: sessions.append(1))
    event.listen(db.engine, "before_cursor_execute",
                 lambda _c, _cur, sql, *_a: statements.append(sql))
    page = MeetingsPage(make_ctx(db, paths), now=lambda: NOW)
    qtbot.addWidget(page)
    page.show()
    page.wait_until_loaded()
    assert len(sessions) == 2  # the list, then the meeting it opens on
    assert not any("FROM members" in sql and "JOIN" not in sql for sql in statements)
    page.set_show("all")
    page.wait_until_loaded()
    shown = page.editor.meeting_id
    other = next(i for i in three.values() if i != shown)
    sessions.clear()  # before choosing: the read may land before the next line runs
    assert page.select_meeting(other)
    page.wait_until_loaded()
    assert page.editor.meeting_id == other and len(sessions) == 1
    picker = page.editor.minutes.action_owner
    assert not picker.loaded
    picker.setFocus()
    picker.load_choices().wait()
    assert len(sessions) == 2 and picker.loaded
