"""The Reports screen: pick a period, read the headline numbers, browse people and meetings,
look at the charts, and export the funder workbook, the PDF or the register.

ReportLab and openpyxl load on the worker when an export first needs them, so the
screen opens without waiting for them. The report is computed through the operation runner, off the UI thread, in one read
with the group's settings and tags (a year on a 20,000-person group takes well under a
second, but custom periods can be longer); a newer period choice wins over one still
counting. Exports run the same way, with progress and Cancel.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from communitydesk.gui.common.dates import long_date, short_date
from communitydesk.gui.common.widgets import EmptyState, PageHeader
from communitydesk.gui.context import AppContext
from communitydesk.gui.operations import Operation, Progress, show_problem
from communitydesk.gui.reports.attendance_charts import (
    ChartPanel,
    attendance_chart,
    new_returning_chart,
)
from communitydesk.gui.reports.period_picker import PeriodChoice, ReportFilters
from communitydesk.gui.reports.report_table_models import (
    M_COL_PRESENT,
    MT_COL_DATE,
    meeting_report_model,
    member_report_model,
)
from communitydesk.gui.reports.report_widgets import FigureTile, ReportTable
from communitydesk.gui.theme import follow_system
from communitydesk.i18n import N_, _, ngettext
from communitydesk.services.attendance.export import export_attendance
from communitydesk.services.reports.figures import (
    AttendanceReport,
    attendance_report,
    counted_meetings,
    report_tags,
)
from communitydesk.services.reports.periods import MONTHS, Period
from communitydesk.services.settings.group_settings import (
    GroupSettings,
    load_settings,
    save_settings,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

FIGURE_STYLE = """
QFrame#figureTile { background: white; border: 1px solid #dfe4e1; border-radius: 6px; }
QLabel#figureValue { font-size: 26px; font-weight: 600; color: #23332c; }
QLabel#figureLabel { color: #5f6b66; }
"""

EXPORTS = (
    ("entry", N_("Register entries (one row per meeting and person)…")),
    ("member", N_("Totals per person…")),
    ("meeting", N_("Totals per meeting…")),
    ("month", N_("Totals per month…")),
)
# The headline tiles (keys of AttendanceReport.headline), translated where shown.
TILES = (N_("Meetings"), N_("Unique attendees"), N_("New"), N_("Returning"),
         N_("Total attendances"), N_("Apologies"))


def describe_period(period: Period) -> str:
    """The period in the user's date format, with its preset name when it has one."""
    if period.start and period.end:
        span = _("{start} – {end}").format(start=short_date(period.start), end=short_date(period.end))
    elif period.start:
        span = _("from {date}").format(date=short_date(period.start))
    elif period.end:
        span = _("up to {date}").format(date=short_date(period.end))
    else:
        span = _("all time")
    return _("{period} ({span})").format(period=period_label(period.label), span=span) if period.label else span


def period_label(label: str) -> str:
    """The service's period name ("This month", "Financial year 2026/27", "Apr–Jun 2026") in the
    reader's language: presets from the catalogue, month names from the locale."""
    year = FINANCIAL_YEAR.fullmatch(label)
    if year:
        return _("Financial year {years}").format(years=year.group(1))
    quarter = QUARTER.fullmatch(label)
    if quarter:
        first, last, end_year = quarter.groups()
        short = QLocale.FormatType.ShortFormat
        return _("{first}–{last} {year}").format(
            first=QLocale().standaloneMonthName(MONTHS.index(first) + 1, short),
            last=QLocale().standaloneMonthName(MONTHS.index(last) + 1, short), year=end_year)
    return _(label)


FINANCIAL_YEAR = re.compile(r"Financial year (\S+)")
QUARTER = re.compile(r"({m})–({m}) (\d{{4}})".format(m="|".join(MONTHS)))


@dataclass(frozen=True)
class ReportsView:
    """One read's worth for the screen: the group's settings, the tags to filter by, the report."""

    settings: GroupSettings
    tags: list[str]
    report: AttendanceReport


def read_reports(session: Session, choice: PeriodChoice, *, tag: str | None,
                 kind: str | None) -> ReportsView:
    """Runs on a worker: the period follows the financial year the settings hold now."""
    settings = load_settings(session)
    period = choice.period(settings.financial_year_start_month)
    report = attendance_report(session, period, tag=tag, kind=kind, as_of=choice.today)
    return ReportsView(settings, report_tags(session), report)


class ReportsPage(QWidget):
    report_ready = Signal(object)  # AttendanceReport
    export_done = Signal(str)  # a message: where the file went, or why not

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 today: date | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.report: AttendanceReport | None = None
        self.loading: Operation | None = None
        self._exports: dict[Operation, list[object]] = {}
        settings = ctx.group  # as last read; the report's own read brings the current ones
        self.group_name = settings.group_name
        self.paper = settings.paper_size
        self.language = settings.language  # the PDF prints in the group's language (#19)

        self.header = PageHeader(_("Reports"), _("Who came, how often, and who was new"))
        self.export_button = QPushButton(_("E&xport attendance"))
        self.export_menu = QMenu(self)
        for by, label in EXPORTS:
            self.export_menu.addAction(_(label), lambda by=by: self.ask_export_attendance(by))
        self.export_button.setMenu(self.export_menu)
        self.workbook_button = QPushButton(_("Funder workbook…"))
        self.workbook_button.setToolTip(_("Excel workbook: summary, meetings, people, months (Ctrl+E)"))
        self.workbook_button.clicked.connect(self.ask_export_workbook)
        self.pdf_button = QPushButton(_("PDF report…"))
        self.pdf_button.setObjectName("primary")
        self.pdf_button.setToolTip(_("The numbers and charts as a PDF (Ctrl+P)"))
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
        tile_box = QWidget()  # the figures' own sheet: on the whole page Qt re-applied it to every widget (#14)
        tile_box.setStyleSheet(follow_system(FIGURE_STYLE))  # dark palette, system font (#19)
        tiles = QGridLayout(tile_box)
        tiles.setContentsMargins(0, 0, 0, 0)
        tiles.setSpacing(8)
        for i, label in enumerate(TILES):
            self.tiles[label] = FigureTile(_(label))
            tiles.addWidget(self.tiles[label], 0, i)
        self.paid_up = QLabel()  # #17: paid-up members, when the group keeps dues
        self.paid_up.setObjectName("figureLabel")
        self.paid_up.setVisible(False)
        tiles.addWidget(self.paid_up, 1, 0, 1, 6)
        self.tiles["Meetings"].setToolTip(_(
            "Meetings in the period that have taken place (started by today) and were not "
            "cancelled; meetings still ahead are not counted"))

        self.people = ReportTable(
            member_report_model(self), placeholder=_("Search people…  (Ctrl+F)"),
            empty=EmptyState(_("Nobody on a register"), _("No one was marked present, with apologies "
                                                           "or absent at a meeting in this period.")),
            sort_column=M_COL_PRESENT, descending=True,
            widths=(230, 90, 75, 85, 105, 65, 120))
        self.meetings = ReportTable(
            meeting_report_model(self), placeholder=_("Search meetings…  (Ctrl+F)"),
            empty=EmptyState(_("No meetings in this period"), _("Pick another period, or plan "
                                                                "meetings on the Meetings screen.")),
            sort_column=MT_COL_DATE, descending=False,
            widths=(150, 260, 90, 240, 75, 85, 70))
        self.attendance_panel = ChartPanel("attendance-per-meeting")
        self.new_panel = ChartPanel("new-and-returning")
        self.new_panel.save_button.setText(_("Save as P&NG…"))  # #19: not the first chart's Alt+S
        charts = QWidget()
        chart_row = QHBoxLayout(charts)
        chart_row.setContentsMargins(0, 6, 0, 0)
        chart_row.addWidget(self.attendance_panel, 1)
        chart_row.addWidget(self.new_panel, 1)
        self.tabs = QTabWidget()
        self.tabs.addTab(charts, _("Charts"))
        self.tabs.addTab(self.people, _("People"))
        self.tabs.addTab(self.meetings, _("Meetings"))
        self.status.setContentsMargins(0, 0, 6, 0)
        self.tabs.setCornerWidget(self.status, Qt.Corner.TopRightCorner)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 10)
        layout.addWidget(self.header)
        layout.addWidget(self.filters)
        layout.addWidget(tile_box)
        layout.addWidget(self.tabs, 1)

        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot in ((QKeySequence.StandardKey.Find, self.focus_search),
                           (QKeySequence.StandardKey.Refresh, self.refresh),
                           (QKeySequence("Ctrl+E"), self.ask_export_workbook),
                           (QKeySequence.StandardKey.Print, self.ask_export_pdf)):
            QShortcut(keys, self, activated=slot, context=context)

        self.recount()  # the screen shows "Counting…" until the first read lands

    # --- loading ---------------------------------------------------------------------
    def refresh(self) -> None:
        """Data or settings changed elsewhere: settings, tags and the report are read again."""
        self.recount()

    def recount(self) -> Operation:
        """Count again through the runner for the current filters; the newest choice wins."""
        choice, tag, kind = self.filters.choice(), self.filters.tag_name(), self.filters.kind_name()
        self.status.setText(_("Counting…"))
        self.loading = self.ctx.ops.read(
            lambda session: read_reports(session, choice, tag=tag, kind=kind), parent=self,
            done=self._loaded, failed=self._count_failed, key=f"reports-{id(self)}")
        return self.loading

    def wait_until_loaded(self) -> None:
        if self.loading is not None:
            self.loading.wait()

    def save_financial_year_start(self, month: int) -> Operation:
        """Store the group's financial year start month; presets follow it at once."""
        self.filters.set_financial_year_start(month)
        return self.ctx.ops.write(lambda session: save_settings(session, financial_year_start_month=month),
                                  parent=self, done=lambda _saved: self.recount())

    def _loaded(self, view: ReportsView) -> None:
        if not shiboken6.isValid(self):
            return  # the screen was closed (e.g. another database opened)
        self.group_name, self.paper = view.settings.group_name, view.settings.paper_size
        self.language = view.settings.language
        self.filters.set_financial_year_start(view.settings.financial_year_start_month)
        self.filters.set_tags(view.tags)
        self._show(view.report)

    def _count_failed(self, exc: Exception) -> None:
        if shiboken6.isValid(self):
            self.status.setText(_("Could not count"))
            show_problem(self, exc)

    def _show(self, report: AttendanceReport) -> None:
        self.report = report
        for label, value in report.headline():
            self.tiles[label].value.setText(f"{value:,}")
        self.paid_up.setVisible(report.paid_up is not None)
        if report.paid_up is not None:
            from communitydesk.services.dues.paid_up import paid_up_sentence
            self.paid_up.setText(paid_up_sentence(report.paid_up, long_date))
        self.people.set_rows(report.members)
        self.meetings.set_rows(report.meeting_rows)
        counted = len(counted_meetings(report.meeting_rows))
        ahead = sum(1 for m in report.meeting_rows if m.not_counted_because == "not held yet")
        held = ngettext("{count} meeting held up to {date}", "{count} meetings held up to {date}",
                        counted).format(count=f"{counted:,}", date=long_date(report.as_of))
        self.attendance_panel.set_chart(
            attendance_chart(report.meeting_rows, as_of=report.as_of),
            held + ("; " + _("{count} still ahead, not counted").format(count=f"{ahead:,}")
                    if ahead else ""))
        self.new_panel.set_chart(new_returning_chart(report.months),
                                 _("{new} new, {returning} returning").format(
                                     new=f"{report.new_attendees:,}",
                                     returning=f"{report.returning_attendees:,}"))
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
        path, _filter = QFileDialog.getSaveFileName(self, title, name, filters)
        return Path(path) if path else None

    def _slug(self) -> str:
        period = self.report.period if self.report else None
        if period and period.start and period.end:
            return f"attendance-{period.start:%Y-%m-%d}-to-{period.end:%Y-%m-%d}"
        return "attendance"

    def ask_export_attendance(self, by: str) -> None:
        path = self._ask_path(_("Export attendance"), f"{self._slug()}-by-{by}.xlsx",
                              _("Excel workbook (*.xlsx);;CSV (*.csv)"))
        if path:
            self.export_attendance_to(path, by=by)

    def ask_export_workbook(self) -> None:
        path = self._ask_path(_("Funder workbook"), f"{self._slug()}.xlsx", _("Excel workbook (*.xlsx)"))
        if path:
            self.export_workbook_to(path)

    def ask_export_pdf(self) -> None:
        path = self._ask_path(_("PDF report"), f"{self._slug()}.pdf", "PDF (*.pdf)")
        if path:
            self.export_pdf_to(path)

    def export_attendance_to(self, path: Path, *, by: str = "entry") -> Operation:
        period = self.filters.period()

        def work(session: Session, progress: Progress) -> str:
            result = export_attendance(session, path, period=period, by=by, progress=progress)
            return ngettext("{count} row written to {file}", "{count} rows written to {file}",
                            result.rows).format(count=f"{result.rows:,}", file=result.path)

        return self._run_export(_("Exporting attendance…"), work)

    def export_workbook_to(self, path: Path) -> Operation:
        report, group, language = self.report, self.group_name, self.language

        def work(_session: Session, _progress: Progress) -> str:
            from communitydesk.services.reports.funder_workbook import (
                write_funder_workbook,  # openpyxl
            )

            assert report is not None
            write_funder_workbook(report, path, group_name=group, language=language)
            return _("Funder workbook written to {file}").format(file=path)

        return self._run_export(_("Writing the funder workbook…"), work)

    def export_pdf_to(self, path: Path) -> Operation:
        report, group, paper, language = self.report, self.group_name, self.paper, self.language

        def work(_session: Session, _progress: Progress) -> str:
            from communitydesk.pdf.attendance_report import build_attendance_report_pdf  # ReportLab

            assert report is not None
            pages = build_attendance_report_pdf(report, path, group_name=group, paper=paper,
                                                language=language)
            return ngettext("PDF report ({count} page) written to {file}",
                            "PDF report ({count} pages) written to {file}", pages).format(count=pages, file=path)

        return self._run_export(_("Building the PDF report…"), work)

    def _run_export(self, label: str, work: Callable[[Session, Progress], str]) -> Operation:
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

    def _export_finished(self) -> None:
        """An export that delivered nothing was cancelled: its service left no file behind."""
        for op, outcome in list(self._exports.items()):
            if op.is_done:
                del self._exports[op]
                if not outcome:
                    message = _("Export cancelled: no file was written")
                    self.status.setText(message)
                    self.export_done.emit(message)
