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
from communitydesk.gui.reports.report_table_models import (
    M_COL_NAME,
    M_COL_RATE,
    MT_COL_DATE,
    member_report_model,
)
from communitydesk.gui.reports.reports_page import ReportsPage
from communitydesk.services.attendance.export import ExportCancelled, export_attendance
from communitydesk.services.reports.figures import attendance_report
from communitydesk.services.reports.periods import Period
from communitydesk.services.settings.group_settings import save_settings
from tests.services.report_data import PERIOD, build_report_group


@pytest.fixture
def page(qtbot, db: Database, paths: Paths) -> ReportsPage:
    with db.session() as s:
        build_report_group(s)
        save_settings(s, group_name="Northside Tenants", financial_year_start_month=1)
    settings = QSettings(str(paths.gui_settings_file), QSettings.Format.IniFormat)
    ctx = AppContext(paths=paths, db=db, gui_settings=settings, events=DataEvents())
    widget = ReportsPage(ctx, today=date(2026, 4, 20))
    qtbot.addWidget(widget)
    widget.resize(1200, 760)
    widget.wait_until_loaded()
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
    _choose(qtbot, page, start=date(2026, 2, 1), end=date(2026, 2, 28))
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


def test_a_cancelled_export_leaves_no_file(qtbot, page: ReportsPage, tmp_path: Path) -> None:
    target = tmp_path / "cancelled.csv"
    with qtbot.waitSignal(page.export_done, timeout=30000) as done:
        op = page.export_attendance_to(target, by="entry")
        op.cancel()  # as the progress dialog's Cancel button does
    assert done.args[0] == "Export cancelled: no file was written"
    assert page.status.text() == done.args[0] and not target.exists()


def test_the_export_service_stops_when_told(db: Database, tmp_path: Path) -> None:
    with db.session() as s:
        build_report_group(s)
        target = tmp_path / "stopped.csv"
        with pytest.raises(ExportCancelled):
            export_attendance(s, target, period=Period(None, None), progress=lambda _d, _t: False)
    assert not target.exists()


def test_a_newer_period_choice_wins(qtbot, page: ReportsPage) -> None:
    shown: list[Period] = []
    page.report_ready.connect(lambda report: shown.append(report.period))
    page.filters.choose(start=date(2026, 2, 1), end=date(2026, 2, 28))
    page.filters.choose(start=PERIOD[0], end=PERIOD[1])  # chosen before the first count landed
    page.ctx.ops.wait_idle()
    page.wait_until_loaded()  # the count on screen in all its parts
    assert shown == [Period(*PERIOD)]
    assert _figures(page)["Meetings"] == "4"


def test_the_screen_opens_counting_and_reads_once(qtbot, db: Database, paths: Paths) -> None:
    """One read (one session) for the settings, the tags and the report, off the UI thread."""
    from sqlalchemy import event

    with db.session() as s:
        build_report_group(s)
        save_settings(s, group_name="Northside Tenants", financial_year_start_month=1)
    ctx = AppContext(paths=paths, db=db, events=DataEvents(),
                     gui_settings=QSettings(str(paths.gui_settings_file), QSettings.Format.IniFormat))
    sessions: list[object] = []

    def began(conn) -> None:  # noqa: ANN001
        sessions.append(conn)

    event.listen(db.engine, "begin", began)
    try:
        page = ReportsPage(ctx, today=date(2026, 4, 20))
        qtbot.addWidget(page)
        assert page.status.text() == "Counting…" and page.report is None
        page.wait_until_loaded()
    finally:
        event.remove(db.engine, "begin", began)
    assert len(sessions) == 1
    assert page.group_name == "Northside Tenants"
    assert page.report.period.start == date(2026, 1, 1)  # the stored financial year, not the default
    assert page.filters.tag.findData("Tenants") >= 0


def test_data_changes_refresh_the_screen(qtbot, page: ReportsPage, db: Database) -> None:
    from communitydesk.services.members.records import add_member

    with db.session() as s:
        add_member(s, first_name="New", last_name="Tagger", tags=["Street champions"])
    with qtbot.waitSignal(page.report_ready, timeout=20000):
        page.refresh()
    assert page.filters.tag.findData("Street champions") >= 0


def test_financial_year_start_is_saved_in_settings(qtbot, page: ReportsPage, db: Database) -> None:
    from communitydesk.services.settings.group_settings import load_settings

    page.filters.fy_start.setCurrentIndex(3)  # April
    page.ctx.ops.wait_idle()
    page.wait_until_loaded()  # the recount the save started, on screen
    with db.session() as s:
        assert load_settings(s).financial_year_start_month == 4
    # Today is 20 Apr 2026, so this financial year began in April 2026.
    assert page.report.period.start == date(2026, 4, 1)
    assert page.report.period.end == date(2027, 3, 31)


def test_a_meeting_still_ahead_is_in_no_number_rate_or_chart(qtbot, db: Database, paths: Paths) -> None:
    """Issue 13 item 6: Ann came to the only meeting so far: 100%, last attended 3 Nov."""
    from PySide6.QtCore import QLocale

    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    try:
        _check_one_meeting_so_far(qtbot, db, paths)
    finally:
        QLocale.setDefault(previous)


def _check_one_meeting_so_far(qtbot, db: Database, paths: Paths) -> None:
    from communitydesk.gui.reports.report_table_models import M_COL_LAST, MT_COL_STATUS
    from tests.services.report_data import ONE_SO_FAR_AS_OF, build_one_meeting_so_far

    with db.session() as s:
        build_one_meeting_so_far(s)
    ctx = AppContext(paths=paths, db=db, events=DataEvents(),
                     gui_settings=QSettings(str(paths.gui_settings_file), QSettings.Format.IniFormat))
    page = ReportsPage(ctx, today=ONE_SO_FAR_AS_OF)
    qtbot.addWidget(page)
    page.wait_until_loaded()
    _choose(qtbot, page, start=date(2026, 11, 1), end=date(2026, 12, 31))
    assert _figures(page)["Meetings"] == "1" and _figures(page)["Total attendances"] == "1"
    people = {page.people.model.index(r, M_COL_NAME).data(): r
              for r in range(page.people.model.rowCount())}
    ann = people["Ann Archer"]
    assert page.people.model.index(ann, M_COL_RATE).data() == "100%"
    assert page.people.model.index(ann, M_COL_LAST).data() == "03/11/2026"
    statuses = [page.meetings.model.index(r, MT_COL_STATUS).data()
                for r in range(page.meetings.model.rowCount())]
    assert "Planned (not counted: not held yet)" in statuses
    line = page.attendance_panel.view.chart().series()[0]
    assert [int(line.at(i).y()) for i in range(line.count())] == [1]
    assert "still ahead, not counted" in page.attendance_panel.caption.text()
