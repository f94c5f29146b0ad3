"""Preview a built PDF inside the app (QtPdf), then print it or save it.

Printing renders each page of the very PDF shown (at 300 dpi) onto the system
printer, so what comes out of the printer is what was previewed.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QRect,
    QSize,
    QSizeF,
    Qt,
)
from PySide6.QtGui import QKeySequence, QPageLayout, QPageSize, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from communitydesk.gui.common.focus_frame import show_focus
from communitydesk.i18n import N_, _, ngettext

PRINT_DPI = 300  # sharp text without page images of hundreds of megabytes
_ZOOM_STEP = 1.25


PAGES_BETWEEN_PAUSES = 16  # about a millisecond of pdfium's work


def _pause() -> None:
    """Let the window have Python's lock: the measuring loop alone kept it 30-60 ms."""
    time.sleep(0)


def measured_document(pdf: bytes) -> QPdfDocument:
    """``pdf`` loaded with every page's size measured, on a worker thread, then handed to the
    window's thread. Why: a view showing a 559-page pack asks each page's size as it lays
    them out (~150 ms on the window's thread); pdfium keeps the sizes once asked (#14)."""
    document = QPdfDocument()
    buffer = QBuffer(document)  # moves with the document
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    for page in range(document.pageCount()):
        document.pagePointSize(page)
        if page % PAGES_BETWEEN_PAUSES == PAGES_BETWEEN_PAUSES - 1:
            _pause()
    app = QCoreApplication.instance()
    if app is not None and document.thread() is not app.thread():
        document.moveToThread(app.thread())
    return document


class PdfPreviewDialog(QDialog):
    """Shows the pages; Print… (Ctrl+P), Save as PDF… (Ctrl+S), zoom, Close (Esc)."""

    def __init__(self, pdf: bytes, *, title: str, file_name: str, start_folder: str = "",
                 parent: QWidget | None = None, complete: bool = True) -> None:
        """``complete=False``: ``pdf`` is only the first pages of a long document; Print and
        Save wait for ``show_complete`` (what is printed is always the whole document)."""
        super().__init__(parent)
        self.complete = complete
        self.setWindowTitle(_("{title} — preview").format(title=title))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.pdf = pdf
        self.file_name = file_name if file_name.endswith(".pdf") else f"{file_name}.pdf"
        self.start_folder = start_folder
        self.saved_to: Path | None = None

        self.document = QPdfDocument(self)
        self._buffer = self._load(pdf)

        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        show_focus(self.view)  # #19: the style draws no focus on a PDF view
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)

        self.print_button = QPushButton(_("Print…"))
        self.print_button.setObjectName("primary")
        self.print_button.setToolTip(_("Print on paper (Ctrl+P)"))
        self.print_button.clicked.connect(self.print_with_dialog)
        self.save_button = QPushButton(_("Save as PDF…"))
        self.save_button.setToolTip(_("Save a copy to send by email (Ctrl+S)"))
        self.save_button.clicked.connect(self.save_with_dialog)
        self.fit_width_button = QPushButton(_("Fit &width"))
        self.fit_width_button.clicked.connect(self.fit_width)
        self.whole_page_button = QPushButton(_("Whole &page"))
        self.whole_page_button.clicked.connect(self.whole_page)
        zoom_out = QPushButton("−")
        zoom_out.setToolTip(_("Zoom out (Ctrl+−)"))
        zoom_out.setAccessibleName(_("Zoom out"))
        zoom_out.clicked.connect(lambda: self.zoom_by(1 / _ZOOM_STEP))
        zoom_in = QPushButton("+")
        zoom_in.setToolTip(_("Zoom in (Ctrl++)"))
        zoom_in.setAccessibleName(_("Zoom in"))
        zoom_in.clicked.connect(lambda: self.zoom_by(_ZOOM_STEP))
        for button in (zoom_out, zoom_in):
            button.setFixedWidth(32)
            button.setFixedWidth(max(32, button.sizeHint().height()))  # square, as large as the font (#19)
        close = QPushButton(_("&Close"))
        close.clicked.connect(self.reject)
        self.info = QLabel(self._info_text())
        self.info.setObjectName("countLabel")

        bar = QHBoxLayout()
        bar.addWidget(self.print_button)
        bar.addWidget(self.save_button)
        bar.addSpacing(16)
        bar.addWidget(self.fit_width_button)
        bar.addWidget(self.whole_page_button)
        bar.addWidget(zoom_out)
        bar.addWidget(zoom_in)
        bar.addStretch(1)
        bar.addWidget(self.info)
        bar.addSpacing(12)
        bar.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

        for keys, slot in ((QKeySequence.StandardKey.Print, self.print_with_dialog),
                           (QKeySequence.StandardKey.Save, self.save_with_dialog),
                           (QKeySequence.StandardKey.ZoomIn, lambda: self.zoom_by(_ZOOM_STEP)),
                           (QKeySequence.StandardKey.ZoomOut, lambda: self.zoom_by(1 / _ZOOM_STEP))):
            QShortcut(QKeySequence(keys), self, activated=slot)
        self.resize(900, 1000)
        self.print_button.setFocus()
        self._enable_output()

    def _load(self, pdf: bytes) -> QBuffer:
        buffer = QBuffer(self)
        buffer.setData(QByteArray(pdf))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(buffer)
        return buffer

    def _enable_output(self) -> None:
        for button in (self.print_button, self.save_button):
            button.setEnabled(self.complete)
        self.info.setText(self._info_text())

    def show_complete(self, pdf: bytes, document: QPdfDocument) -> None:
        """The whole document has been laid out: show it where the reader is, allow printing.
        ``document``: ``pdf`` already loaded and measured on a worker (``measured_document``)."""
        scrolled = self.view.verticalScrollBar().value()
        self.pdf = pdf
        old_document = self.document
        document.setParent(self)
        self.document = document
        self.view.setDocument(document)
        old_document.deleteLater()  # its buffer is the dialog's: it stays until the dialog goes
        self.complete = True
        self._enable_output()
        self.view.verticalScrollBar().setValue(scrolled)

    # --- what is shown -----------------------------------------------------------
    def page_count(self) -> int:
        return self.document.pageCount()

    def _info_text(self) -> str:
        if not self.complete:
            return _("Only the first pages so far (counts are not final) · preparing the rest…")
        count = self.page_count()
        paper = ""
        if count:
            size = self.document.pagePointSize(0)
            paper = f" · {_paper_name(size.width(), size.height())}"
        return ngettext("{count} page", "{count} pages", count).format(count=count) + paper

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    def whole_page(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)

    def zoom_by(self, factor: float) -> None:
        factor = max(0.2, min(5.0, self.view.zoomFactor() * factor))
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(factor)

    # --- save ----------------------------------------------------------------------
    def save_to(self, path: Path) -> None:
        path = Path(path)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        path.write_bytes(self.pdf)
        self.saved_to = path

    def save_with_dialog(self) -> None:
        if not self.complete:  # only the first pages are in: wait for the whole document
            return
        start = str(Path(self.start_folder) / self.file_name) if self.start_folder else self.file_name
        chosen, _filter = QFileDialog.getSaveFileName(self, _("Save as PDF"), start, _("PDF files (*.pdf)"))
        if not chosen:
            return
        try:
            self.save_to(Path(chosen))
        except OSError as exc:
            QMessageBox.warning(self, _("Cannot save"), _("Could not save {path}:\n{reason}").format(
                path=chosen, reason=exc.strerror or exc))

    # --- print ---------------------------------------------------------------------
    def make_printer(self) -> QPrinter:
        """A printer set to the document's paper and orientation, printing every page."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.file_name.removesuffix(".pdf"))
        if self.page_count():
            size = self.document.pagePointSize(0)
            landscape = size.width() > size.height()
            portrait = QSizeF(min(size.width(), size.height()), max(size.width(), size.height()))
            printer.setPageSize(QPageSize(portrait, QPageSize.Unit.Point))  # fuzzy: A4 is A4
            printer.setPageOrientation(QPageLayout.Orientation.Landscape if landscape
                                      else QPageLayout.Orientation.Portrait)
        printer.setFullPage(True)
        printer.setFromTo(1, max(1, self.page_count()))
        return printer

    def print_with_dialog(self) -> None:
        if not self.complete:  # only the first pages are in: wait for the whole document
            return
        printer = self.make_printer()
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, max(1, self.page_count()))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            self.print_to(printer)
        except RuntimeError as exc:
            QMessageBox.warning(self, _("Cannot print"), str(exc))

    def print_to(self, printer: QPrinter) -> int:
        """Render the chosen pages onto ``printer``; returns how many pages were sent."""
        count = self.page_count()
        first = max(1, printer.fromPage() or 1)
        last = min(count, printer.toPage() or count)
        painter = QPainter()
        if not painter.begin(printer):
            raise RuntimeError(_("the printer could not be started; check it is connected"))
        sent = 0
        try:
            for number in range(first, last + 1):
                if sent:
                    printer.newPage()
                self._paint_page(painter, number - 1)
                sent += 1
        finally:
            painter.end()
        return sent

    def _paint_page(self, painter: QPainter, index: int) -> None:
        points = self.document.pagePointSize(index)
        image = self.document.render(
            index, QSize(round(points.width() * PRINT_DPI / 72), round(points.height() * PRINT_DPI / 72)))
        area = painter.viewport()
        scale = min(area.width() / image.width(), area.height() / image.height())
        width, height = round(image.width() * scale), round(image.height() * scale)
        target = QRect(area.x() + (area.width() - width) // 2, area.y() + (area.height() - height) // 2,
                       width, height)
        painter.drawImage(target, image)


def _paper_name(width: float, height: float) -> str:
    short, long = sorted((width, height))
    landscape = width > height
    for name, (w, h) in (("A4", (595.3, 841.9)), (N_("Letter"), (612.0, 792.0))):
        if abs(short - w) < 2 and abs(long - h) < 2:
            return (_("{paper} landscape") if landscape else _("{paper} portrait")).format(paper=_(name))
    return _("{width} × {height} pt").format(width=round(width), height=round(height))
