"""The One-to-ones page opens in two event-loop turns (#14): the page, then its follow-up queue.
The queue still appears in its tab, loads, counts on the tab, works, and the page still asks the
window for the width the queue needs (#19: with large text it scrolls rather than being cut)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QSettings

from communitydesk.config import Paths
from communitydesk.db.engine import Database
from communitydesk.gui.context import AppContext, DataEvents
from communitydesk.gui.main_window import MainWindow
from communitydesk.gui.one_to_ones.follow_up_queue import FollowUpQueue
from communitydesk.gui.one_to_ones.one_to_ones_page import TAB_FOLLOW_UPS, OneToOnesPage
from communitydesk.services.one_to_ones.follow_ups import follow_ups_due

ON = date(2026, 6, 15)


def _window(qtbot, db: Database, paths: Paths) -> MainWindow:  # noqa: ANN001 - qtbot
    settings = QSettings(str(paths.gui_settings_file), QSettings.Format.IniFormat)
    window = MainWindow(AppContext(paths=paths, db=db, gui_settings=settings, events=DataEvents()))
    qtbot.addWidget(window)
    window.resize(1024, 640)
    window.show()
    return window


def test_the_queue_comes_in_the_turn_after_the_page_and_works(qtbot, demo_db: Database, paths: Paths) -> None:
    window = _window(qtbot, demo_db, paths)
    window.show_page_at(next(i for i, s in enumerate(window.specs) if s.key == "one_to_ones"))
    page = window.pages["one_to_ones"]
    assert isinstance(page, OneToOnesPage)
    assert not isinstance(page.tabs.widget(TAB_FOLLOW_UPS), FollowUpQueue)  # not in the page's own turn
    qtbot.waitUntil(lambda: isinstance(page.tabs.widget(TAB_FOLLOW_UPS), FollowUpQueue))
    queue = page.tabs.widget(TAB_FOLLOW_UPS)
    assert page.queue is queue and page.tabs.currentWidget() is queue
    qtbot.waitUntil(queue.isVisible)
    queue.wait_until_loaded()
    queue.set_date(ON)
    window.ctx.ops.wait_idle()
    with demo_db.session() as s:
        due = follow_ups_due(s, on=ON)
    assert due and [f.id for f in queue.visible_rows()] == [f.id for f in due]
    assert page.tabs.tabText(TAB_FOLLOW_UPS) == f"Follow-ups ({len(due)})"
    assert queue.table.isVisible() and queue.table.model().rowCount() == len(due)
    queue.select_row(0)
    assert queue.done_button.isEnabled()


def test_the_page_asks_for_the_width_of_its_queue(qtbot, demo_db: Database, paths: Paths,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """As when the queue came with the page: the width is measured before any rows (whose count
    lengthens a label) arrive, so here none do."""
    monkeypatch.setattr(FollowUpQueue, "refresh", lambda self: None)
    window = _window(qtbot, demo_db, paths)
    page = window.show_page("one_to_ones")
    queue = page.tabs.widget(TAB_FOLLOW_UPS)
    assert isinstance(queue, FollowUpQueue)
    assert page.minimumWidth() >= page.layout().minimumSize().width() >= queue.minimumSizeHint().width()


def test_waiting_for_the_page_waits_for_its_queue(qtbot, demo_db: Database, paths: Paths) -> None:
    window = _window(qtbot, demo_db, paths)
    page = window.show_page("one_to_ones")  # the window waits for what the page loads
    assert isinstance(page.tabs.widget(TAB_FOLLOW_UPS), FollowUpQueue)
    assert page.queue.loader.op is not None and page.queue.loader.op.is_done


def test_the_queue_asked_for_at_once_is_built_at_once(qtbot, demo_db: Database, paths: Paths) -> None:
    settings = QSettings(str(paths.gui_settings_file), QSettings.Format.IniFormat)
    page = OneToOnesPage(AppContext(paths=paths, db=demo_db, gui_settings=settings, events=DataEvents()))
    qtbot.addWidget(page)
    queue = page.queue
    assert page.tabs.widget(TAB_FOLLOW_UPS) is queue and page.tabs.currentIndex() == TAB_FOLLOW_UPS
    queue.wait_until_loaded()
    qtbot.wait(20)  # the timer that would have built it finds it built
    assert page.queue is queue and page.tabs.widget(TAB_FOLLOW_UPS) is queue
