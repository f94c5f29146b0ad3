"""Email these people from a meeting's register (everyone expected, the absentees) and the follow-ups queue."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtWidgets import QDialog

from communitydesk.domain import AttendanceStatus
from communitydesk.gui.attendance.attendance_page import AttendancePage
from communitydesk.services.attendance.register import record_attendance
from communitydesk.services.meetings.planning import add_meeting
from communitydesk.services.settings.group_settings import save_settings
from tests.gui.test_printing import make_ctx
from tests.services.outreach.people import add_people


def _email_dialog(qtbot, page):
    dialog = next(w for w in page.findChildren(QDialog) if w.windowTitle().startswith("Email these people"))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.start is not None and dialog.subject.text() != "", timeout=20_000)
    return dialog


def test_register_emails_the_expected_and_the_absent(qtbot, db, paths):
    ids = add_people(db)
    with db.session() as session:
        save_settings(session, group_email="hello@elmstreet.org")
        meeting = add_meeting(session, title="Street meeting",
                              starts_at=datetime.now().replace(microsecond=0) - timedelta(hours=1))
        record_attendance(session, meeting.id, member_id=ids["Zoë Ångström"], status=AttendanceStatus.PRESENT)
    page = AttendancePage(make_ctx(db, paths))
    qtbot.addWidget(page)
    page.wait_until_loaded()
    assert page.meeting_id == meeting.id
    expected, absent = page.email_button.menu().actions()
    expected.trigger()
    dialog = _email_dialog(qtbot, page)
    assert dialog.addresses() == ["zoe+news@example.org", "lukasz&co@example.org"]
    assert dialog.subject.text().startswith("Street meeting:") and "Street meeting" in dialog.body.toPlainText()
    dialog.close()
    dialog.setParent(None)
    absent.trigger()
    dialog = _email_dialog(qtbot, page)
    assert dialog.windowTitle() == "Email these people: absent from the meeting"
    assert dialog.addresses() == ["lukasz&co@example.org"]  # Zoë came; the rest have no consent
    assert dialog.subject.text().startswith("Minutes: Street meeting")


def test_follow_ups_queue_emails_the_people_listed(qtbot, db, paths):
    from datetime import date

    from communitydesk.gui.one_to_ones.follow_up_queue import FollowUpQueue
    from communitydesk.services.one_to_ones.conversations import log_one_to_one

    ids = add_people(db)
    today = date.today()
    with db.session() as session:
        for name in ("Łukasz Wiśniewski", "Secret Noconsent"):
            log_one_to_one(session, organiser_id=ids["Zoë Ångström"], member_id=ids[name],
                           held_on=today - timedelta(days=10), next_step="Call back",
                           follow_up_on=today - timedelta(days=1))
    ctx = make_ctx(db, paths)
    queue = FollowUpQueue(ctx)
    qtbot.addWidget(queue)
    queue.set_date(today)
    ctx.ops.wait_idle()
    assert len(queue.visible_rows()) == 2
    queue.email_button.click()
    dialog = next(w for w in queue.findChildren(QDialog) if w.windowTitle().startswith("Email these people"))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.start is not None, timeout=20_000)
    assert dialog.addresses() == ["lukasz&co@example.org"]
    assert dialog.left_out.text().startswith("1 left out: 1 no consent to email")
