"""The Print menu and what it does: choose a meeting, build the PDF off the UI thread, preview it.

Reading the data and the ReportLab layout both run through the operation runner
behind a progress dialog with Cancel, so a 15,000-name sheet never freezes the
window. A cancelled build is simply discarded. A long document (a 560-page pack)
opens on its first pages (``first_pages.py``) within a second and fills in when
the whole layout is done; Print and Save wait for the whole.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox, QWidget

from communitydesk.errors import UserError
from communitydesk.gui.context import AppContext
from communitydesk.gui.operations import Operation, show_problem
from communitydesk.gui.printing.first_pages import first_pages_of
from communitydesk.i18n import N_, _
from communitydesk.pdf.documents import (
    DocumentData,
    DocumentKind,
    file_stem,
    gather,
    render_alone,
)
from communitydesk.pdf.layout_process import LayoutCancelled, LayoutProcess, Packed, pack

if TYPE_CHECKING:  # the dialogs load when first used, not at start-up
    from sqlalchemy.orm import Session

    from communitydesk.gui.printing.pdf_preview_dialog import PdfPreviewDialog

MENU_ENTRIES = (
    (DocumentKind.SIGN_IN, N_("&Sign-in sheet…"), "Ctrl+Shift+I"),
    (DocumentKind.AGENDA, N_("&Agenda…"), "Ctrl+Shift+A"),
    (DocumentKind.MINUTES, N_("&Minutes…"), "Ctrl+Shift+M"),
    (DocumentKind.PACK, N_("Meeting &pack…"), "Ctrl+Shift+P"),  # Ctrl+P prints the screen in view
    (DocumentKind.REGISTER, N_("Attendance &register…"), "Ctrl+Shift+R"),
)

# Each document's name on screen (DocumentKind.title is the English one).
DOCUMENT_TITLES = {
    DocumentKind.SIGN_IN: N_("Sign-in sheet"), DocumentKind.AGENDA: N_("Agenda"),
    DocumentKind.MINUTES: N_("Minutes"), DocumentKind.PACK: N_("Meeting pack"),
    DocumentKind.REGISTER: N_("Attendance register"),
}


def document_title(kind: DocumentKind) -> str:
    return _(DOCUMENT_TITLES.get(kind, kind.title))


# Documents that run to hundreds of pages in a big group: their layout process starts at once.
LONG_KINDS = frozenset({DocumentKind.SIGN_IN, DocumentKind.PACK, DocumentKind.REGISTER})


@dataclass(frozen=True)
class BuiltDocument:
    pdf: bytes
    pages: int
    data: DocumentData


def lay_out(data: DocumentData, process: LayoutProcess | None = None, key: object = None,
            packed: Packed | None = None) -> BuiltDocument:
    """ReportLab layout of gathered data (no database), on a worker: in ``process`` when
    given (a long document: the window keeps Python's lock; ``packed``: ``data`` ready to
    send), else here, one at a time."""
    try:
        if process is not None:
            pdf, pages = process.lay_out(packed or data, key)
        else:
            pdf, pages = render_alone(data)
    except LayoutCancelled:
        raise
    except Exception as exc:
        raise UserError(_("the document could not be laid out ({problem})").format(
            problem=f"{type(exc).__name__}: {exc}")) from exc
    return BuiltDocument(pdf, pages, data)


def build_document(session: Session, kind: DocumentKind, meeting_id: int | None, *,
                   from_date: date | None, to_date: date | None) -> BuiltDocument:
    """Read and lay out one document (on the runner's worker); touches no widget."""
    return lay_out(gather(session, kind, meeting_id, from_date=from_date, to_date=to_date))


@dataclass(frozen=True)
class WholeDocument:
    """A long document laid out whole, and loaded for the preview on the worker (``QPdfDocument``)."""

    built: BuiltDocument
    document: object


def lay_out_whole(look: FirstLook, process: LayoutProcess, key: object) -> WholeDocument:
    from communitydesk.gui.printing.pdf_preview_dialog import measured_document

    built = lay_out(look.data, process, key, look.packed)
    return WholeDocument(built, measured_document(built.pdf))


@dataclass(frozen=True)
class FirstLook:
    """A big document's first pages, shown while the whole one is laid out (``full`` None),
    or a small document laid out whole at once (``first`` None)."""

    data: DocumentData
    first: BuiltDocument | None
    full: BuiltDocument | None
    packed: Packed | None = None  # ``data`` ready for the layout process


def build_first_look(session: Session, kind: DocumentKind, meeting_id: int | None, *,
                     from_date: date | None, to_date: date | None,
                     process: LayoutProcess | None = None) -> FirstLook:
    """Gather once; lay out only the start of every long list when there is much to print
    (and start ``process``, which will lay out the whole, meanwhile)."""
    data = gather(session, kind, meeting_id, from_date=from_date, to_date=to_date)
    shortened = first_pages_of(data)
    if shortened is data:
        return FirstLook(data, None, lay_out(data))
    if process is None:
        return FirstLook(data, lay_out(shortened), None)
    process.prepare()
    return FirstLook(data, lay_out(shortened), None, pack(data))


class PrintController(QObject):
    """Opens previews for the Print menu; tests call :meth:`preview` directly."""

    preview_started = Signal(object)  # the PdfPreviewDialog, on its first pages or whole
    preview_opened = Signal(object)  # the PdfPreviewDialog, holding the whole document
    build_failed = Signal(str)

    def __init__(self, ctx: AppContext, parent_widget: QWidget) -> None:
        super().__init__(parent_widget)
        self.ctx = ctx
        self.parent_widget = parent_widget
        self.previews: list[PdfPreviewDialog] = []
        self._jobs = itertools.count(1)
        self._building: dict[int, Operation] = {}
        self._filling: dict[int, PdfPreviewDialog] = {}  # first pages shown, the whole laid out
        self.layout = LayoutProcess()  # where long documents are laid out
        parent_widget.destroyed.connect(lambda _gone=None, layout=self.layout: layout.stop())

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
            self.ctx, document=document_title(kind), prefer_past=kind is DocumentKind.MINUTES,
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
        job = next(self._jobs)

        def build(session: Session, _progress: object) -> FirstLook:
            if kind in LONG_KINDS:  # the layout process loads ReportLab while the data is read
                self.layout.prepare()
            return build_first_look(session, kind, meeting_id, from_date=from_date, to_date=to_date,
                                    process=self.layout)

        # A write: the first print of a sign-in sheet (or a pack) fixes its row numbers.
        self._building[job] = self.ctx.ops.write(
            build, parent=self.parent_widget, progress=_("Preparing: {document}…").format(document=document_title(kind)),
            done=lambda look: self._first_look(job, kind, look),
            failed=lambda exc: self._failed(job, kind, exc))
        return job

    def _first_look(self, job: int, kind: DocumentKind, look: FirstLook) -> None:
        """A small document opens whole; a big one opens on its first pages, then fills in."""
        if look.full is not None or look.first is None:
            assert look.full is not None
            self._show(job, kind, look.full)
            return
        if job not in self._building:  # cancelled meanwhile
            return
        dialog = self._open(kind, look.first, complete=False)
        process = self.layout
        self._filling[job] = dialog
        self._building[job] = self.ctx.ops.read(
            lambda _session: lay_out_whole(look, process, job), parent=dialog, key=f"print-{job}",
            done=lambda built: self._filled_in(job, dialog, built),
            failed=lambda exc: self._failed(job, kind, exc))

    def cancel(self, job: int) -> None:
        """Stop a build: its result is discarded, and a whole layout under way stops."""
        op = self._building.pop(job, None)
        if op is not None:
            op.cancel()
        if self._filling.pop(job, None) is not None:
            self.layout.cancel(job)

    def _failed(self, job: int, kind: DocumentKind, exc: Exception) -> None:
        self._building.pop(job, None)
        self._filling.pop(job, None)
        if isinstance(exc, LayoutCancelled):
            return
        if not isinstance(exc, UserError):
            show_problem(self.parent_widget, exc)
            return
        self.build_failed.emit(str(exc))
        QMessageBox.warning(self.parent_widget, document_title(kind), _("Cannot print: {reason}").format(reason=exc))

    def _show(self, job: int, kind: DocumentKind, result: BuiltDocument) -> None:
        if self._building.pop(job, None) is None:  # cancelled meanwhile
            return
        self.preview_opened.emit(self._open(kind, result, complete=True))

    def _filled_in(self, job: int, dialog: PdfPreviewDialog, result: WholeDocument) -> None:
        self._filling.pop(job, None)
        if self._building.pop(job, None) is None:
            return
        dialog.show_complete(result.built.pdf, result.document)
        self.preview_opened.emit(dialog)

    def _open(self, kind: DocumentKind, result: BuiltDocument, *, complete: bool) -> PdfPreviewDialog:
        from communitydesk.gui.printing.pdf_preview_dialog import PdfPreviewDialog

        folder = self.ctx.gui_settings.printing_last_folder
        dialog = PdfPreviewDialog(result.pdf, title=document_title(kind), file_name=file_stem(kind, result.data),
                                  start_folder=str(folder or ""), parent=self.parent_widget,
                                  complete=complete)
        dialog.finished.connect(lambda _=0, d=dialog: self._closed(d))
        self.previews.append(dialog)
        dialog.show()
        self.preview_started.emit(dialog)
        return dialog

    def _closed(self, dialog: PdfPreviewDialog) -> None:
        for job in [job for job, filling in self._filling.items() if filling is dialog]:
            self.cancel(job)  # closed on its first pages: the rest is not wanted
        if dialog.saved_to is not None:
            self.ctx.gui_settings.printing_last_folder = str(dialog.saved_to.parent)
        if dialog in self.previews:
            self.previews.remove(dialog)
        dialog.deleteLater()


def build_print_menu(window: QMainWindow, ctx: AppContext) -> tuple[QMenu, PrintController]:
    """Add the Print menu to ``window``'s menu bar (call before the Help menu is added)."""
    controller = PrintController(ctx, window)
    menu = window.menuBar().addMenu(_("&Print"))
    for kind, label, shortcut in MENU_ENTRIES:
        action = QAction(_(label), window)
        action.setShortcut(QKeySequence(shortcut))
        action.setData(kind.value)
        action.triggered.connect(lambda _=False, k=kind: controller.choose_and_preview(k))
        menu.addAction(action)
    menu.addSeparator()
    from communitydesk.gui.outreach.menu import add_outreach_actions  # #18: labels, badges, letters

    add_outreach_actions(menu, ctx, window)
    menu.addSeparator()
    settings = QAction(_("Print se&ttings…"), window)
    settings.triggered.connect(controller.edit_settings)
    menu.addAction(settings)
    return menu, controller
