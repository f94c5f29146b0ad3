"""Import wizard: choose a file, map columns only when needed, preview, import with Cancel.

Known exports (Google, Mailchimp, Eventbrite, Action Builder, our own) skip the
mapping page. The preview is a dry run of the real import (a read through the
operation runner), so the numbers and problems shown are exactly what will
happen; the import itself is one write through the runner, with its progress
dialog and Cancel, inside one transaction, so Cancel leaves the database as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from communitydesk.errors import UserError
from communitydesk.gui.context import AppContext
from communitydesk.gui.members.import_pages import MappingPage, PreviewPage, RunPage
from communitydesk.i18n import N_, _
from communitydesk.io.errors import MappingError
from communitydesk.io.member_columns import build_mapping
from communitydesk.io.tabular import Table, read_table
from communitydesk.services.members.importing import (
    ImportResult,
    ImportSource,
    import_people,
    prepare_import,
)
from communitydesk.services.settings.group_settings import load_settings

if TYPE_CHECKING:
    from collections.abc import Callable

    from sqlalchemy.orm import Session

    from communitydesk.gui.operations import Operation

PAGE_FILE, PAGE_MAPPING, PAGE_PREVIEW, PAGE_RUN = range(4)
FORMAT_NAMES = {  # marked with N_(): _() them where shown
    "google": N_("a Google Contacts export"), "google_legacy": N_("a Google Contacts export (older format)"),
    "mailchimp": N_("a Mailchimp audience export"), "eventbrite": N_("an Eventbrite attendee report"),
    "action_builder": N_("an Action Builder list"), "communitydesk": N_("a CommunityDesk export"),
    "generic": N_("a spreadsheet"),
}


@dataclass(frozen=True)
class ImportRun:
    """What a (dry-run or real) import hands back to the pages."""

    source: ImportSource
    result: ImportResult
    phone_region: str


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle(_("Choose the list to import"))
        self.setSubTitle(_("CSV (any encoding, comma, semicolon or tab), Excel .xlsx or vCard .vcf. "
                           "Exports from Google Contacts, Mailchimp, Eventbrite and Action Builder "
                           "are recognised without any setting up."))
        self.path = QLineEdit(placeholderText=_("Choose a file…"))
        self.path.setAccessibleName(_("File to import"))
        self.path.textChanged.connect(self.completeChanged)
        browse = QPushButton(_("Bro&wse…"))
        browse.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e;")
        hint = QLabel(_("Nothing is written until the last step, and an import can be cancelled "
                        "at any moment without leaving half a list behind. People already on the "
                        "list are matched by email, or by name and phone: empty fields are filled "
                        "in, nothing is overwritten."))
        hint.setWordWrap(True)
        hint.setObjectName("pageSubtitle")
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(hint)

    def browse(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Import members"), str(Path.home()),
            _("Member lists (*.csv *.tsv *.txt *.xlsx *.vcf *.vcard);;All files (*)"))
        if path:
            self.path.setText(path)

    def isComplete(self) -> bool:  # noqa: N802
        return bool(self.path.text().strip())

    def validatePage(self) -> bool:  # noqa: N802
        self.error.clear()
        try:
            self.wiz.load(self.path.text().strip())
        except UserError as exc:
            self.error.setText(str(exc))
            return False
        return True

    def nextId(self) -> int:  # noqa: N802
        return PAGE_PREVIEW if self.wiz.mapping_ready else PAGE_MAPPING


class ImportWizard(QWizard):
    """Holds the file's table, the chosen mapping and the result as the pages move on."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, path: str | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(_("Import members"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.table: Table | None = None
        self.path = ""
        self.name = ""
        self.source: ImportSource | None = None
        self.overrides: dict[str, str] | None = None
        self.mapping_ready = False
        self.format = "generic"
        self.result: ImportResult | None = None
        self.running: Operation | None = None
        self.phone_region = "GB"  # the group's, once the preview has read it
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.preview_page = PreviewPage(self)
        self.run_page = RunPage(self)
        self.setPage(PAGE_FILE, self.file_page)
        self.setPage(PAGE_MAPPING, self.mapping_page)
        self.setPage(PAGE_PREVIEW, self.preview_page)
        self.setPage(PAGE_RUN, self.run_page)
        self.setButtonText(QWizard.WizardButton.CommitButton, _("Import"))
        self.resize(900, 620)
        if path:
            self.file_page.path.setText(path)

    def load(self, path: str) -> None:
        """Read the file and decide whether its columns need mapping (fast: headers only).

        A known export, or a spreadsheet whose every column has a usual name
        ("First name", "Email", "Postcode"...), needs no mapping step. Reading
        every row as a person happens in the preview's worker thread.
        """
        self.table = self._read(path, None)
        self.path = path
        self.name = Path(path).name
        self.source = None
        self.overrides = None
        try:
            mapping = build_mapping(self.table.headers, source=self.name)
        except MappingError:
            self.mapping_ready = False
            self.format = "generic"
            return
        self.format = mapping.format
        self.mapping_ready = mapping.format != "generic" or not mapping.ignored

    @staticmethod
    def _read(path: str, encoding: str | None) -> Table:
        """The file as a table; an unsure encoding guess is shown on the preview, not refused."""
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            return read_table(path, encoding=encoding, unsure_ok=True)
        finally:
            QGuiApplication.restoreOverrideCursor()

    def reread(self, encoding: str) -> None:
        """Read the file again in the encoding the person chose (raises UserError if it cannot)."""
        table = self._read(self.path, encoding)
        if table.headers != (self.table.headers if self.table else None):
            self.overrides = None  # the header names read differently: match them afresh
        self.table = table
        self.source = None

    def apply_mapping(self, overrides: dict[str, str]) -> None:
        """Check the chosen mapping (raises MappingError) and keep it for the preview."""
        assert self.table is not None
        self.format = build_mapping(self.table.headers, overrides, source=self.name).format
        self.overrides = overrides
        self.mapping_ready = True

    def format_name(self) -> str:
        return _(FORMAT_NAMES.get(self.format, FORMAT_NAMES["generic"]))

    # --- the work, through the operation runner -------------------------------------------
    def run_import(self, *, dry_run: bool, done: Callable[[ImportRun], object],
                   failed: Callable[[Exception], object]) -> Operation:
        """Start the dry run (a read) or the real import (one write with progress and Cancel).

        The dry run also reads every row of the file (``prepare_import``); its
        source is kept so the real import does not read the file again.
        """
        self.cancel_running()
        table, name, overrides, source = self.table, self.name, self.overrides, self.source
        assert table is not None

        def job(session: Session, progress) -> ImportRun:  # noqa: ANN001 - the runner's callback
            prepared = source or prepare_import(table, name=name, overrides=overrides)
            region = load_settings(session).phone_region
            result = import_people(session, prepared, dry_run=dry_run, phone_region=region,
                                   progress=progress)
            return ImportRun(prepared, result, region)

        def delivered(run: ImportRun) -> None:
            self.source = run.source
            self.phone_region = run.phone_region
            done(run)

        ops = self.ctx.ops
        start = ops.read if dry_run else ops.write
        self.running = start(job, parent=self, done=delivered,  # type: ignore[operator]
                             failed=failed,
                             progress=_("Checking the list…") if dry_run else _("Importing members…"))
        return self.running

    def cancel_running(self) -> None:
        """Stop a dry run or import still going (Cancel, Back, closing the wizard)."""
        if self.running is not None and not self.running.is_done:
            self.running.cancel()
            self.running.wait()

    def reject(self) -> None:
        self.cancel_running()
        super().reject()

    def done(self, result: int) -> None:
        self.cancel_running()
        super().done(result)
