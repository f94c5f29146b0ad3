"""Run one long service call off the UI thread, with progress and Cancel.

Why: an import of 20,000 rows takes seconds; the window must keep painting and
the Cancel button must work. The job gets a ``progress(done, total)`` callback
that returns False once Cancel was pressed, which the import service turns into
``ImportCancelled`` (rolling its session back).
"""

from __future__ import annotations

import contextlib
import threading
import time
import traceback
from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, Signal, Slot

Job = Callable[[Callable[[int, int], bool]], object]


class _Reaper(QObject):
    """Keeps every running thread referenced until it has finished, whatever happens to the
    window that started it (deleting a running QThread aborts the whole program)."""

    def __init__(self) -> None:
        super().__init__()
        self.alive: set[QThread] = set()

    def keep(self, thread: QThread) -> None:
        self.alive.add(thread)
        thread.finished.connect(self.reap)  # queued: runs here, on the UI thread

    @Slot()
    def reap(self) -> None:
        thread = self.sender()
        if isinstance(thread, QThread):
            thread.wait()
            self.alive.discard(thread)


_reaper: _Reaper | None = None


def _keep(thread: QThread) -> None:
    global _reaper
    if _reaper is None:
        _reaper = _Reaper()
    _reaper.keep(thread)


class _Thread(QThread):
    def __init__(self, body: Callable[[], None]) -> None:
        super().__init__()
        self._body = body

    def run(self) -> None:
        self._body()


class BackgroundTask(QObject):
    """``start()`` runs ``job(progress)`` in a QThread; results come back as signals."""

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)  # the exception
    finished = Signal()

    def __init__(self, job: Job, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._job = job
        self._cancel = threading.Event()
        self._thread: _Thread | None = None
        self._started: float | None = None

    def start(self) -> None:
        self._started = time.monotonic()
        self._thread = _Thread(self._run)
        _keep(self._thread)
        self._thread.finished.connect(self.finished)
        self._thread.start()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def is_running(self) -> bool:
        return self._thread is not None and self._thread.isRunning()

    def age_ms(self) -> float:
        """How long it has been running (0 before it starts)."""
        return 0.0 if self._started is None else (time.monotonic() - self._started) * 1000

    def wait(self, ms: int = 60_000) -> bool:
        return self._thread.wait(ms) if self._thread is not None else True

    def _progress(self, done: int, total: int) -> bool:
        try:
            self.progressed.emit(done, total)
        except RuntimeError:  # the window that asked has gone: stop the work
            return False
        return not self._cancel.is_set()

    def _run(self) -> None:
        try:
            result = self._job(self._progress)
        except Exception as exc:  # noqa: BLE001 - handed to the UI thread to show
            exc.__cd_traceback__ = traceback.format_exc()  # type: ignore[attr-defined]
            outcome, value = self.failed, exc
        else:
            outcome, value = self.succeeded, result
        with contextlib.suppress(RuntimeError):  # nobody is waiting for the result any more
            outcome.emit(value)
