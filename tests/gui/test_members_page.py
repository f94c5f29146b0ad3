"""The Members screen: models pass the Qt model tester, keys, bulk changes, export, duplicates."""

from __future__ import annotations

import csv
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from communitydesk.config import Paths
from communitydesk.db.engine import Database
from communitydesk.gui.members import list_actions, member_dialog, members_page
from communitydesk.gui.members.member_dialog import MemberDialog
from communitydesk.services.members.records import add_member, list_members
from tests.gui.test_main_window import make_window


@pytest.fixture
def window(qtbot, db: Database, paths: Paths):
    with db.session() as s:
        add_member(s, first_name="Seán", last_name="O'Neill", email="sean@example.org", tags=["Choir"])
        add_member(s, first_name="Sean", last_name="O'Neill", phone="07700 900001")
        add_member(s, first_name="=cmd", last_name="Evil", phone="+44 7700 900123", status="prospect")
    return make_window(qtbot, db, paths)


def test_models_pass_the_model_tester(qtmodeltester, window) -> None:
    page = window.show_page("members")
    qtmodeltester.check(page.model)
    page.proxy.set_search("sean")
    qtmodeltester.check(page.proxy)


def test_keyboard_search_enter_opens_and_ctrl_n(qtbot, window) -> None:
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    page = window.show_page("members")
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search.hasFocus()
    qtbot.keyClicks(page.search, "evil")
    assert page.count_label.text() == "showing 1 of 3"
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert page.table.hasFocus() and len(page.selected_member_ids()) == 1
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert isinstance(page.dialog, MemberDialog)
    page.dialog.loading.wait()
    assert page.dialog.fields.edits["last_name"].text() == "Evil"
    page.dialog.close()
    window.activateWindow()  # the offscreen platform does not give focus back by itself
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(page.dialog, MemberDialog) and page.dialog.record is None
    page.dialog.close()


def test_bulk_tag_and_status(qtbot, window, db: Database, monkeypatch) -> None:
    page = window.show_page("members")
    page.table.selectAll()
    assert page.bulk_button.text() == "Selected (3)"
    monkeypatch.setattr(list_actions, "ask_tag", lambda *a, **k: "Street team")
    page.bulk_tag(add=True).wait()
    page.ctx.ops.wait_idle()  # the list's refresh, started by what the write changed
    assert page.tag_filter.findData("Street team") > 0
    assert len(page.selected_member_ids()) == 3  # the selection survives the refresh
    monkeypatch.setattr(member_dialog, "ask_confirm", lambda *a: True)
    page.table.selectAll()
    page.bulk_status("lapsed").wait()
    page.ctx.ops.wait_idle()
    with db.session() as s:
        rows = list_members(s)
    assert all("Street team" in m.tags and m.status == "lapsed" for m in rows)
    assert {page.model.row_at(r).status for r in range(3)} == {"lapsed"}
    assert page.tag_filter.findData("Street team") > 0
    monkeypatch.setattr(list_actions, "ask_tag", lambda *a, **k: "choir")
    page.table.selectAll()
    page.bulk_tag(add=False).wait()
    page.ctx.ops.wait_idle()
    with db.session() as s:
        assert all("Choir" not in m.tags for m in list_members(s))


def test_export_shown_members_only(qtbot, window, tmp_path: Path) -> None:
    page = window.show_page("members")
    page.search.setText("o'neill")
    out = tmp_path / "shown.csv"
    page.export_to(str(out), shown_only=True).wait()
    assert page.exported == 2
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    assert {r["last_name"] for r in rows} == {"O'Neill"}
    page.export_to(str(tmp_path / "all.xlsx"), shown_only=False).wait()
    assert page.exported == 3


def test_sorting_keeps_the_selection(qtbot, window) -> None:
    page = window.show_page("members")
    page.table.selectRow(2)
    chosen = page.selected_member_ids()
    page.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    assert page.selected_member_ids() == chosen
    page.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert page.selected_member_ids() == chosen
    assert [page.proxy.index(r, 0).data() for r in range(3)] == ["Evil", "O'Neill", "O'Neill"]


def _hold_first_read(monkeypatch) -> threading.Event:
    """The first list read on a worker reads its rows, then waits for the returned gate
    before handing them back: its result is old by the time it arrives."""
    gate = threading.Event()
    gate.read_done = threading.Event()  # type: ignore[attr-defined]
    real = members_page._read_members
    calls = []
    lock = threading.Lock()

    def read(session):  # noqa: ANN001, ANN202
        with lock:  # which read came first is decided on entry, not by who finishes reading
            calls.append(1)
            first = len(calls) == 1
        rows = real(session)
        if first:
            assert threading.current_thread() is not threading.main_thread()
            gate.read_done.set()  # type: ignore[attr-defined]
            assert gate.wait(30)
        return rows

    monkeypatch.setattr(members_page, "_read_members", read)
    return gate


def test_the_window_shows_before_the_list_loads_then_fills(qtbot, monkeypatch, window, db) -> None:
    window.wait_until_loaded()  # the fixture window's own load is not the one held
    gate = _hold_first_read(monkeypatch)
    slow = make_window(qtbot, db, window.ctx.paths)
    slow.show()
    page = slow.pages["members"]
    assert page.stack.currentWidget() is page.waiting
    assert page.count_label.text() == "loading…"
    assert page.tag_filter.currentText() == "All tags"
    gate.set()
    qtbot.waitUntil(lambda: page.model.rowCount() == 3)  # arrives by the queued signal
    assert page.stack.currentWidget() is page.table
    assert page.count_label.text() == "showing 3 of 3"
    assert page.tags == ["Choir"]


def test_a_refresh_during_the_load_wins_over_the_older_result(qtbot, monkeypatch, window, db) -> None:
    window.wait_until_loaded()  # the fixture window's own load is not the one held
    gate = _hold_first_read(monkeypatch)
    slow = make_window(qtbot, db, window.ctx.paths)
    slow.show()  # the first read starts once the page is shown and has painted
    page = slow.pages["members"]
    qtbot.waitUntil(lambda: page.loading is not None)
    first = page.loading
    qtbot.waitUntil(gate.read_done.is_set, timeout=30_000)  # the first read has its (old) rows before anyone adds Zofia
    with db.session() as s:
        add_member(s, first_name="Zofia", last_name="Nowak")
    page.refresh()  # e.g. someone saved a member while the list was still loading
    page.wait_until_loaded()
    assert page.model.rowCount() == 4
    gate.set()
    first.wait()  # the older load (3 rows) arrives after the newer one and is dropped
    assert first.is_done and first.superseded
    assert page.model.rowCount() == 4
    assert "Zofia" in [page.model.row_at(r).first_name for r in range(4)]


def test_a_list_that_cannot_be_read_says_so(qtbot, db, paths) -> None:
    with db.engine.begin() as connection:
        connection.exec_driver_sql("DROP TABLE member_tags")  # a damaged file
    broken = make_window(qtbot, db, paths)
    page = broken.show_page("members")
    assert page.stack.currentWidget() is page.waiting
    assert page.waiting.title.text() == "Cannot read the member list"
    assert "Check database" in page.waiting.text.text()
