"""Report work off the UI thread: a QRunnable with finished/failed/progress signals and Cancel.

The job opens its own short database session inside ``run``; results come back
to the UI thread through queued signals as plain report objects.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class JobSignals(QObject):
    finished = Signal(object)
    failed = Signal(object)
    progress = Signal(int, int)


class ReportJob(QRunnable):
    """Runs ``work(job)``; ``job.keep_going(done, total)`` reports progress and says if cancelled."""

    def __init__(self, work: Callable[[ReportJob], Any]) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.work = work
        self.signals = JobSignals()
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def keep_going(self, done: int, total: int) -> bool:
        self.signals.progress.emit(done, total)
        return not self._cancel.is_set()

    def run(self) -> None:
        try:
            result = self.work(self)
        except BaseException as exc:  # noqa: BLE001 - handed to the UI thread to show
            self.signals.failed.emit(exc)
        else:
            self.signals.finished.emit(result)


def start(job: ReportJob, pool: QThreadPool | None = None) -> ReportJob:
    (pool or QThreadPool.globalInstance()).start(job)
    return job
