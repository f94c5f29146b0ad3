"""The Reports screen on the hand-counted group: numbers, filters, tables, charts, exports."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QImage

from communitydesk.config import Paths
from communitydesk.db.engine import Database
from communitydesk.gui.context import AppContext, DataEvents
from communitydesk.gui.reports.report_jobs import ReportJob
from communitydesk.gui.reports.report_table_models import (
    M_COL_NAME,
    M_COL_RATE,
    MT_COL_DATE,
    member_report_model,
)
from communitydesk.gui.reports.reports_page import ReportsPage
from communitydesk.services.attendance_export import ExportCancelled, export_attendance
from communitydesk.services.report_periods import Period
from communitydesk.services.reports import attendance_report
from communitydesk.services.settings import save_settings
from tests.services.report_data import PERIOD, build_report_group


@pytest.fixture
def page(qtbot, db: Database, paths: Paths) -> ReportsPage:
    with db.session() as s:
        build_report_group(s)
        save_settings(s, group_name="Northside Tenants", financial_year_start_month=1)
    settings = QSettings(str(paths.gui_settings_file), QSettings.Format.IniFormat)
    ctx = AppContext(paths=paths, db=db, gui_settings=settings, events=DataEvents())
    widget = ReportsPage(ctx, today=date(2026, 2, 20))
    qtbot.addWidget(widget)
    widget.resize(1200, 760)
    return widget


def _choose(qtbot, page: ReportsPage, **kw) -> None:
    with qtbot.waitSignal(page.report_ready, timeout=20000):
        page.filters.choose(**kw)


def _figures(page: ReportsPage) -> dict[str, str]:
    return {label: tile.value.text() for label, tile in page.tiles.items()}


def test_opens_on_this_financial_year_and_filters(qtbot, page: ReportsPage) -> None:
    # Financial year starts in January in this group's settings: 2026 so far.
    assert page.report.period.start == date(2026, 1, 1)
    assert _figures(page)["Meetings"] == "5"  # M1, M2, M4, M5, M6 (M3 cancelled)
    _choose(qtbot, page, start=PERIOD[0], end=PERIOD[1])
    assert _figures(page) == {"Meetings": "4", "Unique attendees": "4", "New": "2",
                              "Returning": "2", "Total attendances": "8", "Apologies": "2"}
    _choose(qtbot, page, tag="Tenants")
    assert _figures(page)["Unique attendees"] == "2"
    _choose(qtbot, page, tag="", kind="general")
    assert (_figures(page)["Meetings"], _figures(page)["Total attendances"]) == ("2", "5")
    _choose(qtbot, page, preset="this_month")
    assert page.report.period.start == date(2026, 2, 1) and _figures(page)["Meetings"] == "0"
    # February's only general meeting was cancelled: listed, not counted, nobody on a register.
    assert page.meetings.model.rowCount() == 1
    assert page.people.stack.currentWidget() is page.people.empty


def test_tables_sort_and_search(qtbot, page: ReportsPage) -> None:
    _choose(qtbot, page, start=PERIOD[0], end=PERIOD[1])
    people = page.people
    assert people.model.rowCount() == 5
    people.table.sortByColumn(M_COL_RATE, Qt.SortOrder.AscendingOrder)
    first = people.proxy.index(0, M_COL_NAME).data()
    assert first == "Dan Dunn"
    people.search.setText("lukasz")
    assert people.proxy.rowCount() == 1 and people.count.text() == "showing 1 of 5"
    people.search.setText("nobody at all")
    assert people.stack.currentWidget() is people.no_match
    meetings = page.meetings
    meetings.table.sortByColumn(MT_COL_DATE, Qt.SortOrder.DescendingOrder)
    assert meetings.proxy.index(0, 1).data() == "Spring social"
    assert any("not counted" in meetings.model.index(r, 3).data()
               for r in range(meetings.model.rowCount()))


def test_item_models_pass_the_model_tester(qtmodeltester, db: Database) -> None:
    with db.session() as s:
        build_report_group(s)
        report = attendance_report(s, Period(*PERIOD))
    model = member_report_model()
    model.set_rows(report.members)
    qtmodeltester.check(model)


def test_charts_save_as_png(qtbot, page: ReportsPage, tmp_path: Path) -> None:
    _choose(qtbot, page, start=PERIOD[0], end=PERIOD[1])
    page.show()
    chart = page.attendance_panel.view.chart()
    assert chart.title() == "Attendance per meeting" and chart.series()[0].count() == 4
    bars = page.new_panel.view.chart().series()[0].barSets()
    assert [bars[0].at(i) for i in range(3)] == [0, 0, 2]  # new people in Jan, Feb, Mar
    saved = page.new_panel.save_png(tmp_path / "new-vs-returning")
    image = QImage(str(saved))
    assert saved.suffix == ".png" and image.width() == 1200 and image.height() == 600
    page.grab().save(str(tmp_path / "reports-screen.png"))


def test_exports_run_in_the_background(qtbot, page: ReportsPage, tmp_path: Path) -> None:
    _choose(qtbot, page, start=PERIOD[0], end=PERIOD[1])
    with qtbot.waitSignal(page.export_done, timeout=30000) as done:
        page.export_workbook_to(tmp_path / "funder.xlsx")
    assert "written" in done.args[0]
    book = openpyxl.load_workbook(tmp_path / "funder.xlsx")
    assert book.sheetnames == ["Summary", "Meetings", "People", "Months"]
    with qtbot.waitSignal(page.export_done, timeout=30000) as done:
        page.export_pdf_to(tmp_path / "report.pdf")
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")
    with qtbot.waitSignal(page.export_done, timeout=30000) as done:
        page.export_attendance_to(tmp_path / "register.csv", by="entry")
    assert done.args[0].startswith("13 rows written")


def test_a_cancelled_export_leaves_no_file(db: Database, tmp_path: Path) -> None:
    with db.session() as s:
        build_report_group(s)
    target = tmp_path / "cancelled.csv"

    def work(job: ReportJob) -> str:
        with db.session() as session:
            export_attendance(session, target, period=Period(None, None), progress=job.keep_going)
        return "done"

    job = ReportJob(work)
    failures: list[BaseException] = []
    job.signals.failed.connect(failures.append)
    job.cancel()  # as the progress dialog's Cancel button does
    job.run()
    assert isinstance(failures[0], ExportCancelled) and not target.exists()


def test_data_changes_refresh_the_screen(qtbot, page: ReportsPage, db: Database) -> None:
    from communitydesk.services.members import add_member

    with db.session() as s:
        add_member(s, first_name="New", last_name="Tagger", tags=["Street champions"])
    with qtbot.waitSignal(page.report_ready, timeout=20000):
        page.refresh()
    assert page.filters.tag.findData("Street champions") >= 0


def test_financial_year_start_is_saved_in_settings(qtbot, page: ReportsPage, db: Database) -> None:
    from communitydesk.services.settings import load_settings

    with qtbot.waitSignal(page.report_ready, timeout=20000):
        page.filters.fy_start.setCurrentIndex(3)  # April
    with db.session() as s:
        assert load_settings(s).financial_year_start_month == 4
    # Today is 20 Feb 2026, so this financial year began in April 2025.
    assert page.report.period.start == date(2025, 4, 1)
    assert page.report.period.end == date(2026, 3, 31)


def test_a_planned_meeting_still_ahead_counts_but_is_not_charted_as_zero(qtbot) -> None:
    from datetime import datetime

    from communitydesk.gui.reports.attendance_charts import attendance_chart
    from communitydesk.services.reports import MeetingAttendance, meetings_so_far

    def row(id_: int, when: datetime, status: str, present: int) -> MeetingAttendance:
        return MeetingAttendance(id_, "General meeting", "general", when, status,
                                 status != "cancelled", present, 0, 0, 0)

    now = datetime(2026, 11, 25, 12, 0)
    rows = [row(1, datetime(2026, 11, 3, 19), "held", 24),
            row(2, datetime(2026, 11, 10, 19), "planned", 9),  # in the past, never marked held
            row(3, datetime(2026, 11, 17, 19), "cancelled", 0),
            row(4, datetime(2026, 12, 1, 19), "planned", 0)]  # still to come
    assert [m.id for m in meetings_so_far(rows, now)] == [1, 2]
    chart = attendance_chart(rows, now=now)
    line = chart.series()[0]
    assert [int(line.at(i).y()) for i in range(line.count())] == [24, 9]
