"""The one way a screen reaches the database: reads and writes off the UI thread.

Modelled on Anki's ``QueryOp``/``CollectionOp``. A screen hands a service call to
the runner; the call runs on a worker thread in its own short session (one
session per user action), and its frozen result comes back to a callback on the
UI thread. A write runs in one transaction and the runner records which tables
it touched (``services.core.changes``), so every screen that shows them refreshes.
Every failure takes one path: a ``UserError`` becomes a plain message, a
``ConflictError`` goes to the screen's conflict handler, anything else is logged
with its traceback and shown as "something went wrong".

The window never freezes: a busy cursor appears only once an operation has run
for ``BUSY_AFTER_MS``; long work asks for a progress callback and gets a dialog
with Cancel.

Work that needs no database (loading a screen's code ahead, the PDF fonts) goes through the
same runner with ``run``: one way to run anything off the UI thread. Background work
started with ``waited=False`` is nobody's click: ``wait_idle`` (closing the window,
switching database) and the busy cursor leave it out.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import shiboken6
from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QWidget

from communitydesk.errors import ConflictError, UserError
from communitydesk.gui.background import BackgroundTask
from communitydesk.i18n import _
from communitydesk.services.core.work import Outcome, ReadWroteError, run_read, run_write

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from communitydesk.db.engine import Database

T = TypeVar("T")
Progress = Callable[[int, int], bool]
BUSY_AFTER_MS = 150
PROGRESS_AFTER_MS = 400

log = logging.getLogger("communitydesk.gui")
__all__ = ["Operation", "OperationRunner", "Outcome", "ReadWroteError", "show_problem"]


class Operation(QObject):
    """One running read or write; ``finished`` fires on the UI thread whatever happened."""

    finished = Signal()

    def __init__(self, runner: OperationRunner, task: BackgroundTask, *, key: str | None,
                 is_read: bool, waited: bool = True) -> None:
        super().__init__(runner)
        self.task = task
        self.key = key
        self.is_read = is_read
        self.waited = waited  # False: background work that closing the window need not wait for
        self.superseded = False
        self.is_done = False

    def cancel(self) -> None:
        """Ask the work to stop; a read's result is then discarded (a write's still lands
        if it committed before it noticed, so the screens hear of its changes)."""
        self.task.cancel()
        if self.is_read:
            self.superseded = True

    def wait(self, ms: int = 60_000) -> None:
        """Block until the worker is done and its result delivered (tests, closing a window)."""
        if self.is_done:
            return
        loop = QEventLoop()
        self.finished.connect(loop.quit)
        QTimer.singleShot(ms, loop.quit)
        loop.exec()


class OperationRunner(QObject):
    """Runs service calls for the window's screens; ``changed`` tells them what to refresh."""

    changed = Signal(object)  # Changes
    idle = Signal()

    def __init__(self, database: Callable[[], Database], parent: QObject | None = None,
                 *, strict_reads: bool = False) -> None:
        super().__init__(parent)
        self._database = database
        self._running: set[Operation] = set()
        self._latest: dict[str, Operation] = {}
        self._busy_cursor = False
        self.strict_reads = strict_reads

    # --- the two kinds of operation ------------------------------------------------
    def read(self, fn: Callable[[Session], T], *, parent: QWidget | None,
             done: Callable[[T], Any], failed: Callable[[Exception], Any] | None = None,
             key: str | None = None, progress: str | None = None) -> Operation:
        """Run ``fn(session)`` (or ``fn(session, progress)``) on a worker; ``done(result)`` after.

        With a ``key``, a newer read of the same key wins: an older result still in
        flight is dropped, so a quick second search never shows the first one's rows.
        """
        db = self._database()
        strict = self.strict_reads

        def job(report: Progress) -> T:
            return run_read(db, fn, report if progress else None, strict=strict)

        return self._start(job, parent=parent, done=done, failed=failed, key=key,
                           progress=progress, on_conflict=None, is_read=True)

    def write(self, fn: Callable[[Session], T], *, parent: QWidget | None,
              done: Callable[[T], Any] | None = None,
              failed: Callable[[Exception], Any] | None = None,
              on_conflict: Callable[[ConflictError], Any] | None = None,
              progress: str | None = None) -> Operation:
        """Run ``fn`` in one transaction on a worker; then ``done(result)`` and ``changed``.

        A ``ConflictError`` (someone else saved first) goes to ``on_conflict`` so the
        screen can show both versions; without one it is shown as a message.
        """
        db = self._database()  # read-only: the session turns the refusal into a UserError

        def job(report: Progress) -> Outcome[T]:
            return run_write(db, fn, report if progress else None)

        def delivered(outcome: Outcome[T]) -> None:
            try:
                if done is not None:
                    done(outcome.result)
            finally:
                if outcome.changes:
                    self.changed.emit(outcome.changes)

        return self._start(job, parent=parent, done=delivered, failed=failed, key=None,
                           progress=progress, on_conflict=on_conflict, is_read=False)

    def run(self, fn: Callable[[], T], *, parent: QWidget | None = None,
            done: Callable[[T], Any] | None = None, failed: Callable[[Exception], Any] | None = None,
            key: str | None = None, waited: bool = True) -> Operation:
        """Run ``fn()`` on a worker with no database session: work that needs none, such as
        importing a screen's code; ``done(result)`` on the UI thread after, failures as for a read.

        ``waited=False`` is background work ahead of need (gui/warm_up.py): ``wait_idle``, the
        ``idle`` signal and the busy cursor ignore it.
        """
        return self._start(lambda _report: fn(), parent=parent,
                           done=done if done is not None else (lambda _result: None),
                           failed=failed, key=key, progress=None, on_conflict=None, is_read=True,
                           waited=waited)

    # --- plumbing ------------------------------------------------------------------
    def _start(self, job: Callable[[Progress], Any], *, parent: QWidget | None,
               done: Callable[[Any], Any], failed: Callable[[Exception], Any] | None,
               key: str | None, progress: str | None,
               on_conflict: Callable[[ConflictError], Any] | None, is_read: bool,
               waited: bool = True) -> Operation:
        def gone() -> bool:  # the screen that asked was closed meanwhile
            return parent is not None and not shiboken6.isValid(parent)

        # A read for a screen closed before its worker started is not run at all.
        task = BackgroundTask(job, self, wanted=(lambda: not gone()) if is_read else None)
        op = Operation(self, task, key=key, is_read=is_read, waited=waited)
        if key is not None:
            older = self._latest.get(key)
            if older is not None:
                older.superseded = True
            self._latest[key] = op
        self._running.add(op)
        dialog = self._progress_dialog(op, parent, progress) if progress else None

        def succeeded(result: object) -> None:
            if op.superseded:
                return
            if gone():  # a write's changes still reach every screen; only its own callback drops
                if isinstance(result, Outcome) and result.changes:
                    self.changed.emit(result.changes)
                return
            done(result)

        def failed_with(exc: Exception) -> None:
            if op.superseded:
                return
            if gone():  # nobody to hand it to: a write's failure is still said, with no parent
                if op.is_read:  # a read for a closed screen: nobody is waiting for it
                    log.warning("a read for a closed screen failed: %s: %s", type(exc).__name__, exc)
                else:
                    show_problem(None, exc)
                return
            self._show_problem(exc, parent, failed, on_conflict)

        def finished() -> None:
            if dialog is not None:
                dialog.reset()
                dialog.deleteLater()
            self._running.discard(op)
            if key is not None and self._latest.get(key) is op:
                del self._latest[key]
            self._update_cursor()
            op.is_done = True
            op.finished.emit()
            if op.waited and not self.busy:
                self.idle.emit()

        task.succeeded.connect(succeeded)
        task.failed.connect(failed_with)
        task.finished.connect(finished)
        task.start()
        QTimer.singleShot(BUSY_AFTER_MS, self._update_cursor)
        return op

    def _progress_dialog(self, op: Operation, parent: QWidget | None, label: str) -> QProgressDialog:
        dialog = QProgressDialog(label, _("Cancel"), 0, 0, parent)
        dialog.setWindowTitle(label.rstrip("…. "))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(PROGRESS_AFTER_MS)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(op.cancel)

        def progressed(done: int, total: int) -> None:
            if total > 0 and dialog.maximum() != total:
                dialog.setMaximum(total)
            dialog.setValue(min(done, total) if total > 0 else 0)

        op.task.progressed.connect(progressed)
        return dialog

    def _update_cursor(self) -> None:
        """A busy cursor only while something has run past ``BUSY_AFTER_MS``."""
        want = any(op.waited and op.task.age_ms() >= BUSY_AFTER_MS for op in self._running)
        if want and not self._busy_cursor:
            QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
            self._busy_cursor = True
        elif not want and self._busy_cursor:
            QApplication.restoreOverrideCursor()
            self._busy_cursor = False

    def _show_problem(self, exc: Exception, parent: QWidget | None,
                      failed: Callable[[Exception], Any] | None,
                      on_conflict: Callable[[ConflictError], Any] | None) -> None:
        """The one error path of the window."""
        if isinstance(exc, ConflictError) and on_conflict is not None:
            on_conflict(exc)
            return
        if failed is not None:
            failed(exc)
            return
        show_problem(parent, exc)

    # --- waiting (tests, closing, switching database) ------------------------------
    @property
    def busy(self) -> bool:
        """Some operation a person (or a screen) waits for is running; background work aside."""
        return any(op.waited for op in self._running)

    def wait_idle(self, ms: int = 60_000) -> None:
        """Let every running operation finish and deliver its result (background work aside)."""
        if not self.busy:
            return
        loop = QEventLoop()
        self.idle.connect(loop.quit)
        QTimer.singleShot(ms, loop.quit)
        loop.exec()
        self.idle.disconnect(loop.quit)


def show_problem(parent: QWidget | None, exc: Exception) -> None:
    """A message a person can act on; a bug's traceback goes to the log, never on screen."""
    if isinstance(exc, UserError):
        QMessageBox.warning(parent, _("Not done"), str(exc))
        return
    trace = getattr(exc, "__cd_traceback__", None)
    log.error("unexpected problem: %s\n%s", type(exc).__name__, trace or "")
    QMessageBox.critical(
        parent, _("Something went wrong"),
        _("CommunityDesk hit a problem it did not expect, and nothing was changed by the "
          "unfinished step.\n\n{problem}\n\nThe details are in the log file.").format(
            problem=f"{type(exc).__name__}: {exc}"))
