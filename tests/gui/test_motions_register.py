"""Roll call and the register agree (#16 item 5): marking a voter not present asks about their vote."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from communitydesk.config import Paths
from communitydesk.db.engine import Database
from communitydesk.gui.attendance.attendance_page import AttendancePage
from communitydesk.gui.attendance.register_table_model import COL_STATUS
from communitydesk.services.attendance.register import record_attendance, register_rows
from communitydesk.services.motions.motions import add_motion, get_motion
from communitydesk.services.motions.votes import record_vote
from tests.gui.test_attendance_page import make_ctx, opened, small_group


def _answer(button: str | None, seen: list[str]) -> None:
    """Press ``button`` (an object name) on the question when it opens; None presses Escape."""
    def act() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, act)
            return
        seen.append(box.text())
        seen.append(box.defaultButton().text().replace("&", ""))
        if button is None:
            box.reject()
        else:
            box.findChild(QPushButton, button).click()
    QTimer.singleShot(0, act)


@pytest.fixture
def voted(db: Database) -> dict:
    meeting_id = small_group(db, 3)
    with db.session() as s:
        people = [r.member_id for r in register_rows(s, meeting_id)]
        for member_id in people:
            record_attendance(s, meeting_id, member_id=member_id, status="present")
        motion = add_motion(s, meeting_id, text="That the hall is booked for June")
        record_vote(s, motion.id, member_id=people[0], vote="for")
        record_vote(s, motion.id, member_id=people[1], vote="against")
    return {"meeting": meeting_id, "people": people, "motion": motion.id}


def _mark_first_absent(qtbot, page: AttendancePage, voted: dict) -> int:  # noqa: ANN001 - qtbot
    page.table.setFocus()
    row = next(r for r in range(page.proxy.rowCount())
               if page.model.row_at(page.proxy.mapToSource(page.proxy.index(r, 0)).row()).member_id
               == voted["people"][0])
    page.table.setCurrentIndex(page.proxy.index(row, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_X)
    page.wait_until_loaded()
    page.ctx.ops.wait_idle()
    return row


@pytest.mark.parametrize(("button", "status", "votes_for"),
                         [("remove-votes", "absent", 0), ("keep-votes", "absent", 1), (None, "present", 1)])
def test_marking_a_voter_absent_asks_keep_remove_or_cancel(qtbot, db: Database, paths: Paths, voted: dict,
                                                           monkeypatch: pytest.MonkeyPatch, button, status,
                                                           votes_for) -> None:  # noqa: ANN001
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda _p, _t, text: warnings.append(text)))
    page = opened(qtbot, AttendancePage(make_ctx(db, paths)))
    page.show()
    seen: list[str] = []
    _answer(button, seen)
    row = _mark_first_absent(qtbot, page, voted)
    assert "voted by name on" in seen[0] and "That the hall is booked for June" in seen[0]
    assert seen[1] == "Cancel"  # a stray Enter changes nothing
    assert warnings == []  # the question replaces the plain refusal
    with db.session() as s:
        entry = {r.member_id: r.status for r in register_rows(s, voted["meeting"])}
        motion = get_motion(s, voted["motion"])
    assert entry[voted["people"][0]] == status
    assert (motion.votes_for, motion.against) == (votes_for, 1)
    shown = "Absent" if status == "absent" else "Present"
    assert page.proxy.index(row, COL_STATUS).data() == shown
    if button == "keep-votes":  # settled: marking them again asks nothing
        qtbot.keyClick(page.table, Qt.Key.Key_Up)
        qtbot.keyClick(page.table, Qt.Key.Key_Delete)
        page.wait_until_loaded()
        assert len(seen) == 2 and warnings == []
