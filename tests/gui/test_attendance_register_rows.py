"""The register the Attendance screen holds: plain tuples, not followed by Python's cycle collector.

#14: a 15,000-person register kept as NamedTuples stayed tracked by the collector for as
long as it was shown; a few registers later Python ran a full collection (0.3-0.5 s holding
the interpreter lock, the window frozen). Plain tuples of plain values are let go by the
collector the first time it sees them. The screen still hands out ``RegisterRow``s.
"""

from __future__ import annotations

import gc
from datetime import date, datetime, time

from PySide6.QtCore import QSettings, Qt

from communitydesk.config import Paths
from communitydesk.db.engine import Database
from communitydesk.gui.attendance.attendance_page import AttendancePage
from communitydesk.gui.attendance.register_table_model import COL_NAME, COL_STATUS
from communitydesk.gui.context import AppContext, DataEvents
from communitydesk.services.attendance.register import RegisterRow, open_register, register_rows
from communitydesk.services.attendance.screen import read_register
from communitydesk.services.meetings.planning import add_meeting
from communitydesk.services.members.records import add_member


def _group(db: Database) -> int:
    with db.session() as s:
        for first, last in (("Ana", "Abbott"), ("Bo", "Chen"), ("Zoë", "Ångström")):
            add_member(s, first_name=first, last_name=last)
        return add_meeting(s, title="Branch meeting", starts_at=datetime.combine(date.today(), time(19))).id


def _untracked(rows) -> bool:  # noqa: ANN001 - any rows
    gc.collect()
    return not any(gc.is_tracked(r) for r in rows)


def test_the_register_read_for_the_screen_is_untracked(db: Database) -> None:
    meeting_id = _group(db)
    with db.session() as s:
        snapshot = read_register(s, meeting_id)
        assert [RegisterRow(*r) for r in snapshot.rows] == register_rows(s, meeting_id)
    assert _untracked(snapshot.rows)


def test_the_register_shown_stays_untracked_through_marks_and_sorting(qtbot, db: Database, paths: Paths) -> None:
    meeting_id = _group(db)
    settings = QSettings(str(paths.gui_settings_file), QSettings.Format.IniFormat)
    page = AttendancePage(AppContext(paths=paths, db=db, gui_settings=settings, events=DataEvents()))
    qtbot.addWidget(page)
    page.wait_until_loaded()
    page.show()
    assert page.meeting_id == meeting_id and page.model.rowCount() == 3
    assert _untracked(page.model.rows_view())
    page.table.setFocus()
    page.table.setCurrentIndex(page.proxy.index(0, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_P)
    page.wait_until_loaded()
    page.table.sortByColumn(COL_NAME, Qt.SortOrder.DescendingOrder)
    assert [page.proxy.index(r, COL_NAME).data() for r in range(3)] == ["Zoë Ångström", "Bo Chen", "Ana Abbott"]
    assert page.proxy.index(2, COL_STATUS).data() == "Present"
    assert _untracked(page.model.rows_view())
    assert isinstance(page.model.row_at(0), RegisterRow)
    abbott = page.model.row_at(page.model.row_of_number(1))
    assert isinstance(abbott, RegisterRow) and (abbott.last_name, abbott.status) == ("Abbott", "present")
    with db.session() as s:
        assert sorted(page.model.rows(), key=lambda r: r.number) == register_rows(s, meeting_id)


def test_numbers_stored_differently_meanwhile_replace_the_register_shown(qtbot, db: Database,
                                                                         paths: Paths) -> None:
    """The numbering write found someone the read had not (they joined in between): shown."""
    meeting_id = _group(db)
    settings = QSettings(str(paths.gui_settings_file), QSettings.Format.IniFormat)
    page = AttendancePage(AppContext(paths=paths, db=db, gui_settings=settings, events=DataEvents()))
    qtbot.addWidget(page)
    page.wait_until_loaded()
    with db.session() as s:
        add_member(s, first_name="Bea", last_name="Aaron")
        numbered = tuple(open_register(s, meeting_id))
    page._numbered(meeting_id, numbered)  # as when the page's own numbering write lands
    assert page.model.rowCount() == 4 and page.model.row_at(page.model.row_of_number(4)).last_name == "Aaron"
    assert page.counts_label.text().startswith("Expected 4")
    assert _untracked(page.model.rows_view())
