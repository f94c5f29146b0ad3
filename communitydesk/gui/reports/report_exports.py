"""The Reports screen's exports: the register as a workbook or CSV, the funder workbook, the PDF.

A mixin of ``ReportsPage`` (kept apart so the page file holds the screen itself): each export
asks for a file on the UI thread, then runs as a read through the operation runner with
progress and Cancel; ``export_done`` says where the file went or why not. ReportLab and
openpyxl load on the worker when an export first needs them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtWidgets import QFileDialog, QMessageBox

from communitydesk.gui.operations import Operation, Progress, show_problem
from communitydesk.i18n import N_, _, ngettext
from communitydesk.services.attendance.export import export_attendance

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from communitydesk.gui.reports.reports_page import ReportsPage

EXPORTS = (
    ("entry", N_("Register entries (one row per meeting and person)…")),
    ("member", N_("Totals per person…")),
    ("meeting", N_("Totals per meeting…")),
    ("month", N_("Totals per month…")),
)


class ReportExports:
    """Export methods of the Reports screen (``self`` is the ``ReportsPage``)."""

    def _ask_path(self: ReportsPage, title: str, name: str, filters: str) -> Path | None:
        path, _filter = QFileDialog.getSaveFileName(self, title, name, filters)
        return Path(path) if path else None

    def _slug(self: ReportsPage) -> str:
        period = self.report.period if self.report else None
        if period and period.start and period.end:
            return f"attendance-{period.start:%Y-%m-%d}-to-{period.end:%Y-%m-%d}"
        return "attendance"

    def ask_export_attendance(self: ReportsPage, by: str) -> None:
        path = self._ask_path(_("Export attendance"), f"{self._slug()}-by-{by}.xlsx",
                              _("Excel workbook (*.xlsx);;CSV (*.csv)"))
        if path:
            self.export_attendance_to(path, by=by)

    def ask_export_workbook(self: ReportsPage) -> None:
        path = self._ask_path(_("Funder workbook"), f"{self._slug()}.xlsx", _("Excel workbook (*.xlsx)"))
        if path:
            self.export_workbook_to(path)

    def ask_export_pdf(self: ReportsPage) -> None:
        path = self._ask_path(_("PDF report"), f"{self._slug()}.pdf", "PDF (*.pdf)")
        if path:
            self.export_pdf_to(path)

    def export_attendance_to(self: ReportsPage, path: Path, *, by: str = "entry") -> Operation:
        period = self.filters.period()

        def work(session: Session, progress: Progress) -> str:
            result = export_attendance(session, path, period=period, by=by, progress=progress)
            return ngettext("{count} row written to {file}", "{count} rows written to {file}",
                            result.rows).format(count=f"{result.rows:,}", file=result.path)

        return self._run_export(_("Exporting attendance…"), work)

    def export_workbook_to(self: ReportsPage, path: Path) -> Operation:
        report, group, language = self.report, self.group_name, self.language

        def work(_session: Session, _progress: Progress) -> str:
            from communitydesk.services.reports.funder_workbook import (
                write_funder_workbook,  # openpyxl
            )

            assert report is not None
            write_funder_workbook(report, path, group_name=group, language=language)
            return _("Funder workbook written to {file}").format(file=path)

        return self._run_export(_("Writing the funder workbook…"), work)

    def export_pdf_to(self: ReportsPage, path: Path) -> Operation:
        report, group, paper, language = self.report, self.group_name, self.paper, self.language

        def work(_session: Session, _progress: Progress) -> str:
            from communitydesk.pdf.attendance_report import build_attendance_report_pdf  # ReportLab

            assert report is not None
            pages = build_attendance_report_pdf(report, path, group_name=group, paper=paper,
                                                language=language)
            return ngettext("PDF report ({count} page) written to {file}",
                            "PDF report ({count} pages) written to {file}", pages).format(count=pages, file=path)

        return self._run_export(_("Building the PDF report…"), work)

    def _run_export(self: ReportsPage, label: str, work: Callable[[Session, Progress], str]) -> Operation:
        """A read with progress and Cancel; ``export_done`` says where the file went or why not."""
        outcome: list[object] = []

        def done(message: str) -> None:
            outcome.append(message)
            if shiboken6.isValid(self):
                self.status.setText(message)
                self.export_done.emit(message)

        def failed(exc: Exception) -> None:
            outcome.append(exc)
            if not shiboken6.isValid(self):
                return
            if isinstance(exc, OSError):  # a folder it may not write to, a file open elsewhere
                QMessageBox.warning(self, _("Export"), _("The file could not be written: {reason}").format(reason=exc))
            else:
                show_problem(self, exc)
            self.export_done.emit(f"error: {exc}")

        op = self.ctx.ops.read(work, parent=self, progress=label, done=done, failed=failed)
        self._exports[op] = outcome
        op.finished.connect(self._export_finished)
        return op

    def _export_finished(self: ReportsPage) -> None:
        """An export that delivered nothing was cancelled: its service left no file behind."""
        for op, outcome in list(self._exports.items()):
            if op.is_done:
                del self._exports[op]
                if not outcome:
                    message = _("Export cancelled: no file was written")
                    self.status.setText(message)
                    self.export_done.emit(message)
