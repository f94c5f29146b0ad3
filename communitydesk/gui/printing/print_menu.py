"""The Print menu and what it does: choose a meeting, build the PDF off the UI thread, preview it.

Reading the data (its own short session) and the ReportLab layout both run on a
worker thread behind a progress dialog with Cancel, so a 15,000-name sheet never
freezes the window. A cancelled build is simply discarded.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox, QProgressDialog, QWidget

from communitydesk.errors import UserError
from communitydesk.gui.context import AppContext
from communitydesk.pdf.documents import DocumentData, DocumentKind, file_stem, gather, render_bytes

if TYPE_CHECKING:  # the dialogs load when first used, not at start-up
    from communitydesk.gui.printing.pdf_preview_dialog import PdfPreviewDialog

MENU_ENTRIES = (
    (DocumentKind.SIGN_IN, "&Sign-in sheet…", "Ctrl+Shift+I"),
    (DocumentKind.AGENDA, "&Agenda…", "Ctrl+Shift+A"),
    (DocumentKind.MINUTES, "&Minutes…", "Ctrl+Shift+M"),
    (DocumentKind.PACK, "Meeting &pack…", "Ctrl+Shift+P"),  # Ctrl+P prints the screen in view
    (DocumentKind.REGISTER, "Attendance &register…", "Ctrl+Shift+R"),
)


class _BuildSignals(QObject):
    done = Signal(int)  # job number; only plain ints cross threads, results wait in a box


@dataclass(frozen=True)
class BuiltDocument:
    pdf: bytes
    pages: int
    data: DocumentData


BuildResult = BuiltDocument | str  # a message when the build failed


class _ResultBox:
    """Finished builds by job number, handed from the pool thread to the UI thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._results: dict[int, BuildResult] = {}

    def put(self, job: int, result: BuildResult) -> None:
        with self._lock:
            self._results[job] = result

    def take(self, job: int) -> BuildResult | None:
        with self._lock:
            return self._results.pop(job, None)


class PdfBuildTask(QRunnable):
    """Read and lay out one document on a pool thread; touches no widget."""

    def __init__(self, job: int, read: Callable[[], DocumentData], box: _ResultBox,
                 signals: _BuildSignals) -> None:
        super().__init__()
        self.job, self.read, self.box, self.signals = job, read, box, signals

    def run(self) -> None:
        result: BuildResult
        try:
            data = self.read()
            pdf, pages = render_bytes(data)
            result = BuiltDocument(pdf, pages, data)
        except UserError as exc:  # e.g. the meeting was deleted meanwhile
            result = str(exc)
        except Exception as exc:  # noqa: BLE001 - shown to the person, not lost in a thread
            result = f"the document could not be laid out ({type(exc).__name__}: {exc})"
        self.box.put(self.job, result)
        self.signals.done.emit(self.job)


class PrintController(QObject):
    """Opens previews for the Print menu; tests call :meth:`preview` directly."""

    preview_opened = Signal(object)  # the PdfPreviewDialog
    build_failed = Signal(str)

    def __init__(self, ctx: AppContext, parent_widget: QWidget) -> None:
        super().__init__(parent_widget)
        self.ctx = ctx
        self.parent_widget = parent_widget
        self.previews: list[PdfPreviewDialog] = []
        self._box = _ResultBox()
        self._signals = _BuildSignals(self)
        self._signals.done.connect(self._on_done)
        self._jobs = itertools.count(1)
        # One build at a time: ReportLab keeps per-font state that is not made for threads.
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._pending: dict[int, tuple[DocumentKind, QProgressDialog]] = {}

    # --- menu actions --------------------------------------------------------------
    def choose_and_preview(self, kind: DocumentKind) -> None:
        from communitydesk.gui.printing.meeting_chooser_dialog import MeetingChooserDialog
        from communitydesk.gui.printing.print_dialogs import RegisterPeriodDialog

        if kind is DocumentKind.REGISTER:
            period = RegisterPeriodDialog.ask(self.parent_widget)
            if period is not None:
                self.preview(kind, from_date=period[0], to_date=period[1])
            return
        meeting_id = MeetingChooserDialog.ask(
            self.ctx, document=kind.title, prefer_past=kind is DocumentKind.MINUTES,
            parent=self.parent_widget)
        if meeting_id is not None:
            self.preview(kind, meeting_id)

    def edit_settings(self) -> None:
        from communitydesk.gui.printing.print_dialogs import PrintSettingsDialog

        PrintSettingsDialog.ask(self.ctx, self.parent_widget)

    # --- build and show ------------------------------------------------------------
    def preview(self, kind: DocumentKind, meeting_id: int | None = None, *,
                from_date: date | None = None, to_date: date | None = None) -> int:
        """Start building ``kind``; the preview opens when it is ready. Returns the job number."""
        db = self.ctx.db

        def read() -> DocumentData:
            with db.session() as session:  # a session of the worker thread's own
                return gather(session, kind, meeting_id, from_date=from_date, to_date=to_date)

        job = next(self._jobs)
        progress = QProgressDialog(f"Preparing the {kind.title.lower()}…", "Cancel", 0, 0,
                                   self.parent_widget)
        progress.setWindowTitle(kind.title)
        progress.setMinimumDuration(400)  # only shows up for builds that take a while
        progress.canceled.connect(lambda: self.cancel(job))
        self._pending[job] = (kind, progress)
        self._pool.start(PdfBuildTask(job, read, self._box, self._signals))
        return job

    def cancel(self, job: int) -> None:
        entry = self._pending.pop(job, None)
        if entry is not None:
            entry[1].close()
            entry[1].deleteLater()

    def _on_done(self, job: int) -> None:
        result = self._box.take(job)
        entry = self._pending.pop(job, None)
        if entry is None or result is None:  # cancelled meanwhile
            return
        kind, progress = entry
        progress.close()
        progress.deleteLater()
        if isinstance(result, str):
            self.build_failed.emit(result)
            QMessageBox.warning(self.parent_widget, kind.title, f"Cannot print: {result}")
            return
        from communitydesk.gui.printing.pdf_preview_dialog import PdfPreviewDialog

        folder = self.ctx.gui_settings.value("printing/last_folder", "")
        dialog = PdfPreviewDialog(result.pdf, title=kind.title, file_name=file_stem(kind, result.data),
                                  start_folder=str(folder or ""), parent=self.parent_widget)
        dialog.finished.connect(lambda _=0, d=dialog: self._closed(d))
        self.previews.append(dialog)
        dialog.show()
        self.preview_opened.emit(dialog)

    def _closed(self, dialog: PdfPreviewDialog) -> None:
        if dialog.saved_to is not None:
            self.ctx.gui_settings.setValue("printing/last_folder", str(dialog.saved_to.parent))
        if dialog in self.previews:
            self.previews.remove(dialog)
        dialog.deleteLater()


def build_print_menu(window: QMainWindow, ctx: AppContext) -> tuple[QMenu, PrintController]:
    """Add the Print menu to ``window``'s menu bar (call before the Help menu is added)."""
    controller = PrintController(ctx, window)
    menu = window.menuBar().addMenu("&Print")
    for kind, label, shortcut in MENU_ENTRIES:
        action = QAction(label, window)
        action.setShortcut(QKeySequence(shortcut))
        action.setData(kind.value)
        action.triggered.connect(lambda _=False, k=kind: controller.choose_and_preview(k))
        menu.addAction(action)
    menu.addSeparator()
    settings = QAction("Print se&ttings…", window)
    settings.triggered.connect(controller.edit_settings)
    menu.addAction(settings)
    return menu, controller
