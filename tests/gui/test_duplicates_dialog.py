"""Possible duplicates: the pairs, side by side, merge after a backup, "not the same person",
all through the operation runner, and a dialog that fits a small laptop screen."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel

from communitydesk.config import Paths
from communitydesk.db.engine import Database
from communitydesk.db.models import Member
from communitydesk.gui.members import duplicates_dialog, member_dialog
from communitydesk.gui.members.duplicates_dialog import DuplicatesDialog
from communitydesk.services.members.records import add_member, list_members
from tests.gui.test_main_window import make_window


@pytest.fixture
def page(qtbot, db: Database, paths: Paths):
    with db.session() as s:
        add_member(s, first_name="Seán", last_name="O'Neill", email="sean@example.org", tags=["Choir"])
        add_member(s, first_name="Sean", last_name="O'Neill", phone="07700 900001")
        add_member(s, first_name="=cmd", last_name="Evil", phone="+44 7700 900123", status="prospect")
    return make_window(qtbot, db, paths).show_page("members")


def open_dialog(qtbot, page) -> DuplicatesDialog:
    dialog = page.show_duplicates()
    qtbot.waitUntil(lambda: dialog.ready, timeout=30_000)
    return dialog


def test_duplicates_merge(qtbot, page, db: Database, monkeypatch) -> None:
    dialog = open_dialog(qtbot, page)
    assert len(dialog.pairs) == 1 and dialog.pairs[0].reasons == ("same name",)
    assert dialog.compare.rowCount() > 5
    assert dialog.keep_left.isEnabled() and dialog.not_same.isEnabled()
    monkeypatch.setattr(member_dialog, "ask_confirm", lambda *a: True)
    assert dialog.merge_selected(keep_left=True) is not None
    assert not dialog.keep_left.isEnabled()  # no second merge while this one runs
    page.ctx.ops.wait_idle()
    qtbot.waitUntil(lambda: dialog.ready, timeout=30_000)
    assert dialog.pairs == [] and dialog.stack.currentWidget() is dialog.empty
    assert list(Path(db.backups_dir).glob("*before-merge*"))
    with db.session() as s:
        merged = next(m for m in list_members(s) if m.last_name == "O'Neill")
    assert (merged.email, merged.phone) == ("sean@example.org", "07700 900001")
    page.ctx.ops.wait_idle()  # the members list refreshed itself from what the merge changed
    assert page.model.rowCount() == 2


def test_a_merge_not_confirmed_changes_nothing(qtbot, page, db: Database, monkeypatch) -> None:
    dialog = open_dialog(qtbot, page)
    monkeypatch.setattr(member_dialog, "ask_confirm", lambda *a: False)
    assert dialog.merge_selected(keep_left=False) is None
    with db.session() as s:
        assert len(list_members(s)) == 3
    assert not list(Path(db.backups_dir).glob("*before-merge*"))


def test_not_the_same_person_is_remembered(qtbot, page) -> None:
    dialog = open_dialog(qtbot, page)
    dialog.mark_not_duplicate().wait()
    qtbot.waitUntil(lambda: dialog.ready, timeout=30_000)
    assert dialog.pairs == [] and dialog.stack.currentWidget() is dialog.empty
    again = open_dialog(qtbot, page)
    assert again.pairs == []


def test_pairs_use_the_preferred_name_and_compare_side_by_side(qtbot, page, db: Database) -> None:
    with db.session() as s:
        add_member(s, first_name="Katarzyna", last_name="Nowak", preferred_name="Kasia",
                   email="kasia@example.org")
        # A twin from before the app refused a taken email (or typed into another program):
        # the form would refuse it now, so it goes straight into the table.
        s.add(Member(first_name="Katarzyna", last_name="Nowak", email="kasia@example.org"))
    dialog = open_dialog(qtbot, page)
    row = next(r for r, p in enumerate(dialog.pairs) if p.first.last_name == "Nowak")
    shown = {dialog.list.item(row, 0).text(), dialog.list.item(row, 1).text()}
    assert shown == {"Kasia Nowak · kasia@example.org", "Katarzyna Nowak · kasia@example.org"}
    dialog.list.selectRow(row)
    dialog.comparing.wait()
    cells = {dialog.compare.item(r, 0).text(): (dialog.compare.item(r, 1).text(),
                                               dialog.compare.item(r, 2).text())
             for r in range(dialog.compare.rowCount())}
    assert cells["First name"] == ("Katarzyna", "Katarzyna")
    assert sorted(cells["Preferred name"]) == ["", "Kasia"]


def test_the_search_runs_off_the_ui_thread(qtbot, page, monkeypatch) -> None:
    threads = []
    real = duplicates_dialog.find_pairs

    def find(session):  # noqa: ANN001, ANN202
        threads.append(threading.current_thread())
        return real(session)

    monkeypatch.setattr(duplicates_dialog, "find_pairs", find)
    dialog = page.show_duplicates()
    assert dialog.intro.text().startswith("Looking for members")
    assert not dialog.keep_left.isEnabled()
    qtbot.waitUntil(lambda: dialog.ready, timeout=30_000)
    assert threads and threads[0] is not threading.main_thread()


def test_ready_when_the_search_thread_ends_after_the_pair_arrives(qtbot, page, monkeypatch) -> None:
    """On a busy machine the search's thread can end after the first pair's records (a quicker
    read, started when the pairs arrived) have been shown: the dialog still becomes ready once
    both have finished (it stayed "not ready" for good, and a test waiting for it timed out)."""
    import time

    from communitydesk.gui import background

    real = background.BackgroundTask._run

    def lingering(self) -> None:  # noqa: ANN001
        real(self)
        time.sleep(0.3)  # the thread ends well after its result was handed over

    monkeypatch.setattr(background.BackgroundTask, "_run", lingering)
    dialog = open_dialog(qtbot, page)
    assert dialog.pairs and dialog.compare.rowCount() > 0


def test_fits_a_small_laptop_screen_with_a_large_font(qtbot, page) -> None:
    """At 1024×640 nothing is cut off on the right, even with a larger system font."""
    dialog = open_dialog(qtbot, page)
    font = dialog.font()
    font.setPointSize(12)
    dialog.setFont(font)
    dialog.resize(1024, 640)
    qtbot.wait(10)
    assert dialog.minimumSizeHint().width() <= 1024
    assert dialog.width() <= 1024
    for label in dialog.findChildren(QLabel):
        if label.isVisibleTo(dialog) and label.text():
            right = label.mapTo(dialog, label.rect().topRight()).x()
            assert right <= dialog.width(), label.text()[:40]
