"""Import an old register spreadsheet: choose the file, preview what it would do, then import.

The import shows progress per person and can be cancelled; it is one transaction,
so Cancel (or any error) leaves the database exactly as it was. The preview runs
the same import and rolls it back. It runs on the UI thread, yielding to the event
loop between people: a register is at most a few thousand rows, and a Python worker
thread beside the Qt event loop crashed PySide6 6.12 on Python 3.11 here (a
refcount race on None, "none_dealloc"), so no thread is used.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QApplication,
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
    Progress,
    RegisterImportResult,
    import_register_file,
)


class _Rollback(Exception):
    """Raised inside the session to discard a preview."""


def run_register_import(db: Database, path: str, *, title: str, monthfirst: bool, preview: bool,
                        progress: Progress) -> RegisterImportResult:
    """One import in one transaction; a preview is rolled back. Raises ``UserError``."""
    result: RegisterImportResult | None = None
    try:
        with db.session() as session:
            result = import_register_file(session, path, title=title, monthfirst=monthfirst, progress=progress)
            if preview:
                raise _Rollback
    except _Rollback:
        pass
    assert result is not None
    return result


class RegisterImportDialog(QDialog):
    completed = Signal()  # a preview or import finished or failed; the report says which

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.result_summary: RegisterImportResult | None = None
        self._running = False
        self._cancelled = False
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
        if self._running:
            return
        self._running, self._cancelled = True, False
        self.progress.setVisible(True)
        self.progress.setRange(0, 0)
        self.preview_button.setEnabled(False)
        self.import_button.setEnabled(False)
        try:
            if not preview and self.ctx.db.is_sqlite:  # it may correct existing entries
                self.ctx.db.backup(reason="before-register-import")
            result = run_register_import(self.ctx.db, self.path.text().strip(), title=self.title.text(),
                                         monthfirst=self.monthfirst.isChecked(), preview=preview,
                                         progress=self._on_progress)
        except UserError as exc:
            self.report.setPlainText(f"Nothing was imported.\n{exc}")
            result = None
        except Exception as exc:  # noqa: BLE001 - shown to the person; the transaction rolled back
            self.report.setPlainText(f"Nothing was imported: unexpected problem: {exc}")
            result = None
        finally:
            self._running = False
            self.progress.setVisible(False)
            self.preview_button.setEnabled(True)
            self.import_button.setEnabled(True)
        if result is not None and preview:
            self.report.setPlainText("Preview (nothing saved yet):\n" + result.summary())
        elif result is not None:
            self.result_summary = result
            self.report.setPlainText("Imported:\n" + result.summary())
            self.ctx.announce("attendance", "members", "meetings")
            self.import_button.setEnabled(False)
            self.cancel_button.setText("Close")
        self.completed.emit()

    def _on_progress(self, done: int, total: int) -> bool:
        """Called per person: update the bar and let the Cancel button be pressed."""
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        QApplication.processEvents()
        return not self._cancelled

    def cancel(self) -> None:
        if self._running:
            self._cancelled = True
            return
        if self.result_summary is not None:
            self.accept()
        else:
            self.reject()

    def closeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        if self._running:
            self._cancelled = True
            QMessageBox.information(self, "Import running", "Stopping the import; nothing will be changed.")
            event.ignore()
            return
        super().closeEvent(event)
