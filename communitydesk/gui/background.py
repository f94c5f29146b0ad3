"""Run one long service call off the UI thread, with progress and Cancel.

Why: an import of 20,000 rows takes seconds; the window must keep painting and
the Cancel button must work. The job gets a ``progress(done, total)`` callback
that returns False once Cancel was pressed, which the import service turns into
``ImportCancelled`` (rolling its session back).

A worker starts once the window has done what the click asked of it (#14): Python runs
one thread at a time, and a worker started in the middle of a turn takes the interpreter
from the window at every call the window's layout and painting make into Python (the
style, the models), so the turn waits for the worker's own work as well as doing its own.
``_IdleStart`` starts the worker once the event loop has come round quickly for ``QUIET_FOR_MS``
(the turn's layout and paint, and what they posted, are done), or after ``START_AT_MOST_MS``
whatever the window is doing.
"""

from __future__ import annotations

import contextlib
import threading
import time
import traceback
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer, Signal, Slot

Job = Callable[[Callable[[int, int], bool]], object]
BUSY_ROUND_MS = 1.0  # a round of the event loop longer than this did some of the window's work
QUIET_FOR_MS = 4.0  # only quick rounds for this long: the window has nothing left to do
START_AT_MOST_MS = 60.0  # a window busy for longer than this does not hold the work back
# Off for now: with it on, work a test's screens left waiting could start after the test had
# closed its database, and an error box for it hung a test run (see finish_waiting). Turn it on
# once every fixture that closes a database drains the queue first.
START_WHEN_IDLE = False


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


class _IdleStart(QObject):
    """Starts waiting tasks once the event loop is idle: a 0 ms timer comes round each turn,
    and rounds no longer than ``BUSY_ROUND_MS`` for ``QUIET_FOR_MS`` mean nothing is left to do
    (one quick round between two busy ones is not enough: a layout posts its paint)."""

    def __init__(self) -> None:
        super().__init__()
        self.waiting: list[BackgroundTask] = []
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._round)
        self._since = self._last = 0.0
        self._quiet_since: float | None = None

    def add(self, task: BackgroundTask) -> None:
        self.waiting.append(task)
        if not self._timer.isActive():
            self._since = self._last = time.perf_counter()
            self._quiet_since = None  # the turn that asked is not over yet
            self._timer.start()

    def _round(self) -> None:
        now = time.perf_counter()
        if self._quiet_since is None or (now - self._last) * 1000 > BUSY_ROUND_MS:
            self._quiet_since = now  # the window did something since the last round
        self._last = now
        quiet = (now - self._quiet_since) * 1000 >= QUIET_FOR_MS
        if quiet or (now - self._since) * 1000 >= START_AT_MOST_MS:
            self.start_all()

    def start_all(self) -> None:
        self._timer.stop()
        waiting, self.waiting = self.waiting, []
        for task in waiting:
            if shiboken6.isValid(task):  # its runner may have gone meanwhile (a window closed)
                task.start_now()


_idle_start: _IdleStart | None = None


def _start_when_idle(task: BackgroundTask) -> None:
    global _idle_start
    app = QCoreApplication.instance()
    if app is None or QThread.currentThread() is not app.thread():  # no window's loop to wait for
        task.start_now()
        return
    if _idle_start is None:
        _idle_start = _IdleStart()
    _idle_start.add(task)


def finish_waiting(ms: int = 60_000) -> None:
    """Start every task still waiting for an idle loop and let every worker finish: what must
    happen before a database closes under them (the window waits on its operations instead;
    tests call this before their database closes)."""
    if _idle_start is not None:
        _idle_start.start_all()
    if _reaper is not None:
        for thread in list(_reaper.alive):
            thread.wait(ms)


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

    def __init__(self, job: Job, parent: QObject | None = None, *,
                 wanted: Callable[[], bool] | None = None) -> None:
        """``wanted``: asked when the task would start; False skips the job (a read for a screen
        closed meanwhile) and only ``finished`` is sent."""
        super().__init__(parent)
        self._job = job
        self._wanted = wanted
        self._skipped = False
        self._cancel = threading.Event()
        self._thread: _Thread | None = None
        self._started: float | None = None

    def start(self) -> None:
        """Start once the window is idle (see the module's docstring)."""
        self._started = time.monotonic()
        if START_WHEN_IDLE:
            _start_when_idle(self)
        else:
            self.start_now()

    def start_now(self) -> None:
        if self._thread is not None or self._skipped:
            return
        if self._wanted is not None and not self._wanted():
            self._skipped = True
            self.finished.emit()
            return
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
        """Started and not finished (waiting for the window to be idle counts)."""
        return self._started is not None and not self._skipped and (
            self._thread is None or self._thread.isRunning())

    def age_ms(self) -> float:
        """How long it has been running (0 before it starts)."""
        return 0.0 if self._started is None else (time.monotonic() - self._started) * 1000

    def wait(self, ms: int = 60_000) -> bool:
        """Block until the job is done; one still waiting for an idle window starts now."""
        if self._started is None:
            return True
        self.start_now()
        return self._thread.wait(ms) if self._thread is not None else True  # else: skipped

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
