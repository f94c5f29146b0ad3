"""The door kiosk: 30 people check in by typing, newcomers sign up, only the organiser can leave."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QLabel

from communitydesk.config import Paths
from communitydesk.db.engine import Database
from communitydesk.gui.attendance.attendance_page import AttendancePage
from communitydesk.gui.attendance.kiosk_window import LEAVE_SHORTCUT, KioskWindow
from communitydesk.services.attendance.register import count_register, register_rows
from communitydesk.services.core.text import fold
from communitydesk.services.meetings.planning import add_meeting
from communitydesk.services.members.records import add_member, list_members
from communitydesk.services.settings.group_settings import save_settings
from tests.gui.test_attendance_page import make_ctx, tonight

# Latin names with accents fold to ASCII, so QTest can type them key by key.
FIRSTS = ["Łukasz", "Zoë", "Şükrü", "İpek", "Grzegorz", "Bronwen", "Siobhán", "José", "Chidi", "Priya"]
LASTS = ["Wróbel", "Hughes", "Demir", "Yılmaz", "Okonkwo", "Brzęczyszczykiewicz", "Ó Briain", "García"]


@pytest.fixture
def door(db: Database) -> int:
    """40 members, each first+last pair unique (10 x 8 names, many scripts), and tonight's meeting."""
    with db.session() as s:
        for i in range(40):
            add_member(s, first_name=FIRSTS[i % len(FIRSTS)], last_name=LASTS[i % len(LASTS)])
        add_member(s, first_name="Ελένη", last_name="Παπαδοπούλου")
        add_member(s, first_name="Дмитрий", last_name="Иванов")
        return add_meeting(s, title="General meeting", starts_at=tonight()).id


def test_thirty_people_check_in_by_keys_and_the_register_agrees(qtbot, db: Database, paths: Paths,
                                                                door: int) -> None:
    ctx = make_ctx(db, paths)
    page = AttendancePage(ctx)
    qtbot.addWidget(page)
    page.wait_until_loaded()
    kiosk = page.open_kiosk(full_screen=False)
    qtbot.addWidget(kiosk)
    assert not kiosk.search_box.isEnabled()  # loading: nobody to find yet
    kiosk.wait_until_loaded()
    with db.session() as s:
        people = [m for m in list_members(s) if m.first_name in FIRSTS][:30]
    for person in people:
        # first letters of first and last name, typed without accents as a visitor would
        typed = f"{fold(person.first_name)[:3]} {fold(person.last_name)[:5]}"
        qtbot.keyClicks(kiosk.search_box, typed)
        assert kiosk.matches.count() == 1, typed
        assert kiosk.matches.currentItem().text() == person.full_name
        qtbot.keyClick(kiosk.search_box, Qt.Key.Key_Return)
        assert kiosk.search_box.text() == ""  # at once: the next visitor types while it is saved
        kiosk.wait_until_loaded()
        assert kiosk.welcome.text().startswith(f"Welcome, {person.first_name}")
    assert kiosk.count_label.text() == "30 checked in so far"
    with db.session() as s:
        rows = register_rows(s, door)
    counts = count_register(rows)
    assert (counts.expected, counts.present, counts.not_marked) == (42, 30, 12)
    assert {r.member_id for r in rows if r.status == "present"} == {p.id for p in people}
    assert all(r.checked_in_at is not None for r in rows if r.status == "present")
    assert page.model.counts() == counts  # the register screen refreshed from the kiosk's announcements
    assert "Present 30" in page.counts_label.text()


def test_accents_ignored_and_checking_in_twice_is_harmless(qtbot, db: Database, paths: Paths, door: int) -> None:
    kiosk = KioskWindow(make_ctx(db, paths), door)
    qtbot.addWidget(kiosk)
    kiosk.wait_until_loaded()
    qtbot.keyClicks(kiosk.search_box, "lukasz")
    names = [kiosk.matches.item(i).text() for i in range(kiosk.matches.count())]
    assert names and all(n.startswith("Łukasz") for n in names)
    qtbot.keyClick(kiosk.search_box, Qt.Key.Key_Down)
    assert kiosk.matches.currentRow() == 1
    qtbot.keyClick(kiosk.search_box, Qt.Key.Key_Return)
    kiosk.wait_until_loaded()
    assert kiosk.welcome.text().startswith("Welcome, Łukasz!")
    qtbot.keyClicks(kiosk.search_box, "LUKASZ")
    assert kiosk.matches.item(1).text() == names[1] + "   ✓ checked in"
    qtbot.keyClick(kiosk.search_box, Qt.Key.Key_Down)
    qtbot.keyClick(kiosk.search_box, Qt.Key.Key_Return)
    kiosk.wait_until_loaded()
    assert "already checked in" in kiosk.welcome.text()
    kiosk.search_box.setText("ελεν")  # other scripts (QTest types ASCII only)
    assert kiosk.matches.currentItem().text() == "Ελένη Παπαδοπούλου"
    kiosk.search_box.setText("ив")
    assert kiosk.matches.currentItem().text() == "Дмитрий Иванов"
    kiosk.search_box.clear()
    qtbot.keyClicks(kiosk.search_box, "zzz")
    assert kiosk.matches.count() == 0 and "I'm new here" in kiosk.hint.text()
    qtbot.keyClick(kiosk.search_box, Qt.Key.Key_Escape)
    assert kiosk.search_box.text() == ""


def test_newcomer_form_creates_a_prospect_with_consent(qtbot, db: Database, paths: Paths, door: int) -> None:
    kiosk = KioskWindow(make_ctx(db, paths), door)
    qtbot.addWidget(kiosk)
    kiosk.wait_until_loaded()
    qtbot.keyClicks(kiosk.search_box, "Amara")
    kiosk.new_button.click()
    form = kiosk.form
    assert kiosk.pages.currentWidget() is form and form.first_name.text() == "Amara"
    qtbot.keyClicks(form.last_name, "Nwosu")
    qtbot.keyClicks(form.phone, "07700 900456")
    qtbot.keyClicks(form.email, "not-an-email")
    form.consent.setChecked(True)
    qtbot.keyClick(form.email, Qt.Key.Key_Return)
    kiosk.wait_until_loaded()
    assert "e-mail" in form.message.text() and kiosk.pages.currentWidget() is form
    form.email.setText("amara@example.org")
    form.submit_button.click()
    kiosk.wait_until_loaded()
    assert kiosk.pages.currentWidget() is not form and "Amara" in kiosk.welcome.text()
    with db.session() as s:
        (amara,) = list_members(s, status="prospect")
        rows = register_rows(s, door)
    assert amara.full_name == "Amara Nwosu" and amara.email == "amara@example.org"
    assert [r.status for r in rows if r.member_id == amara.id] == ["present"]
    qtbot.keyClicks(kiosk.search_box, "nwo")
    assert kiosk.matches.currentItem().text().startswith("Amara Nwosu")
    qtbot.keyClick(kiosk.search_box, Qt.Key.Key_Escape)
    kiosk.new_button.click()
    qtbot.keyClick(form.first_name, Qt.Key.Key_Return)
    assert "first name" in form.message.text()
    form.back_button.click()
    assert kiosk.pages.currentWidget() is not form


def test_leaving_needs_the_shortcut_and_a_yes(qtbot, db: Database, paths: Paths, door: int,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    kiosk = KioskWindow(make_ctx(db, paths), door)
    qtbot.addWidget(kiosk)
    kiosk.wait_until_loaded()
    with qtbot.waitActive(kiosk):
        kiosk.show()
        kiosk.activateWindow()
    kiosk.close()
    assert kiosk.isVisible()  # a plain close (Alt+F4, the window button) is ignored
    answers = iter([False, True])
    monkeypatch.setattr(KioskWindow, "confirm_leave", classmethod(lambda cls, parent: next(answers)))
    assert not kiosk.request_leave() and kiosk.isVisible()
    with qtbot.waitSignal(kiosk.closed):
        qtbot.keyClick(kiosk.search_box, Qt.Key.Key_Q,
                       Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert not kiosk.isVisible()



def test_the_exit_shortcut_is_not_shown_to_visitors(qtbot, db: Database, paths: Paths, door: int) -> None:
    kiosk = KioskWindow(make_ctx(db, paths), door)
    qtbot.addWidget(kiosk)
    kiosk.wait_until_loaded()
    shown = " ".join(label.text() for label in kiosk.findChildren(QLabel))
    assert "Ctrl" not in shown and "leave" not in shown.lower()
    assert any(s.key().toString() == LEAVE_SHORTCUT for s in kiosk.findChildren(QShortcut))


def test_a_kiosk_pin_is_needed_to_leave(qtbot, db: Database, paths: Paths, door: int,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    with db.session() as s:
        save_settings(s, kiosk_pin="4821")
    kiosk = KioskWindow(make_ctx(db, paths), door)
    qtbot.addWidget(kiosk)
    kiosk.wait_until_loaded()
    kiosk.show()
    monkeypatch.setattr(KioskWindow, "confirm_leave",
                        classmethod(lambda cls, parent: pytest.fail("a Yes must not be enough")))
    answers = iter(["1234", None, " 4821 "])
    monkeypatch.setattr(KioskWindow, "ask_pin", classmethod(lambda cls, parent: next(answers)))
    assert not kiosk.request_leave() and kiosk.isVisible()
    assert kiosk.hint.text() == "That PIN is not right, so the kiosk stays open."
    kiosk.close()
    assert kiosk.isVisible()
    assert not kiosk.request_leave() and kiosk.isVisible()  # cancelled: stays, quietly
    with qtbot.waitSignal(kiosk.closed):
        assert kiosk.request_leave()
    assert not kiosk.isVisible()


def test_opening_the_kiosk_fixes_the_numbers_so_a_newcomer_goes_last(qtbot, db: Database, paths: Paths,
                                                                      door: int) -> None:
    with db.session() as s:
        before = [(r.number, r.member_id) for r in register_rows(s, door)]
    kiosk = KioskWindow(make_ctx(db, paths), door)
    qtbot.addWidget(kiosk)
    kiosk.wait_until_loaded()
    kiosk.show_newcomer_form()
    qtbot.keyClicks(kiosk.form.first_name, "Aaliyah")
    qtbot.keyClicks(kiosk.form.last_name, "Aardvark")  # sorts before everyone
    kiosk.form.submit_button.click()
    kiosk.wait_until_loaded()
    with db.session() as s:
        after = register_rows(s, door)
    assert [(r.number, r.member_id) for r in after][:len(before)] == before
    assert (after[-1].number, after[-1].display_name) == (len(before) + 1, "Aaliyah Aardvark")


def test_a_kiosk_left_open_past_midnight_refuses_the_day_after_calmly(qtbot, db: Database, paths: Paths) -> None:
    """A kiosk for a meeting still ahead (it can only be opened directly) says so and marks nobody."""
    with db.session() as s:
        add_member(s, first_name="Ana", last_name="Abbott")
        ahead = add_meeting(s, title="Next week", starts_at=tonight(7)).id
    kiosk = KioskWindow(make_ctx(db, paths), ahead)
    qtbot.addWidget(kiosk)
    kiosk.wait_until_loaded()
    qtbot.keyClicks(kiosk.search_box, "ana")
    qtbot.keyClick(kiosk.search_box, Qt.Key.Key_Return)
    kiosk.wait_until_loaded()
    assert "has not happened yet" in kiosk.welcome.text()
    assert kiosk.count_label.text() == "0 checked in so far"  # the refused check-in is undone on screen
    qtbot.keyClicks(kiosk.search_box, "ana")
    assert "checked in" not in kiosk.matches.currentItem().text()
    with db.session() as s:
        assert count_register(register_rows(s, ahead)).present == 0
