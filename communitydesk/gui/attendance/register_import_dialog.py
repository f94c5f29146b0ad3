"""Import an old register spreadsheet: choose the file, preview what it would do, then import.

The import runs on a worker thread with progress and Cancel; it is one transaction,
so Cancel (or any error) leaves the database exactly as it was. The preview runs
the same import and rolls it back.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from communitydesk.db.engine import Database
from communitydesk.errors import UserError
from communitydesk.gui.context import AppContext
from communitydesk.services.attendance_import import (
    DEFAULT_TITLE,
    RegisterImportResult,
    import_register_file,
)


class _Rollback(Exception):
    """Raised inside the session to discard a preview."""


class RegisterImportWorker(QObject):
    """Runs one import (or preview) off the UI thread."""

    progress = Signal(int, int)
    finished = Signal(object)  # RegisterImportResult
    failed = Signal(str)

    def __init__(self, db: Database, path: str, *, title: str, monthfirst: bool, preview: bool) -> None:
        super().__init__()
        self.db, self.path, self.title, self.monthfirst, self.preview = db, path, title, monthfirst, preview
        self.cancelled = False

    def _progress(self, done: int, total: int) -> bool:
        self.progress.emit(done, total)
        return not self.cancelled

    def run(self) -> None:
        result: RegisterImportResult | None = None
        try:
            with self.db.session() as session:
                result = import_register_file(session, self.path, title=self.title,
                                              monthfirst=self.monthfirst, progress=self._progress)
                if self.preview:
                    raise _Rollback
        except _Rollback:
            pass
        except UserError as exc:
            self.failed.emit(str(exc))
            return
        except Exception as exc:  # noqa: BLE001 - shown to the person; nothing was written
            self.failed.emit(f"unexpected problem: {exc}; nothing was changed")
            return
        finally:
            self.thread().quit()
        self.finished.emit(result)


class RegisterImportDialog(QDialog):
    completed = Signal()  # a preview or import finished or failed; the report says which

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.result_summary: RegisterImportResult | None = None
        self._thread: QThread | None = None
        self._worker: RegisterImportWorker | None = None
        self.setWindowTitle("Import an old attendance register")
        self.resize(640, 460)

        self.path = QLineEdit(placeholderText="A CSV or Excel file: one row a person, one column a meeting date")
        browse = QPushButton("Choose…")
        browse.clicked.connect(self.choose_file)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(browse)
        self.title = QLineEdit(DEFAULT_TITLE)
        self.monthfirst = QCheckBox("Dates are month-first (US style, 01/31/2026)")
        form = QFormLayout()
        form.addRow("File", file_row)
        form.addRow("Title for new meetings", self.title)
        form.addRow("", self.monthfirst)

        self.report = QPlainTextEdit(readOnly=True)
        self.report.setPlaceholderText("Preview first: nothing is saved until you press Import. "
                                       "Importing the same file again changes nothing.")
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.buttons = QDialogButtonBox()
        self.preview_button = self.buttons.addButton("Preview", QDialogButtonBox.ButtonRole.ActionRole)
        self.import_button = self.buttons.addButton("Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("primary")
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.preview_button.clicked.connect(lambda: self.start(preview=True))
        self.import_button.clicked.connect(lambda: self.start(preview=False))
        self.cancel_button.clicked.connect(self.cancel)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.report, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Old attendance register", "",
                                              "Spreadsheets (*.csv *.xlsx *.txt *.tsv);;All files (*)")
        if path:
            self.path.setText(path)

    def start(self, *, preview: bool) -> None:
        if not self.path.text().strip():
            self.report.setPlainText("Choose the register file first.")
            return
        if self._thread is not None:
            return
        self._preview = preview
        self._thread = QThread(self)
        self._worker = RegisterImportWorker(self.ctx.db, self.path.text().strip(), title=self.title.text(),
                                            monthfirst=self.monthfirst.isChecked(), preview=preview)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progress.connect(self._on_progress)
        self._worker.finished.connect(self._on_finished)
        self._worker.failed.connect(self._on_failed)
        self.progress.setVisible(True)
        self.progress.setRange(0, 0)
        self.preview_button.setEnabled(False)
        self.import_button.setEnabled(False)
        self._thread.start()

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _stop_thread(self) -> None:
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()
            self._thread = None
            self._worker = None
        self.progress.setVisible(False)
        self.preview_button.setEnabled(True)
        self.import_button.setEnabled(True)

    def _on_finished(self, result: RegisterImportResult) -> None:
        self._stop_thread()
        if self._preview:
            self.report.setPlainText("Preview (nothing saved yet):\n" + result.summary())
            self.completed.emit()
            return
        self.result_summary = result
        self.report.setPlainText("Imported:\n" + result.summary())
        self.ctx.announce("attendance", "members", "meetings")
        self.import_button.setEnabled(False)
        self.cancel_button.setText("Close")
        self.completed.emit()

    def _on_failed(self, message: str) -> None:
        self._stop_thread()
        self.report.setPlainText(f"Nothing was imported.\n{message}")
        self.completed.emit()

    def cancel(self) -> None:
        if self._worker is not None:
            self._worker.cancelled = True
            return
        if self.result_summary is not None:
            self.accept()
        else:
            self.reject()

    def closeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        if self._worker is not None:
            self._worker.cancelled = True
            QMessageBox.information(self, "Import running", "Stopping the import; nothing will be changed.")
            event.ignore()
            return
        super().closeEvent(event)
