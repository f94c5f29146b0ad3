"""The Attendance screen's meeting box: type part of a title, pick a completion, its register opens.

#14: the box's labels are made a few hundred at a time after the meetings land, and the
completions search them in Qt, so choosing a meeting never scans 2,000 labels in Python.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QSettings, Qt

from communitydesk.config import Paths
from communitydesk.db.engine import Database
from communitydesk.gui.attendance.attendance_page import AttendancePage
from communitydesk.gui.attendance.meeting_choice import meeting_label
from communitydesk.gui.context import AppContext, DataEvents
from communitydesk.services.attendance.screen import list_meeting_choices
from communitydesk.services.meetings.planning import add_meeting
from communitydesk.services.members.records import add_member


def _page(qtbot, db: Database, paths: Paths) -> AttendancePage:  # noqa: ANN001 - qtbot
    settings = QSettings(str(paths.gui_settings_file), QSettings.Format.IniFormat)
    page = AttendancePage(AppContext(paths=paths, db=db, gui_settings=settings, events=DataEvents()))
    qtbot.addWidget(page)
    page.wait_until_loaded()
    return page


def _evening(days: int) -> datetime:
    return datetime.combine(date.today() + timedelta(days=days), time(19))


def test_typing_part_of_a_title_offers_it_and_opens_its_register(qtbot, db: Database, paths: Paths) -> None:
    with db.session() as s:
        add_member(s, first_name="Ana", last_name="Abbott")
        spring = add_meeting(s, title="Spring social", starts_at=_evening(-60)).id
        for days in range(1, 40):
            add_meeting(s, title=f"Branch meeting {days}", starts_at=_evening(-days))
    page = _page(qtbot, db, paths)
    page.show()
    assert page.meeting_id != spring
    completer = page.meeting_choice.completer()
    qtbot.waitUntil(lambda: completer.model().rowCount() == 40)  # every meeting, labelled
    page.meeting_choice.lineEdit().setFocus()
    page.meeting_choice.lineEdit().clear()
    qtbot.keyClicks(page.meeting_choice.lineEdit(), "social")
    assert completer.completionCount() == 1
    assert completer.currentCompletion() == page.meeting_choice.itemText(page.meeting_list.row_of(spring))
    popup = completer.popup()
    qtbot.waitUntil(popup.isVisible)
    popup.setCurrentIndex(completer.completionModel().index(0, 0))
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    page.wait_until_loaded()
    assert page.meeting_id == spring and page.meeting_choice.currentData() == spring
    assert page.model.rowCount() == 1


def test_every_meeting_is_labelled_in_the_box_after_a_reload(qtbot, db: Database, paths: Paths) -> None:
    with db.session() as s:
        add_member(s, first_name="Ana", last_name="Abbott")
        for days in range(1, 6):
            add_meeting(s, title=f"Meeting {days}", starts_at=_evening(-days))
    page = _page(qtbot, db, paths)
    with db.session() as s:
        added = add_meeting(s, title="Extra meeting", starts_at=_evening(-10))
        choice = next(m for m in list_meeting_choices(s) if m.id == added.id)
    page.refresh()
    page.wait_until_loaded()
    completer = page.meeting_choice.completer()
    qtbot.waitUntil(lambda: completer.model().rowCount() == 6)
    labels = [completer.model().index(r, 0).data() for r in range(6)]
    assert labels == [page.meeting_choice.itemText(r) for r in range(6)]
    assert meeting_label(choice) in labels
