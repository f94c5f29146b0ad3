"""The Reports screen: pick a period, read the headline numbers, browse people and meetings,
look at the charts, and export the funder workbook, the PDF or the register.

The report is computed off the UI thread (a year on a 20,000-person group takes
well under a second, but custom periods can be longer); stale results from an
earlier filter choice are dropped. Exports run in a worker with progress and Cancel.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from communitydesk.errors import UserError
from communitydesk.gui.context import AppContext
from communitydesk.gui.dates import long_date, short_date
from communitydesk.gui.reports.attendance_charts import (
    ChartPanel,
    attendance_chart,
    new_returning_chart,
)
from communitydesk.gui.reports.period_picker import ReportFilters
from communitydesk.gui.reports.report_jobs import ReportJob, start
from communitydesk.gui.reports.report_table_models import (
    M_COL_PRESENT,
    MT_COL_DATE,
    meeting_report_model,
    member_report_model,
)
from communitydesk.gui.reports.report_widgets import FigureTile, ReportTable
from communitydesk.gui.widgets import EmptyState, PageHeader
from communitydesk.pdf.attendance_report import build_attendance_report_pdf
from communitydesk.services.attendance_export import ExportCancelled, export_attendance
from communitydesk.services.funder_workbook import write_funder_workbook
from communitydesk.services.report_periods import Period
from communitydesk.services.reports import (
    AttendanceReport,
    attendance_report,
    counted_meetings,
    report_tags,
)
from communitydesk.services.settings import save_settings

FIGURE_STYLE = """
QFrame#figureTile { background: white; border: 1px solid #dfe4e1; border-radius: 6px; }
QLabel#figureValue { font-size: 26px; font-weight: 600; color: #23332c; }
QLabel#figureLabel { color: #5f6b66; }
"""

EXPORTS = (
    ("entry", "Register entries (one row per meeting and person)…"),
    ("member", "Totals per person…"),
    ("meeting", "Totals per meeting…"),
    ("month", "Totals per month…"),
)


def describe_period(period: Period) -> str:
    """The period in the user's date format, with its preset name when it has one."""
    if period.start and period.end:
        span = f"{short_date(period.start)} – {short_date(period.end)}"
    elif period.start:
        span = f"from {short_date(period.start)}"
    elif period.end:
        span = f"up to {short_date(period.end)}"
    else:
        span = "all time"
    return f"{period.label} ({span})" if period.label else span


class ReportsPage(QWidget):
    report_ready = Signal(object)  # AttendanceReport
    export_done = Signal(str)  # a message: where the file went, or why not

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 today: date | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.report: AttendanceReport | None = None
        self._generation = 0
        self._jobs: set[ReportJob] = set()
        self.setStyleSheet(FIGURE_STYLE)
        settings = ctx.group_settings()
        self.group_name = settings.group_name
        self.paper = settings.paper_size

        self.header = PageHeader("Reports", "Who came, how often, and who was new")
        self.export_button = QPushButton("Export attendance")
        self.export_menu = QMenu(self)
        for by, label in EXPORTS:
            self.export_menu.addAction(label, lambda by=by: self.ask_export_attendance(by))
        self.export_button.setMenu(self.export_menu)
        self.workbook_button = QPushButton("Funder workbook…")
        self.workbook_button.setToolTip("Excel workbook: summary, meetings, people, months (Ctrl+E)")
        self.workbook_button.clicked.connect(self.ask_export_workbook)
        self.pdf_button = QPushButton("PDF report…")
        self.pdf_button.setObjectName("primary")
        self.pdf_button.setToolTip("The numbers and charts as a PDF (Ctrl+P)")
        self.pdf_button.clicked.connect(self.ask_export_pdf)
        for button in (self.export_button, self.workbook_button, self.pdf_button):
            self.header.add_widget(button)

        self.filters = ReportFilters(today=today or date.today(),
                                     financial_year_start_month=settings.financial_year_start_month)
        self.filters.changed.connect(self.recount)
        self.filters.financial_year_start_chosen.connect(self.save_financial_year_start)
        self.status = QLabel()
        self.status.setObjectName("countLabel")

        self.tiles: dict[str, FigureTile] = {}
        tiles = QGridLayout()
        tiles.setSpacing(8)
        for i, label in enumerate(("Meetings", "Unique attendees", "New", "Returning",
                                   "Total attendances", "Apologies")):
            self.tiles[label] = FigureTile(label)
            tiles.addWidget(self.tiles[label], 0, i)
        self.tiles["Meetings"].setToolTip(
            "Meetings in the period that have taken place (started by today) and were not "
            "cancelled; meetings still ahead are not counted")

        self.people = ReportTable(
            member_report_model(self), placeholder="Search people…  (Ctrl+F)",
            empty=EmptyState("Nobody on a register", "No one was marked present, with apologies "
                             "or absent at a meeting in this period."),
            sort_column=M_COL_PRESENT, descending=True,
            widths=(230, 90, 75, 85, 105, 65, 120))
        self.meetings = ReportTable(
            meeting_report_model(self), placeholder="Search meetings…  (Ctrl+F)",
            empty=EmptyState("No meetings in this period", "Pick another period, or plan "
                             "meetings on the Meetings screen."),
            sort_column=MT_COL_DATE, descending=False,
            widths=(150, 260, 90, 240, 75, 85, 70))
        self.attendance_panel = ChartPanel("attendance-per-meeting")
        self.new_panel = ChartPanel("new-and-returning")
        charts = QWidget()
        chart_row = QHBoxLayout(charts)
        chart_row.setContentsMargins(0, 6, 0, 0)
        chart_row.addWidget(self.attendance_panel, 1)
        chart_row.addWidget(self.new_panel, 1)
        self.tabs = QTabWidget()
        self.tabs.addTab(charts, "Charts")
        self.tabs.addTab(self.people, "People")
        self.tabs.addTab(self.meetings, "Meetings")
        self.status.setContentsMargins(0, 0, 6, 0)
        self.tabs.setCornerWidget(self.status, Qt.Corner.TopRightCorner)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 10)
        layout.addWidget(self.header)
        layout.addWidget(self.filters)
        layout.addLayout(tiles)
        layout.addWidget(self.tabs, 1)

        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot in ((QKeySequence.StandardKey.Find, self.focus_search),
                           (QKeySequence.StandardKey.Refresh, self.refresh),
                           (QKeySequence("Ctrl+E"), self.ask_export_workbook),
                           (QKeySequence.StandardKey.Print, self.ask_export_pdf)):
            QShortcut(keys, self, activated=slot, context=context)

        self._load_tags()
        self._show(self._compute()())  # the first load is synchronous: the screen opens filled

    # --- loading ---------------------------------------------------------------------
    def _load_tags(self) -> None:
        with self.ctx.db.session() as session:
            self.filters.set_tags(report_tags(session))

    def _compute(self) -> Callable[[], AttendanceReport]:
        """Read the filters here (UI thread); the returned call may run on any thread."""
        period, tag, kind = self.filters.period(), self.filters.tag_name(), self.filters.kind_name()
        as_of = self.filters.today
        db = self.ctx.db

        def compute() -> AttendanceReport:
            with db.session() as session:
                return attendance_report(session, period, tag=tag, kind=kind, as_of=as_of)

        return compute

    def refresh(self) -> None:
        """Data or settings changed elsewhere: reload settings and tags, then recount."""
        settings = self.ctx.group_settings()
        self.group_name, self.paper = settings.group_name, settings.paper_size
        self.filters.set_financial_year_start(settings.financial_year_start_month)
        self._load_tags()
        self.recount()

    def save_financial_year_start(self, month: int) -> None:
        """Store the group's financial year start month; presets follow it at once."""
        with self.ctx.db.session() as session:
            save_settings(session, financial_year_start_month=month)
        self.filters.set_financial_year_start(month)
        self.recount()
        self.ctx.announce("settings")

    def recount(self) -> None:
        """Count again in the background for the current filters; the newest request wins."""
        self._generation += 1
        generation = self._generation
        self.status.setText("Counting…")
        compute = self._compute()
        job = ReportJob(lambda job: compute())
        job.signals.finished.connect(lambda report: self._on_report(generation, report))
        job.signals.failed.connect(lambda exc: self._on_failed(generation, exc))
        self._track(job)

    def _track(self, job: ReportJob) -> None:
        self._jobs.add(job)
        job.signals.finished.connect(lambda _r: self._jobs.discard(job))
        job.signals.failed.connect(lambda _e: self._jobs.discard(job))
        start(job)

    def _on_report(self, generation: int, report: AttendanceReport) -> None:
        if shiboken6.isValid(self) and generation == self._generation:
            self._show(report)

    def _on_failed(self, generation: int, exc: BaseException) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return  # the screen was closed (e.g. another database opened) or a newer count runs
        self.status.setText("Could not count")
        QMessageBox.warning(self, "Reports", str(exc))

    def _show(self, report: AttendanceReport) -> None:
        self.report = report
        for label, value in report.headline():
            self.tiles[label].value.setText(f"{value:,}")
        self.people.set_rows(report.members)
        self.meetings.set_rows(report.meeting_rows)
        counted = len(counted_meetings(report.meeting_rows))
        ahead = sum(1 for m in report.meeting_rows if m.not_counted_because == "not held yet")
        held = f"{counted:,} meeting{'s' if counted != 1 else ''} held up to {long_date(report.as_of)}"
        self.attendance_panel.set_chart(
            attendance_chart(report.meeting_rows, as_of=report.as_of),
            held + (f"; {ahead:,} still ahead, not counted" if ahead else ""))
        self.new_panel.set_chart(new_returning_chart(report.months),
                                 f"{report.new_attendees:,} new, "
                                 f"{report.returning_attendees:,} returning")
        self.status.setText(describe_period(report.period))
        self.report_ready.emit(report)

    def focus_search(self) -> None:
        table = self.tabs.currentWidget()
        if not isinstance(table, ReportTable):
            self.tabs.setCurrentWidget(self.people)
            table = self.people
        table.search.setFocus()
        table.search.selectAll()

    # --- exports -----------------------------------------------------------------------
    def _ask_path(self, title: str, name: str, filters: str) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(self, title, name, filters)
        return Path(path) if path else None

    def _slug(self) -> str:
        period = self.report.period if self.report else None
        if period and period.start and period.end:
            return f"attendance-{period.start:%Y-%m-%d}-to-{period.end:%Y-%m-%d}"
        return "attendance"

    def ask_export_attendance(self, by: str) -> None:
        path = self._ask_path("Export attendance", f"{self._slug()}-by-{by}.xlsx",
                              "Excel workbook (*.xlsx);;CSV (*.csv)")
        if path:
            self.export_attendance_to(path, by=by)

    def ask_export_workbook(self) -> None:
        path = self._ask_path("Funder workbook", f"{self._slug()}.xlsx", "Excel workbook (*.xlsx)")
        if path:
            self.export_workbook_to(path)

    def ask_export_pdf(self) -> None:
        path = self._ask_path("PDF report", f"{self._slug()}.pdf", "PDF (*.pdf)")
        if path:
            self.export_pdf_to(path)

    def export_attendance_to(self, path: Path, *, by: str = "entry") -> ReportJob:
        period = self.filters.period()

        def work(job: ReportJob) -> str:
            with self.ctx.db.session() as session:
                result = export_attendance(session, path, period=period, by=by,
                                           progress=job.keep_going)
            return f"{result.rows:,} rows written to {result.path}"

        return self._run_export("Exporting attendance…", work)

    def export_workbook_to(self, path: Path) -> ReportJob:
        report, group = self.report, self.group_name

        def work(job: ReportJob) -> str:
            assert report is not None
            write_funder_workbook(report, path, group_name=group)
            return f"Funder workbook written to {path}"

        return self._run_export("Writing the funder workbook…", work)

    def export_pdf_to(self, path: Path) -> ReportJob:
        report, group, paper = self.report, self.group_name, self.paper

        def work(job: ReportJob) -> str:
            assert report is not None
            pages = build_attendance_report_pdf(report, path, group_name=group, paper=paper)
            return f"PDF report ({pages} pages) written to {path}"

        return self._run_export("Building the PDF report…", work)

    def _run_export(self, title: str, work: Callable[[ReportJob], str]) -> ReportJob:
        dialog = QProgressDialog(title, "Cancel", 0, 0, self)
        dialog.setWindowTitle("Reports")
        dialog.setMinimumDuration(400)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        job = ReportJob(work)
        dialog.canceled.connect(job.cancel)

        def on_progress(done: int, total: int) -> None:
            if total:
                dialog.setMaximum(total)
                dialog.setValue(min(done, total))

        def finish(message: str) -> None:
            if not shiboken6.isValid(self):
                return
            dialog.reset()
            dialog.deleteLater()
            self.status.setText(message)
            self.export_done.emit(message)

        def fail(exc: BaseException) -> None:
            if not shiboken6.isValid(self):
                return
            dialog.reset()
            dialog.deleteLater()
            message = str(exc)
            if isinstance(exc, ExportCancelled):
                self.status.setText(message)
            elif isinstance(exc, UserError | OSError):
                QMessageBox.warning(self, "Export", message)
            else:
                QMessageBox.critical(self, "Export", f"Unexpected problem: {exc}")
            self.export_done.emit(f"error: {message}")

        job.signals.progress.connect(on_progress)
        job.signals.finished.connect(finish)
        job.signals.failed.connect(fail)
        self._track(job)
        return job
