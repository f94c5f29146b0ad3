"""Write the .ics file on a worker thread, with progress and Cancel: rendering thousands of
meetings takes seconds, and the window must stay responsive meanwhile.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QThread, Signal

from communitydesk.errors import UserError
from communitydesk.gui.signals import emit
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
        emit(self.progressed, done, total)
        return not self._cancelled

    def run(self) -> None:
        try:
            count = write_calendar(self.data, self.target, progress=self._progress)
        except UserError as exc:
            emit(self.failed, str(exc))
            return
        except Exception as exc:  # noqa: BLE001 - reported to the person, never a silent thread death
            emit(self.failed, f"unexpected problem: {exc}")
            return
        emit(self.succeeded, count)
