"""The member record: validation messages, phone formatting, unsaved changes, conflicts,
leave/archive, a real delete after a backup, and other capabilities' tabs."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QMessageBox

from communitydesk.config import Paths
from communitydesk.db.engine import Database
from communitydesk.gui.common.conflict_dialog import ConflictDialog
from communitydesk.gui.members import member_dialog, member_panels
from communitydesk.gui.members.member_dialog import MemberDialog
from communitydesk.services.members.records import (
    add_member,
    get_member,
    list_members,
    update_member,
)
from tests.gui.test_main_window import make_window


@pytest.fixture
def page(qtbot, db: Database, paths: Paths):
    window = make_window(qtbot, db, paths)
    return window.show_page("members")


def test_new_member_with_inline_validation(qtbot, page, db: Database) -> None:
    dialog = page.new_member()
    assert not dialog.save_button.isEnabled()  # "Loading…" until the form's one read arrives
    dialog.loading.wait()
    fields = dialog.fields
    assert not dialog.save()
    assert fields.errors["first_name"].isVisibleTo(dialog)
    qtbot.keyClicks(fields.edits["first_name"], "Lukasz")
    fields.edits["first_name"].setText("Łukasz")  # keyClicks types ASCII only
    fields.edits["last_name"].setText("Wróbel")
    qtbot.keyClicks(fields.edits["email"], "lukasz@")
    fields.edits["email"].editingFinished.emit()
    assert "not an email address" in fields.errors["email"].text()
    assert not dialog.save()
    fields.edits["email"].setText("Lukasz@Example.org")
    qtbot.keyClicks(fields.edits["phone"], "07700 900123")
    fields.edits["phone"].editingFinished.emit()
    assert fields.edits["phone"].text() == "+44 7700 900123"
    fields.edits["postcode"].setText("ls6  1aa")
    fields.edits["tags"].setText("Committee, Choir")
    fields.edits["consent_email"].setChecked(True)
    fields.edits["consent_source"].setText("paper form")
    with qtbot.waitSignal(dialog.accepted):  # saved, then closed (and deleted)
        dialog.save_and_close()
    page.ctx.ops.wait_idle()  # the list's refresh, started by what the save changed
    with db.session() as s:
        (member,) = list_members(s)
        record = get_member(s, member.id)
    assert (member.email, member.phone, member.postcode) == (
        "lukasz@example.org", "+44 7700 900123", "LS6 1AA")
    assert record.tags == ("Choir", "Committee") and record.values["consent_email"]
    assert page.model.rowCount() == 1
    assert page.selected_member_ids() == [member.id]


def test_bad_phone_is_refused_inline(qtbot, page) -> None:
    dialog = page.new_member()
    dialog.loading.wait()
    dialog.fields.edits["first_name"].setText("Ann")
    dialog.fields.edits["phone"].setText("call me")
    assert not dialog.save()
    assert "phone number" in dialog.fields.errors["phone"].text()


def test_unsaved_changes_prompt(qtbot, page, db: Database, monkeypatch) -> None:
    with db.session() as s:
        member = add_member(s, first_name="Ann", last_name="Lee")
    dialog = page.open_member(member.id)
    dialog.loading.wait()
    assert not dialog.is_dirty()
    qtbot.keyClicks(dialog.fields.edits["town"], "Leeds")
    assert dialog.is_dirty()
    answers = iter([QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save])
    monkeypatch.setattr(member_dialog, "ask_unsaved", lambda parent: next(answers))
    dialog.reject()
    assert dialog.isVisible()  # Cancel keeps the form open with the typing
    with qtbot.waitSignal(dialog.accepted):  # Save, then the form closes
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    with db.session() as s:
        assert get_member(s, member.id).values["town"] == "Leeds"


def test_conflict_is_resolved_with_the_dialog(qtbot, page, db: Database) -> None:
    with db.session() as s:
        member = add_member(s, first_name="Ann", last_name="Lee", town="York")
    dialog = page.open_member(member.id)
    dialog.loading.wait()
    with db.session() as s:  # someone else saves first
        update_member(s, member.id, {"town": "Hull", "postcode": "HU1 1AA"}, expected_version=1)
    dialog.fields.edits["town"].setText("Leeds")
    dialog.save().wait()
    conflict = dialog.conflict
    assert isinstance(conflict, ConflictDialog) and conflict.isVisible()
    assert conflict.fields == ["town", "postcode"]  # only what differs, both versions shown
    town = conflict.groups["town"]
    assert (town.button(0).text(), town.button(1).text()) == ("Hull", "Leeds")
    assert conflict.groups["postcode"].button(0).text() == "HU1 1AA"
    conflict.choose("postcode", mine=False)
    conflict.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    page.ctx.ops.wait_idle()
    with db.session() as s:
        record = get_member(s, member.id)
    assert (record.values["town"], record.values["postcode"]) == ("Leeds", "HU1 1AA")
    assert record.version == 3
    assert dialog.fields.edits["postcode"].text() == "HU1 1AA" and not dialog.is_dirty()


def test_a_third_save_during_the_conflict_is_caught_again(qtbot, page, db: Database) -> None:
    """The merged values are saved over the version the conflict dialog showed, not blindly."""
    with db.session() as s:
        member = add_member(s, first_name="Ann", last_name="Lee", town="York")
    dialog = page.open_member(member.id)
    dialog.loading.wait()
    with db.session() as s:
        update_member(s, member.id, {"town": "Hull"}, expected_version=1)
    dialog.fields.edits["notes"].setPlainText("vegetarian")
    dialog.save().wait()
    first = dialog.conflict
    with db.session() as s:  # a third person saves while the dialog is open
        update_member(s, member.id, {"phone": "0113 496 0000"}, expected_version=2)
    first.choose("town", mine=False)
    first.accept()
    page.ctx.ops.wait_idle()
    assert dialog.conflict is not first and dialog.conflict.isVisible()
    assert "phone" in dialog.conflict.fields
    dialog.conflict.choose("phone", mine=False)
    dialog.conflict.accept()
    page.ctx.ops.wait_idle()
    with db.session() as s:
        record = get_member(s, member.id)
    assert (record.town, record.phone, record.notes) == ("Hull", "0113 496 0000", "vegetarian")


def test_opening_a_record_reads_it_once_in_one_session(qtbot, page, db: Database) -> None:
    from sqlalchemy import event

    with db.session() as s:
        member = add_member(s, first_name="Ann", last_name="Lee", tags=["Choir"])
    page.ctx.ops.wait_idle()
    statements: list[str] = []
    checkouts: list[int] = []

    def seen(_conn, _cursor, statement, *_args) -> None:  # noqa: ANN001
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", seen)
    event.listen(db.engine.pool, "checkout", lambda *_a: checkouts.append(1))
    try:
        dialog = page.open_member(member.id)
        dialog.loading.wait()
    finally:
        event.remove(db.engine, "before_cursor_execute", seen)
    member_reads = [s for s in statements if "FROM members" in s and "members.id = " in s]
    assert len(member_reads) == 1
    assert len(checkouts) == 1  # one session for the whole form
    assert dialog.fields.edits["first_name"].text() == "Ann"
    assert dialog.fields.edits["tags"].text() == "Choir"


def test_leave_archive_and_delete_with_backup(qtbot, page, db: Database, monkeypatch) -> None:
    with db.session() as s:
        member = add_member(s, first_name="Ann", last_name="Lee")
        other = add_member(s, first_name="Bo", last_name="Ng")
    dialog = page.open_member(member.id)
    dialog.loading.wait()
    dialog.mark_left().wait()
    dialog.toggle_archive().wait()
    assert dialog.record.values["status"] == "left" and dialog.record.archived_at is not None
    assert "archived" in dialog.subtitle.text()
    page.ctx.ops.wait_idle()
    page.proxy.set_show_archived(False)
    assert page.proxy.rowCount() == 1  # archived members are hidden from the list
    page.show_archived.setChecked(True)
    assert page.proxy.rowCount() == 2
    monkeypatch.setattr(member_dialog, "ask_confirm", lambda *a: False)
    assert dialog.delete_permanently() is None
    assert dialog.isVisible()
    monkeypatch.setattr(member_dialog, "ask_confirm", lambda *a: True)
    with qtbot.waitSignal(dialog.accepted):
        dialog.delete_permanently()
    assert dialog.deleted
    backups = list(Path(db.backups_dir).glob("*before-delete*"))
    assert backups
    with db.session() as s:
        assert [m.id for m in list_members(s)] == [other.id]


def test_other_capabilities_tabs_with_confidential_marker(qtbot, page, db: Database, monkeypatch) -> None:
    panels = [member_panels.MemberPanel("history", "Attendance", lambda ctx, mid: QLabel(f"m{mid}")),
              member_panels.MemberPanel("talks", "One-to-ones", lambda ctx, mid: QLabel("x"),
                                        sensitive=True)]
    monkeypatch.setattr(member_dialog, "member_panels", lambda: panels)
    with db.session() as s:
        member = add_member(s, first_name="Ann", last_name="Lee")
    dialog = MemberDialog(page.ctx, member.id)
    qtbot.addWidget(dialog)
    dialog.loading.wait()
    titles = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    assert titles == ["Details", "Attendance", "One-to-ones · Confidential"]
    assert dialog.panels == {}  # nothing built until its tab is shown
    dialog.tabs.setCurrentIndex(1)
    assert dialog.tabs.currentWidget() is dialog.panels["history"]
    assert dialog.panels["history"].text() == f"m{member.id}"
    assert list(dialog.panels) == ["history"]
    titles = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    assert titles == ["Details", "Attendance", "One-to-ones · Confidential"]
    assert dialog.tabs.tabBar().tabTextColor(2) == Qt.GlobalColor.darkRed


@pytest.fixture
def locale_default():
    """Set QLocale's default for one test, then put back what it was."""
    from PySide6.QtCore import QLocale

    previous = QLocale()
    yield lambda name: QLocale.setDefault(QLocale(name))
    QLocale.setDefault(previous)


def test_joined_date_follows_the_users_locale(qtbot, page, db: Database, locale_default) -> None:
    """One short and one long form, the locale's: 05/03/2024 in Britain, 3/5/24 in the US."""
    from datetime import date

    from communitydesk.gui.members.member_table_model import COL_JOINED

    with db.session() as s:
        member = add_member(s, first_name="Ann", last_name="Lee", joined_on=date(2024, 3, 5))
    shown = {}
    for name in ("en_GB", "en_US"):
        locale_default(name)
        page.refresh()
        page.wait_until_loaded()
        dialog = page.open_member(member.id)
        dialog.loading.wait()
        shown[name] = (page.model.index(0, COL_JOINED).data(), dialog.subtitle.text(),
                       dialog.fields.edits["joined_on"].text())
        dialog.reject()
    assert shown["en_GB"][0] == "05/03/2024" and shown["en_US"][0] == "3/5/24"
    assert "joined Tuesday, 5 March 2024" in shown["en_GB"][1]
    assert "joined Tuesday, March 5, 2024" in shown["en_US"][1]
    assert shown["en_GB"][2] == "05/03/2024" and shown["en_US"][2] == "3/5/2024"


def test_date_box_builds_its_calendar_when_first_clicked(qtbot, page, db: Database, locale_default) -> None:
    """The popup calendar is made on the first click, not with the form (#14), and still
    starts the week on the locale's first day and sets the date picked."""
    from PySide6.QtCore import QDate, QPoint
    from PySide6.QtWidgets import QCalendarWidget

    locale_default("pl_PL")
    with db.session() as s:
        member = add_member(s, first_name="Ann", last_name="Lee")
    dialog = page.open_member(member.id)
    dialog.loading.wait()
    joined = dialog.fields.edits["joined_on"]
    assert joined.findChild(QCalendarWidget) is None
    qtbot.mouseClick(joined, Qt.MouseButton.LeftButton, pos=QPoint(joined.width() - 6, joined.height() // 2))
    calendar = joined.findChild(QCalendarWidget)
    assert calendar is not None and calendar.isVisible()
    assert calendar.firstDayOfWeek() == Qt.DayOfWeek.Monday
    calendar.clicked.emit(QDate(2024, 3, 5))
    assert joined.date() == QDate(2024, 3, 5) and not calendar.isVisible()
    assert dialog.fields.values()["joined_on"].isoformat() == "2024-03-05" and dialog.is_dirty()
    dialog.fields.set_values(dialog.record.values, dialog.record.tags)
    dialog.reject()
