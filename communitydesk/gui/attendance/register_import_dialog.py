"""Import an old register spreadsheet: choose the file, preview what it would do, then import.

Both run through the operation runner on a worker thread, with a progress dialog and
Cancel: the window keeps painting. The import is one transaction, so Cancel (or any
error) leaves the database exactly as it was; the preview runs the same import and
rolls it back. A SQLite database is backed up first (the import may correct existing
entries), on the worker too.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
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
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from communitydesk.errors import UserError
from communitydesk.gui.accessibility import name_form_rows
from communitydesk.gui.context import AppContext
from communitydesk.gui.operations import Operation, show_problem
from communitydesk.i18n import _
from communitydesk.services.attendance.importing import (
    DEFAULT_TITLE,
    Progress,
    RegisterImportResult,
    import_register_file,
)


def register_import_job(path: str, *, title: str, monthfirst: bool,
                        preview: bool):  # noqa: ANN201 - a job for ``ops.write(..., progress=...)``
    """One import in the runner's one transaction; a preview is rolled back, an import backed up first."""

    def job(session, progress: Progress) -> RegisterImportResult:  # noqa: ANN001 - a Session
        return import_register_file(session, path, title=title, monthfirst=monthfirst,
                                    progress=progress, preview=preview)

    return job


class RegisterImportDialog(QDialog):
    completed = Signal()  # a preview or import finished or failed; the report says which

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.result_summary: RegisterImportResult | None = None
        self.running: Operation | None = None
        self.setWindowTitle(_("Import an old attendance register"))
        self.resize(640, 460)

        self.path = QLineEdit(placeholderText=_("A CSV or Excel file: one row a person, one column a meeting date"))
        self.path.setAccessibleName(_("File"))
        browse = QPushButton(_("&Choose…"))
        browse.clicked.connect(self.choose_file)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(browse)
        self.title = QLineEdit(DEFAULT_TITLE)
        self.monthfirst = QCheckBox(_("Dates are month-first (US style, 01/31/2026)"))
        form = QFormLayout()
        form.addRow(_("File"), file_row)
        form.addRow(_("Title for new meetings"), self.title)
        form.addRow("", self.monthfirst)
        name_form_rows(form)

        self.report = QPlainTextEdit(readOnly=True)
        self.report.setAccessibleName(_("What the import found"))
        self.report.setPlaceholderText(_("Preview first: nothing is saved until you press Import. "
                                         "Importing the same file again changes nothing."))
        self.buttons = QDialogButtonBox()
        self.preview_button = self.buttons.addButton(_("Pre&view"), QDialogButtonBox.ButtonRole.ActionRole)
        self.import_button = self.buttons.addButton(_("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("primary")
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.preview_button.clicked.connect(lambda: self.start(preview=True))
        self.import_button.clicked.connect(lambda: self.start(preview=False))
        self.cancel_button.clicked.connect(self.cancel)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.report, 1)
        layout.addWidget(self.buttons)

    def choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, _("Old attendance register"), "",
                                                    _("Spreadsheets (*.csv *.xlsx *.txt *.tsv);;All files (*)"))
        if path:
            self.path.setText(path)

    def start(self, *, preview: bool) -> None:
        if not self.path.text().strip():
            self.report.setPlainText(_("Choose the register file first."))
            return
        if self.running is not None:
            return
        self.preview_button.setEnabled(False)
        self.import_button.setEnabled(False)
        job = register_import_job(self.path.text().strip(), title=self.title.text(),
                                  monthfirst=self.monthfirst.isChecked(), preview=preview)
        self.running = self.ctx.ops.write(job, parent=self, progress=_("Previewing the register…") if preview
                                          else _("Importing the register…"),
                                          done=lambda result: self._finished(result, preview=preview),
                                          failed=self._failed)
        self.running.finished.connect(self._stopped)

    def _finished(self, result: RegisterImportResult, *, preview: bool) -> None:
        if preview:
            self.report.setPlainText(_("Preview (nothing saved yet):") + "\n" + result.summary())
        else:
            self.result_summary = result
            self.report.setPlainText(_("Imported:") + "\n" + result.summary())
            self.cancel_button.setText(_("Close"))

    def _failed(self, exc: Exception) -> None:
        """Said in the report (the transaction rolled back); a bug is also logged and shown."""
        if isinstance(exc, UserError):
            self.report.setPlainText(_("Nothing was imported.") + f"\n{exc}")
        else:
            self.report.setPlainText(_("Nothing was imported: unexpected problem: {problem}").format(problem=exc))
            show_problem(self, exc)

    def _stopped(self) -> None:
        self.running = None
        self.preview_button.setEnabled(True)
        self.import_button.setEnabled(self.result_summary is None)
        self.completed.emit()

    def cancel(self) -> None:
        if self.running is not None:
            self.running.cancel()
            return
        if self.result_summary is not None:
            self.accept()
        else:
            self.reject()

    def closeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        if self.running is not None:
            self.running.cancel()
            QMessageBox.information(self, _("Import running"), _("Stopping the import; nothing will be changed."))
            event.ignore()
            return
        super().closeEvent(event)
