"""Python's collector runs on the window's thread only (gui/collector.py): a worker that makes
thousands of objects never collects, so never deletes a garbage widget off the window's thread."""

from __future__ import annotations

import gc
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QWidget

from communitydesk.gui.collector import MainThreadCollector
from communitydesk.services.core.gc_pause import gc_paused
from tests.paths import REPO


@pytest.fixture
def collections() -> Iterator[list[tuple[str, int]]]:
    """Each collection from now on: the thread it ran on, and its generation."""
    made: list[tuple[str, int]] = []

    def started(phase: str, info: dict) -> None:
        if phase == "start":
            made.append((threading.current_thread().name, info["generation"]))

    gc.callbacks.append(started)
    yield made
    gc.callbacks.remove(started)


@pytest.fixture
def collector(qapp: QApplication) -> Iterator[MainThreadCollector]:
    collector = MainThreadCollector(qapp)
    collector.timer.stop()  # collections only when the test asks
    yield collector
    collector.deleteLater()


def _make_garbage_widgets(count: int, deleted_on: list[str]) -> None:
    """Widgets in reference cycles (a widget and a Python object of its own): only a collection
    frees them, and deletes each widget on the thread it runs on."""
    class Holder:
        widget: QWidget

    for _ in range(count):
        holder = Holder()
        holder.widget = QWidget()
        holder.widget.holder = holder  # type: ignore[attr-defined]
        holder.widget.destroyed.connect(lambda: deleted_on.append(threading.current_thread().name))


def _worker_makes(count: int, kept: list) -> None:
    worker = threading.Thread(target=lambda: kept.extend([] for _ in range(count)), name="worker")
    worker.start()
    worker.join(30)


def test_a_worker_making_many_objects_collects_nothing_the_window_does(
        collector: MainThreadCollector, collections: list[tuple[str, int]]) -> None:
    deleted_on: list[str] = []
    _make_garbage_widgets(20, deleted_on)
    kept: list = []
    _worker_makes(50_000, kept)  # Python by itself would collect about 70 times, on the worker
    assert collections == [] and deleted_on == []
    assert not gc.isenabled()
    assert collector.due() == 0
    collector.collect_due()
    assert collections == [("MainThread", 0)]
    assert deleted_on == ["MainThread"] * 20  # the garbage widgets, deleted on the window's thread
    assert collector.due() is None  # nothing more is due until more objects are made


def test_no_collection_while_a_bulk_read_has_paused_it(
        collector: MainThreadCollector, collections: list[tuple[str, int]]) -> None:
    kept: list = []
    _worker_makes(5_000, kept)
    with gc_paused():
        collector.collect_due()
    assert collections == []
    collector.collect_due()
    assert collections == [("MainThread", 0)]


def test_the_timer_collects_what_is_due(qtbot, collector: MainThreadCollector,  # noqa: ANN001
                                        collections: list[tuple[str, int]]) -> None:
    kept: list = []
    _worker_makes(5_000, kept)
    collector.timer.start(5)
    qtbot.waitUntil(lambda: collections != [], timeout=5000)
    assert {thread for thread, _ in collections} == {"MainThread"}


def test_older_generations_in_turn_as_python_counts(collector: MainThreadCollector,
                                                    collections: list[tuple[str, int]]) -> None:
    gc.collect()
    collections.clear()
    young, middle, old = collector.thresholds
    kept: list = []
    while len(collections) < (middle + 2) * (old + 1):
        _worker_makes(young + 10, kept)  # each time, enough new objects for a young collection
        collector.collect_due()
    generations = [generation for _, generation in collections]
    assert generations[:middle + 2] == [0] * (middle + 1) + [1]  # every twelfth is a middle one
    assert 2 not in generations
    _worker_makes(young + 10, kept)
    assert collector.due() == 2  # and after eleven middle ones, a full collection
    collector.collect_due()
    assert collections[-1] == ("MainThread", 2)


def test_the_program_collects_on_the_window_thread_from_its_start(db, tmp_path: Path) -> None:  # noqa: ANN001
    """gui/app.py's own start (its smoke test), in a fresh interpreter as a person starts it."""
    script = textwrap.dedent(f"""
        import gc
        from pathlib import Path
        from PySide6.QtWidgets import QApplication
        from communitydesk.config import Paths
        from communitydesk.gui.app import run_gui
        from communitydesk.gui.collector import MainThreadCollector
        paths = Paths(data_dir=Path({str(tmp_path)!r}), config_dir=Path({str(tmp_path)!r}))
        assert gc.isenabled()
        assert run_gui(paths=paths, db_target={str(db.sqlite_path)!r}, explicit_db=True, smoke_test=True) == 0
        assert not gc.isenabled()
        assert len(QApplication.instance().findChildren(MainThreadCollector)) == 1
        print("collected on the window's thread")
    """)
    db.dispose()
    done = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True,
                          timeout=180, env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})
    assert done.stdout.strip().endswith("collected on the window's thread"), done.stderr[-2000:]
