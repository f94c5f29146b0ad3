"""A newcomer at the kiosk typing an e-mail already on the list: no twin, and no name shown."""

from __future__ import annotations

from communitydesk.config import Paths
from communitydesk.db.engine import Database
from communitydesk.gui.attendance.kiosk_window import KioskWindow
from communitydesk.services.members.records import add_member, list_members
from tests.gui.test_attendance_page import make_ctx
from tests.gui.test_kiosk_window import door  # noqa: F401 - the fixture


def test_a_taken_email_asks_the_newcomer_to_find_their_name(qtbot, db: Database, paths: Paths,
                                                             door: int) -> None:  # noqa: F811
    with db.session() as s:
        add_member(s, first_name="Secret", last_name="Person", email="taken@example.org")
    kiosk = KioskWindow(make_ctx(db, paths), door)
    qtbot.addWidget(kiosk)
    kiosk.wait_until_loaded()
    kiosk.new_button.click()
    form = kiosk.form
    form.first_name.setText("Amara")
    form.email.setText("TAKEN@example.org")
    form.submit_button.click()
    kiosk.writing.wait()  # the check-in is saved off the UI thread
    assert kiosk.pages.currentWidget() is form
    assert "already on our list" in form.message.text() and "Secret" not in form.message.text()
    with db.session() as s:
        assert [m.first_name for m in list_members(s, search="taken@example.org")] == ["Secret"]
