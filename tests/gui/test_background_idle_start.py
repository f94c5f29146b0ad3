"""A worker starts once the window has done what the turn asked of it (#14): started in the
middle of a turn, its Python would take the interpreter from the window's layout and painting."""

from __future__ import annotations

import threading
import time

import pytest
import shiboken6
from PySide6.QtCore import QObject, QTimer

from communitydesk.gui import background
from communitydesk.gui.background import BackgroundTask


@pytest.fixture(autouse=True)
def idle_start(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(background, "START_WHEN_IDLE", True)


def _recording(events: list[str]) -> BackgroundTask:
    def job(_progress) -> None:  # noqa: ANN001 - the progress callback
        events.append("worker")

    return BackgroundTask(job)


def test_a_worker_starts_after_the_turn_and_the_work_it_left_for_the_next(qtbot) -> None:
    events: list[str] = []
    task = _recording(events)

    def turn() -> None:  # as a click that asks for a read, then lays out what it changed
        task.start()
        QTimer.singleShot(0, lambda: (time.sleep(0.02), events.append("layout")))
        time.sleep(0.02)  # lets another thread run, as the window's calls into Qt do
        events.append("turn")

    QTimer.singleShot(0, turn)
    qtbot.waitUntil(lambda: "worker" in events, timeout=5_000)
    assert events == ["turn", "layout", "worker"]


def test_a_window_that_is_never_idle_does_not_hold_the_work_back(qtbot) -> None:
    events: list[str] = []
    busy = QTimer()
    busy.setInterval(0)
    busy.timeout.connect(lambda: time.sleep(0.005))  # every round of the loop does something
    busy.start()
    try:
        _recording(events).start()
        qtbot.waitUntil(lambda: "worker" in events, timeout=5_000)
    finally:
        busy.stop()


def test_waiting_for_a_task_starts_it_at_once(qtbot) -> None:
    events: list[str] = []
    task = _recording(events)
    task.start()
    assert task.is_running()
    assert task.wait(5_000)  # no event loop runs here: the task does not wait for an idle one
    assert events == ["worker"]
    with qtbot.waitSignal(task.finished, timeout=5_000):
        pass


def test_a_task_started_off_the_ui_thread_starts_at_once(qtbot) -> None:
    events: list[str] = []
    task = _recording(events)
    starter = threading.Thread(target=task.start)
    starter.start()
    starter.join()
    assert task.wait(5_000) and events == ["worker"]


def test_a_task_whose_owner_went_before_it_started_does_not_stop_the_others(qtbot) -> None:
    events: list[str] = []
    owner = QObject()
    gone = BackgroundTask(lambda _progress: events.append("gone"), owner)
    kept = _recording(events)
    gone.start()
    kept.start()
    shiboken6.delete(owner)  # a window closed with its read still waiting for an idle loop
    qtbot.waitUntil(lambda: "worker" in events, timeout=5_000)
    assert events == ["worker"]
