"""The Meetings screen driven with qtbot: agenda editing, minutes entry, approval, series."""

from __future__ import annotations

import threading
from datetime import date, datetime, time
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt

from communitydesk.config import Paths
from communitydesk.db.engine import Database, open_database
from communitydesk.gui.common.conflict_dialog import ConflictDialog
from communitydesk.gui.meetings.agenda_table_model import (
    COL_MINUTES,
    COL_PRESENTER,
    COL_TITLE,
    AgendaTableModel,
)
from communitydesk.gui.meetings.meeting_dialog import MeetingDialog, MeetingForm
from communitydesk.gui.meetings.meeting_editor import TAB_ARISING, TAB_MINUTES, MeetingEditor
from communitydesk.gui.meetings.meeting_table_model import COL_PRESENT, MeetingTableModel
from communitydesk.gui.meetings.meetings_page import MeetingsPage
from communitydesk.services.meetings.agenda import add_agenda_item, list_agenda, update_agenda_item
from communitydesk.services.meetings.matters_arising import matters_arising
from communitydesk.services.meetings.planning import add_meeting, get_meeting_detail
from communitydesk.services.meetings.rows import list_meeting_rows
from communitydesk.services.members.records import add_member
from tests.gui.meetings_helpers import make_ctx

NOW = datetime(2026, 3, 1, 12, 0)
TYPED = "Zoë Öztürk: «Ремонт» started.\n\n  • Łódź trip — 3 people\nΚαλημέρα!"


@pytest.fixture
def page(qtbot, db: Database, paths: Paths) -> MeetingsPage:
    with db.session() as s:
        add_member(s, first_name="Łukasz", last_name="Wiśniewski")
        add_member(s, first_name="Ann", last_name="Lee")
        meeting = add_meeting(s, title="General meeting", starts_at=datetime(2026, 3, 3, 19),
                              ends_at=datetime(2026, 3, 3, 20))
        for title, minutes in (("Welcome", 5), ("Reports", 20), ("Any other business", 10)):
            add_agenda_item(s, meeting.id, title=title, duration_minutes=minutes)
    widget = MeetingsPage(make_ctx(db, paths), now=lambda: NOW)
    qtbot.addWidget(widget)
    widget.resize(1100, 760)
    widget.show()
    widget.wait_until_loaded()
    return widget


def settle(page: MeetingsPage) -> None:
    """Let every write and the reads after it land, as a person waits for the screen."""
    page.ctx.ops.wait_idle()


def titles(model: AgendaTableModel) -> list[str]:
    return [model.index(r, COL_TITLE).data() for r in range(model.rowCount())]


def test_agenda_editing(qtbot, page: MeetingsPage) -> None:
    editor = page.editor.agenda
    assert page.editor.meeting.title == "General meeting"
    assert titles(editor.model) == ["Welcome", "Reports", "Any other business"]
    assert "35 minutes allotted · ends at 19:35" in editor.summary.text()

    # edit in place: title, presenter, minutes allotted
    editor.model.setData(editor.model.index(1, COL_PRESENTER), "Treasurer")
    qtbot.waitUntil(lambda: editor.model.index(1, COL_PRESENTER).data() == "Treasurer")
    editor.model.setData(editor.model.index(1, COL_MINUTES), "60")
    qtbot.waitUntil(lambda: "75 minutes" in editor.summary.text())
    assert "15 min past the booked end (20:00)" in editor.summary.text()

    # keys: Ctrl+Down moves the selected item down, Insert adds one after it
    editor.table.setFocus()
    editor.table.selectRow(0)
    qtbot.keyClick(editor.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    settle(page)
    assert titles(editor.model) == ["Reports", "Welcome", "Any other business"]
    editor.move_selected(-1)
    settle(page)
    assert titles(editor.model)[0] == "Welcome"
    assert editor.add_item("Repairs campaign") is not None
    settle(page)
    assert titles(editor.model)[1] == "Repairs campaign"
    assert editor.selected_row() == 1  # the new item, its title open for typing
    assert editor.table.state() == editor.table.State.EditingState
    editor.table.closePersistentEditor(editor.table.currentIndex())
    qtbot.keyClick(editor.table.focusWidget(), Qt.Key.Key_Escape)

    # drag: drop "Any other business" (row 3) before row 0
    model = editor.model
    data = model.mimeData([model.index(3, COL_TITLE)])
    assert model.canDropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    qtbot.waitUntil(lambda: titles(model)[0] == "Any other business")
    with page.ctx.db.session() as s:
        saved = list_agenda(s, page.editor.meeting_id)
    assert [e.title for e in saved] == ["Any other business", "Welcome", "Repairs campaign", "Reports"]
    assert [e.position for e in saved] == [1, 2, 3, 4]

    # remove (no minutes: no question asked) and the template adds what is missing
    editor.select_item(saved[2].id)
    editor.remove_selected()
    settle(page)
    assert "Repairs campaign" not in titles(model)
    editor.add_template()
    settle(page)
    assert "Matters arising" in titles(model) and titles(model).count("Any other business") == 1


def test_minutes_entry_survives_restart_and_approval_locks_it(
        qtbot, page: MeetingsPage, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    editor = page.editor
    editor.tabs.setCurrentIndex(TAB_MINUTES)
    minutes = editor.minutes
    minutes.show_item(2)
    minutes.minutes.setFocus()
    qtbot.keyClicks(minutes.minutes, "Rent ")
    minutes.minutes.setPlainText(TYPED)
    minutes.decision.setPlainText("Agreed: write to Mr Şahin")
    minutes.items.setCurrentRow(0)  # moving to another item saves
    assert not minutes.is_dirty()
    settle(page)
    assert minutes.items.item(1).font().bold() and minutes.items.currentRow() == 0

    # an action inline, owner from the completer list (names load when the picker is used)
    minutes.show_item(2)
    assert minutes.minutes.toPlainText() == TYPED
    qtbot.keyClicks(minutes.action_text, "Write to the landlord")
    assert not minutes.action_owner.loaded
    minutes.action_owner.setFocus()
    qtbot.keyClicks(minutes.action_owner, "lukasz")
    minutes.action_owner.loading.wait()
    minutes.action_owner.setText("Łukasz Wiśniewski")
    minutes.action_due.setDate(date(2026, 3, 20))
    assert minutes.add_action_from_form() is not None
    settle(page)
    assert minutes.action_model.rowCount() == 1 and minutes.action_text.text() == ""
    action = minutes.action_model.row_at(0)
    assert action.owner_name == "Łukasz Wiśniewski" and action.due_on == date(2026, 3, 20)
    minutes.action_text.setText("Nobody's job")
    minutes.action_owner.setText("Not A Member")
    assert minutes.add_action_from_form() is None and "not a member" in minutes.saved_label.text()

    # a fresh engine reads exactly what was typed
    db_path = page.ctx.db.sqlite_path
    fresh = open_database(str(db_path), backups_dir=tmp_path / "b")
    with fresh.session() as s:
        reports = list_agenda(s, editor.meeting_id)[1]
    fresh.dispose()
    assert reports.minutes == TYPED and reports.decision == "Agreed: write to Mr Şahin"

    # not before the meeting has taken place (issue 13): the button says why
    assert not editor.approve_button.isEnabled() and not editor.approve()
    assert "has not taken place yet" in editor.approve_button.toolTip()
    # a week later, approved at the next meeting; then nothing is editable by accident
    with page.ctx.db.session() as s:
        add_meeting(s, title="General meeting", starts_at=datetime(2026, 3, 10, 19))
    page.now = lambda: datetime(2026, 3, 12, 12, 0)
    editor.load(editor.meeting_id)
    settle(page)
    monkeypatch.setattr(MeetingEditor, "choose_approval_meeting",
                        staticmethod(lambda parent, choices, default: choices[default][0]))
    assert editor.approve() is not None
    settle(page)
    assert "Minutes approved at General meeting" in editor.approval.text()
    assert minutes.minutes.isReadOnly() and not minutes.save_button.isEnabled()
    assert not minutes.action_add.isEnabled()
    assert not editor.agenda.model.flags(editor.agenda.model.index(0, COL_TITLE)) & Qt.ItemFlag.ItemIsEditable
    assert not editor.agenda.add_button.isEnabled()
    minutes.minutes.setPlainText("typed by accident")
    assert not minutes.save_current()
    assert not editor.reopen_button.isHidden() and editor.approve_button.isHidden()

    monkeypatch.setattr(MeetingEditor, "confirm_reopen", staticmethod(lambda parent, title: False))
    assert editor.reopen() is None
    monkeypatch.setattr(MeetingEditor, "confirm_reopen", staticmethod(lambda parent, title: True))
    assert editor.reopen() is not None
    settle(page)
    assert not editor.minutes.minutes.isReadOnly()
    with page.ctx.db.session() as s:
        assert list_agenda(s, editor.meeting_id)[1].minutes == TYPED


def test_minutes_conflict_asks_which_to_keep(qtbot, page: MeetingsPage, monkeypatch: pytest.MonkeyPatch) -> None:
    minutes = page.editor.minutes
    minutes.show_item(1)
    with page.ctx.db.session() as s:  # someone else saves first
        item = list_agenda(s, page.editor.meeting_id)[0]
        update_agenda_item(s, item.id, {"minutes": "Theirs"}, expected_version=item.version)
    seen = {}

    def ask(error, **kwargs):  # noqa: ANN001, ANN003
        seen.update(mine=error.mine, theirs=error.theirs)
        return error.mine

    monkeypatch.setattr(ConflictDialog, "ask", staticmethod(ask))
    minutes.minutes.setPlainText("Mine")
    assert minutes.save_current() is not None
    settle(page)
    assert seen["theirs"]["minutes"] == "Theirs" and seen["mine"]["minutes"] == "Mine"
    with page.ctx.db.session() as s:
        assert list_agenda(s, page.editor.meeting_id)[0].minutes == "Mine"


def test_series_carries_actions_through_the_screens(qtbot, page: MeetingsPage) -> None:
    start = datetime(2026, 4, 7, 19)
    form = MeetingForm(values={"title": "Monthly meeting", "kind": "general", "starts_at": start,
                               "ends_at": datetime(2026, 4, 7, 21), "venue": "Hall", "chair_id": 2,
                               "minute_taker_id": None, "notes": None},
                       repeat_rule="FREQ=MONTHLY;BYDAY=1TU", repeat_count=3, use_template=True)
    page.create_from_form(form)
    settle(page)
    with page.ctx.db.session() as s:
        first, second, third = [r.id for r in list_meeting_rows(s) if r.title == "Monthly meeting"]
    assert page.editor.meeting_id == first
    assert "Repeats: first Tuesday of each month" in page.editor.details.text()
    with page.ctx.db.session() as s:
        rows = {r.id: r for r in list_meeting_rows(s)}
    assert [rows[i].starts_at.date() for i in (first, second, third)] == [
        date(2026, 4, 7), date(2026, 5, 5), date(2026, 6, 2)]
    minutes = page.editor.minutes
    minutes.show_item(5)
    minutes.action_text.setText("Book the hall")
    minutes.action_owner.load_choices().wait()
    minutes.action_owner.setText("Ann Lee")
    assert minutes.add_action_from_form() is not None
    settle(page)

    page.select_meeting(second)
    settle(page)
    arising = page.editor.arising
    assert [a.description for a in arising.model.rows()] == ["Book the hall"]
    assert page.editor.tabs.tabText(TAB_ARISING) == "Matters a&rising (1)"
    arising.select_action(arising.model.rows()[0].id)
    assert arising.resolve_selected("done") is not None
    settle(page)
    assert arising.model.rows()[0].status == "done"
    page.select_meeting(third)
    settle(page)
    assert page.editor.arising.model.rowCount() == 0
    assert page.editor.arising.stack.currentWidget() is page.editor.arising.empty
    with page.ctx.db.session() as s:
        assert matters_arising(s, third) == []


def test_list_filters_duplicate_cancel(qtbot, page: MeetingsPage, monkeypatch: pytest.MonkeyPatch,
                                       tmp_path: Path) -> None:
    assert page.proxy.rowCount() == 1 and page.show_filter.currentData() == "upcoming"
    page.set_show("past")
    assert page.proxy.rowCount() == 0 and page.list_stack.currentWidget() is page.no_match
    page.set_show("all")
    page.select_meeting(page.proxy.row_at(0).id)
    settle(page)
    monkeypatch.setattr(MeetingsPage, "ask_duplicate_start",
                        staticmethod(lambda parent, suggested: datetime(2026, 3, 17, 18, 30)))
    assert page.duplicate_selected() is not None
    settle(page)
    new_id = max(page.proxy.row_at(r).id for r in range(page.proxy.rowCount()))
    assert page.editor.meeting_id == new_id == page.selected_meeting_id()
    assert titles(page.editor.agenda.model) == ["Welcome", "Reports", "Any other business"]
    qtbot.keyClicks(page.search, "general")
    assert page.proxy.rowCount() == 2
    page.search.clear()

    monkeypatch.setattr(MeetingsPage, "confirm_cancel", staticmethod(lambda parent, row: True))
    assert page.cancel_selected() is not None
    settle(page)
    assert page.editor.meeting.status == "cancelled"
    with page.ctx.db.session() as s:
        assert get_meeting_detail(s, new_id).status == "cancelled"
    assert page.export_calendar(tmp_path / "m.ics") is not None
    qtbot.waitUntil(lambda: page.last_export is not None, timeout=30_000)
    assert page.last_export == (True, f"2 meetings saved to {tmp_path / 'm.ics'}")
    assert (tmp_path / "m.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")


def test_edit_form_saves_with_conflict_check(qtbot, page: MeetingsPage, monkeypatch: pytest.MonkeyPatch) -> None:
    with page.ctx.db.session() as s:
        detail = get_meeting_detail(s, page.editor.meeting_id)
    dialog = MeetingDialog(page.ctx, detail=detail)
    qtbot.addWidget(dialog)
    dialog.chair.load_choices().wait()
    assert dialog.status.currentData() == "planned"
    dialog.status.setCurrentIndex(dialog.status.findData("held"))
    dialog.venue.setText("Library")
    dialog.chair.setText("lukasz wisniewski")  # accents and case do not matter
    form = dialog.form()
    assert form.values["chair_id"] == 1 and form.repeat_rule is None
    page.save_form(detail, form)
    settle(page)
    saved = page.last_saved
    assert saved is not None and saved.venue == "Library" and saved.chair_name == "Łukasz Wiśniewski"
    assert saved.status == "held"
    dialog.chair.setText("Nobody Here")
    with pytest.raises(ValueError, match="Chair"):
        dialog.form()
    monkeypatch.setattr(ConflictDialog, "ask", staticmethod(lambda error, **kw: None))
    page.last_saved = None
    page.save_form(detail, form)  # stale version: conflict, user cancelled
    settle(page)
    assert page.last_saved is None and page.editor.meeting.venue == "Library"


def test_member_picker_completes_without_accents(qtbot, page: MeetingsPage) -> None:
    picker = page.editor.minutes.action_owner
    picker.load_choices().wait()
    completer = picker.completer()
    completer.setCompletionPrefix("lukasz")
    assert completer.completionCount() == 1
    assert completer.pathFromIndex(completer.completionModel().index(0, 0)) == "Łukasz Wiśniewski"


def test_new_meeting_dialog_repeat_preview(qtbot, db: Database, paths: Paths) -> None:
    dialog = MeetingDialog(make_ctx(db, paths), start=datetime(2026, 1, 6, 19), venue="Hall")
    qtbot.addWidget(dialog)
    dialog.title.setText("General meeting")
    dialog.repeat.setCurrentIndex(dialog.repeat.findData("monthly"))
    dialog.count.setValue(3)
    assert dialog.repeat_hint.text().startswith("First Tuesday of each month at 19:00: Tue 6 Jan, Tue 3 Feb")
    form = dialog.form()
    assert form.repeat_rule == "FREQ=MONTHLY;BYDAY=1TU" and form.repeat_count == 3 and form.use_template


def test_item_models_are_sound(qtmodeltester, demo_db: Database) -> None:
    with demo_db.session() as s:
        rows = list_meeting_rows(s)
        agenda = list_agenda(s, rows[0].id)
    model = MeetingTableModel()
    model.set_rows(rows)
    qtmodeltester.check(model)
    model.sort(COL_PRESENT, Qt.SortOrder.DescendingOrder)
    assert int(model.index(0, COL_PRESENT).data()) == max(r.present for r in rows)
    agenda_model = AgendaTableModel()
    agenda_model.set_rows(agenda)
    qtmodeltester.check(agenda_model)
    assert time(19) <= agenda[0].starts_at.time()
    agenda_model.read_only = True
    qtmodeltester.check(agenda_model)


def test_calendar_export_can_be_cancelled(qtbot, page: MeetingsPage, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from communitydesk.services.meetings import calendar_export

    started, go_on = threading.Event(), threading.Event()
    real = calendar_export.write_calendar

    def held_back(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202 - the real one, after Cancel
        started.set()
        go_on.wait(30)
        return real(*args, **kwargs)

    monkeypatch.setattr(calendar_export, "write_calendar", held_back)
    op = page.export_calendar(tmp_path / "never.ics")
    assert op is not None
    qtbot.waitUntil(started.is_set, timeout=30_000)  # the worker starts once the loop is idle
    op.cancel()  # as the progress dialog's Cancel button does
    go_on.set()
    op.wait()
    assert page.last_export is None and not (tmp_path / "never.ics").exists()


def test_repeat_count_unit_follows_the_number_in_ukrainian(qtbot, db: Database, paths: Paths) -> None:
    """Ukrainian says "3 збори" but "5 зборів": a fixed suffix read wrong for 2-4."""
    from communitydesk.i18n import set_language

    set_language("uk")
    try:
        dialog = MeetingDialog(make_ctx(db, paths), start=datetime(2026, 1, 6, 19), venue="Hall")
        qtbot.addWidget(dialog)
        dialog.repeat.setCurrentIndex(1)
        dialog.count.setValue(3)
        assert dialog.count.suffix() == " збори"
        dialog.count.setValue(5)
        assert dialog.count.suffix() == " зборів"
    finally:
        set_language("en")
