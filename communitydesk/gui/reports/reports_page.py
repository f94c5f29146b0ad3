"""The Reports screen: pick a period, read the headline numbers, browse people and meetings,
look at the charts, and export the funder workbook, the PDF or the register (report_exports).

The report is computed through the operation runner, off the UI thread, in one read with
the group's settings and tags (a year on a 20,000-person group takes well under a second,
but custom periods can be longer); a newer period choice wins over one still counting. The
worker also puts the rows in the tables' order and makes the chart's points. What the window
does itself stays short (#14): the first count starts once the screen has painted, the People
and Meetings tables are built when their tab is first shown, and a report that arrives is
shown in parts (figures and tables, then each chart), one event-loop turn each, so the window
paints and answers between them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QEventLoop, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from communitydesk.gui.common.dates import long_date
from communitydesk.gui.common.loading import FirstRead
from communitydesk.gui.common.widgets import EmptyState, PageHeader
from communitydesk.gui.context import AppContext
from communitydesk.gui.operations import Operation, show_problem
from communitydesk.gui.reports.attendance_charts import (
    ChartPanel,
    attendance_chart,
    attendance_points,
    new_returning_chart,
)
from communitydesk.gui.reports.period_picker import PeriodChoice, ReportFilters, describe_period
from communitydesk.gui.reports.report_exports import EXPORTS, ReportExports
from communitydesk.gui.reports.report_table_models import (
    M_COL_PRESENT,
    MT_COL_DATE,
    meeting_report_model,
    member_report_model,
)
from communitydesk.gui.reports.report_widgets import (
    FigureTile,
    ReportTable,
    dress_figure_label,
    tile_look,
)
from communitydesk.i18n import N_, _, ngettext
from communitydesk.services.reports.figures import (
    AttendanceReport,
    attendance_report,
    counted_meetings,
    report_tags,
)
from communitydesk.services.settings.group_settings import (
    GroupSettings,
    load_settings,
    save_settings,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# The headline tiles (keys of AttendanceReport.headline), translated where shown.
TILES = (N_("Meetings"), N_("Unique attendees"), N_("New"), N_("Returning"),
         N_("Total attendances"), N_("Apologies"))

# RowTableModel.presorter(): (rows, search texts) -> (rows in the model's order, texts, the order)
Presorter = Callable[[list[Any], None], tuple[list[Any], Any, "tuple[int, Qt.SortOrder] | None"]]


@dataclass(frozen=True)
class SortedRows:
    """A table's rows in the order its model shows them now (sorted on the worker)."""

    rows: Sequence[Any]
    sorted_by: tuple[int, Qt.SortOrder] | None


@dataclass(frozen=True)
class ReportsView:
    """One read's worth for the screen: the group's settings, the tags to filter by, the report,
    its people and meetings in their tables' order, and the attendance chart's points."""

    settings: GroupSettings
    tags: list[str]
    report: AttendanceReport
    people: SortedRows
    meetings: SortedRows
    attendance_points: list[QPointF]


def read_reports(session: Session, choice: PeriodChoice, *, tag: str | None, kind: str | None,
                 people_order: Presorter, meetings_order: Presorter) -> ReportsView:
    """Runs on a worker: the period follows the financial year the settings hold now; the
    rows are sorted here as the tables sort them (``RowTableModel.presorter``), and the
    chart's points made here."""
    settings = load_settings(session)
    period = choice.period(settings.financial_year_start_month)
    report = attendance_report(session, period, tag=tag, kind=kind, as_of=choice.today)
    people, _texts, people_sort = people_order(list(report.members), None)
    meetings, _texts, meetings_sort = meetings_order(list(report.meeting_rows), None)
    return ReportsView(settings, report_tags(session), report, SortedRows(people, people_sort),
                       SortedRows(meetings, meetings_sort), attendance_points(report.meeting_rows))


class ReportsPage(ReportExports, QWidget):
    report_ready = Signal(object)  # AttendanceReport, once every part of it is on screen
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
        tile_box = QWidget()
        look = tile_look()  # dark palette, high contrast, system font (#19)
        tiles = QGridLayout(tile_box)
        tiles.setContentsMargins(0, 0, 0, 0)
        tiles.setSpacing(8)
        for i, label in enumerate(TILES):
            self.tiles[label] = FigureTile(_(label), look)
            tiles.addWidget(self.tiles[label], 0, i)
        self.paid_up = QLabel()  # #17: paid-up members, when the group keeps dues
        self.paid_up.setObjectName("figureLabel")
        dress_figure_label(self.paid_up, look)
        self.paid_up.setVisible(False)
        tiles.addWidget(self.paid_up, 1, 0, 1, 6)
        self.tiles["Meetings"].setToolTip(_(
            "Meetings in the period that have taken place (started by today) and were not "
            "cancelled; meetings still ahead are not counted"))

        # The tables' models exist from the start, in their first order, so a worker can sort
        # the rows for them; the tables themselves are built when their tab is first shown.
        self.people_model = member_report_model(self)
        self.people_model.sort(M_COL_PRESENT, Qt.SortOrder.DescendingOrder)
        self.meetings_model = meeting_report_model(self)
        self.meetings_model.sort(MT_COL_DATE, Qt.SortOrder.AscendingOrder)
        self._tables: dict[str, ReportTable] = {}
        self.people_tab, self.meetings_tab = QWidget(), QWidget()
        for tab in (self.people_tab, self.meetings_tab):
            QVBoxLayout(tab).setContentsMargins(0, 0, 0, 0)
        self._parts: list[Callable[[], None]] = []  # what is still to show of an arrived report
        self._next_part = QTimer(self)
        self._next_part.setSingleShot(True)
        self._next_part.setInterval(0)
        self._next_part.timeout.connect(self._show_next_part)
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
        self.tabs.addTab(self.people_tab, _("People"))
        self.tabs.addTab(self.meetings_tab, _("Meetings"))
        self.tabs.currentChanged.connect(self._tab_shown)
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

        # The first count starts once the screen has been laid out and painted: a worker
        # counting in Python meanwhile would make every style call of the first layout wait
        # for the interpreter lock. The screen shows "Counting…" until the count lands.
        self.status.setText(_("Counting…"))
        self._first_count = FirstRead(self, self.recount)

    # --- loading ---------------------------------------------------------------------
    def refresh(self) -> None:
        """Data or settings changed elsewhere: settings, tags and the report are read again."""
        self.recount()

    def recount(self) -> Operation:
        """Count again through the runner for the current filters; the newest choice wins."""
        self._first_count.cancel()  # this is the first count, or makes it needless
        choice, tag, kind = self.filters.choice(), self.filters.tag_name(), self.filters.kind_name()
        people_order, meetings_order = self.people_model.presorter(), self.meetings_model.presorter()
        self.status.setText(_("Counting…"))
        self.loading = self.ctx.ops.read(
            lambda session: read_reports(session, choice, tag=tag, kind=kind, people_order=people_order,
                                         meetings_order=meetings_order),
            parent=self, done=self._loaded, failed=self._count_failed, key=f"reports-{id(self)}")
        return self.loading

    def wait_until_loaded(self) -> None:
        """Block until the newest count has arrived and every part of it is on screen (tests,
        the bench, closing); the event loop runs meanwhile, as it does for a person."""
        self._first_count.now()
        if self.loading is not None:
            self.loading.wait()
        if self._parts and shiboken6.isValid(self):
            loop = QEventLoop()
            self.report_ready.connect(loop.quit)
            QTimer.singleShot(60_000, loop.quit)
            loop.exec()

    def save_financial_year_start(self, month: int) -> Operation:
        """Store the group's financial year start month; presets follow it at once."""
        self.filters.set_financial_year_start(month)
        return self.ctx.ops.write(lambda session: save_settings(session, financial_year_start_month=month),
                                  parent=self, done=lambda _saved: self.recount())

    def _loaded(self, view: ReportsView) -> None:
        """The count arrived: show it in parts, each in its own turn of the event loop (a newer
        count arriving meanwhile replaces what is left of this one)."""
        if not shiboken6.isValid(self):
            return  # the screen was closed (e.g. another database opened)
        self._parts = [lambda: self._show_figures(view), lambda: self._show_attendance_chart(view),
                       lambda: self._show_new_chart(view.report)]
        self._next_part.start()

    def _show_next_part(self) -> None:
        if self._parts:
            self._parts.pop(0)()
        if self._parts:
            self._next_part.start()

    def _count_failed(self, exc: Exception) -> None:
        if shiboken6.isValid(self):
            self.status.setText(_("Could not count"))
            show_problem(self, exc)

    def _show_figures(self, view: ReportsView) -> None:
        """Settings, filters, headline figures and the tables' rows (already in their order)."""
        self.group_name, self.paper = view.settings.group_name, view.settings.paper_size
        self.language = view.settings.language
        self.filters.set_financial_year_start(view.settings.financial_year_start_month)
        self.filters.set_tags(view.tags)
        report = self.report = view.report
        for label, value in report.headline():
            self.tiles[label].value.setText(f"{value:,}")
        self.paid_up.setVisible(report.paid_up is not None)
        if report.paid_up is not None:
            from communitydesk.services.dues.paid_up import paid_up_sentence
            self.paid_up.setText(paid_up_sentence(report.paid_up, long_date))
        for key, model, rows in (("people", self.people_model, view.people),
                                 ("meetings", self.meetings_model, view.meetings)):
            table = self._tables.get(key)
            if table is not None:
                table.set_rows(rows.rows, sorted_by=rows.sorted_by)
            else:
                model.set_rows(rows.rows, sorted_by=rows.sorted_by)
        self.status.setText(describe_period(report.period))

    def _show_attendance_chart(self, view: ReportsView) -> None:
        report = view.report
        counted = len(counted_meetings(report.meeting_rows))
        ahead = sum(1 for m in report.meeting_rows if m.not_counted_because == "not held yet")
        held = ngettext("{count} meeting held up to {date}", "{count} meetings held up to {date}",
                        counted).format(count=f"{counted:,}", date=long_date(report.as_of))
        self.attendance_panel.set_chart(
            attendance_chart(report.meeting_rows, as_of=report.as_of, points=view.attendance_points),
            held + ("; " + _("{count} still ahead, not counted").format(count=f"{ahead:,}")
                    if ahead else ""))

    def _show_new_chart(self, report: AttendanceReport) -> None:
        self.new_panel.set_chart(new_returning_chart(report.months),
                                 _("{new} new, {returning} returning").format(
                                     new=f"{report.new_attendees:,}",
                                     returning=f"{report.returning_attendees:,}"))
        self.report_ready.emit(report)

    # --- the tables, built when first shown ----------------------------------------------
    @property
    def people(self) -> ReportTable:
        """The People tab's table (built now if its tab has not been shown yet)."""
        return self._table("people")

    @property
    def meetings(self) -> ReportTable:
        """The Meetings tab's table (built now if its tab has not been shown yet)."""
        return self._table("meetings")

    def _tab_shown(self, index: int) -> None:
        tab = self.tabs.widget(index)
        if tab is self.people_tab:
            self._table("people")
        elif tab is self.meetings_tab:
            self._table("meetings")

    def _table(self, key: str) -> ReportTable:
        table = self._tables.get(key)
        if table is None:
            table = self._tables[key] = self._build_table(key)
            (self.people_tab if key == "people" else self.meetings_tab).layout().addWidget(table)
            table.show()  # a child added to a shown widget stays hidden until told
            if self.report is not None:  # rows already in the model: their count or empty state
                table.update_count()
        return table

    def _build_table(self, key: str) -> ReportTable:
        if key == "people":
            return ReportTable(
                self.people_model, placeholder=_("Search people…  (Ctrl+F)"),
                empty=EmptyState(_("Nobody on a register"), _("No one was marked present, with apologies "
                                                               "or absent at a meeting in this period.")),
                sort_column=M_COL_PRESENT, descending=True,
                widths=(230, 90, 75, 85, 105, 65, 120))
        return ReportTable(
            self.meetings_model, placeholder=_("Search meetings…  (Ctrl+F)"),
            empty=EmptyState(_("No meetings in this period"), _("Pick another period, or plan "
                                                                "meetings on the Meetings screen.")),
            sort_column=MT_COL_DATE, descending=False,
            widths=(150, 260, 90, 240, 75, 85, 70))

    def focus_search(self) -> None:
        """Ctrl+F: the search box of the table shown, or of People from the charts."""
        if self.tabs.currentWidget() is not self.meetings_tab:
            self.tabs.setCurrentWidget(self.people_tab)
        table = self.meetings if self.tabs.currentWidget() is self.meetings_tab else self.people
        table.search.setFocus()
        table.search.selectAll()
