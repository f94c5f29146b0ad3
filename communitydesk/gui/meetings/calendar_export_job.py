"""Write the .ics file on a worker thread, with progress and Cancel: rendering thousands of
meetings takes seconds, and the window must stay responsive meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QThread, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from communitydesk.errors import UserError
from communitydesk.services.calendar_export import CalendarData, write_calendar


class CalendarExportJob(QThread):
    progressed = Signal(int, int)
    succeeded = Signal(int)
    failed = Signal(str)

    def __init__(self, data: CalendarData, target: Path, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.data = data
        self.target = target
        self._cancelled = False

    def cancel(self) -> None:
        self._cancelled = True

    def _progress(self, done: int, total: int) -> bool:
        self.progressed.emit(done, total)
        return not self._cancelled

    def run(self) -> None:
        try:
            count = write_calendar(self.data, self.target, progress=self._progress)
        except UserError as exc:
            self.failed.emit(str(exc))
            return
        except Exception as exc:  # noqa: BLE001 - reported to the person, never a silent thread death
            self.failed.emit(f"unexpected problem: {exc}")
            return
        self.succeeded.emit(count)


def start_calendar_export(parent: QWidget, data: CalendarData, target: Path, *,
                          on_done: Callable[[bool, str], None]) -> CalendarExportJob:
    """Start the job under a progress dialog whose Cancel stops it; errors get a message box."""
    job = CalendarExportJob(data, target, parent)
    progress = QProgressDialog("Writing the calendar file…", "Cancel", 0, max(1, len(data.events)), parent)
    progress.setWindowTitle("Export calendar")
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(400)
    progress.canceled.connect(job.cancel)
    job.progressed.connect(lambda done, total: progress.setValue(done))

    def finished(ok: bool, message: str) -> None:
        progress.reset()
        progress.deleteLater()
        if not ok and "cancelled" not in message:
            QMessageBox.warning(parent, "Export calendar", message)
        on_done(ok, message)
    job.succeeded.connect(lambda n: finished(True, f"{n} meetings saved to {target}"))
    job.failed.connect(lambda message: finished(False, message))
    job.finished.connect(job.deleteLater)
    job.start()
    return job
