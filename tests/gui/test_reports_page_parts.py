"""The Reports screen does less on the UI thread (#14): the People and Meetings tables are built
when their tab is first shown, with the rows the worker already put in the table's order, and
the attendance chart's points are made on the worker; what a person sees is unchanged."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from communitydesk.config import Paths
from communitydesk.db.engine import Database
from communitydesk.gui.context import AppContext, DataEvents
from communitydesk.gui.reports.report_table_models import M_COL_NAME, M_COL_PRESENT, MT_COL_DATE
from communitydesk.gui.reports.report_widgets import ReportTable
from communitydesk.gui.reports.reports_page import ReportsPage
from communitydesk.services.settings.group_settings import save_settings
from tests.services.report_data import PERIOD, build_report_group


def _page(qtbot, db: Database, paths: Paths, *, wait: bool = True) -> ReportsPage:
    with db.session() as s:
        build_report_group(s)
        save_settings(s, group_name="Northside Tenants", financial_year_start_month=1)
    ctx = AppContext(paths=paths, db=db, events=DataEvents(),
                     gui_settings=QSettings(str(paths.gui_settings_file), QSettings.Format.IniFormat))
    page = ReportsPage(ctx, today=date(2026, 4, 20))
    qtbot.addWidget(page)
    page.resize(1200, 760)
    if wait:
        page.wait_until_loaded()
    return page


@pytest.fixture
def page(qtbot, db: Database, paths: Paths) -> ReportsPage:
    page = _page(qtbot, db, paths)
    with qtbot.waitSignal(page.report_ready, timeout=20000):
        page.filters.choose(start=PERIOD[0], end=PERIOD[1])
    return page


def _names(table: ReportTable) -> list[str]:
    return [table.proxy.index(r, M_COL_NAME).data() for r in range(table.proxy.rowCount())]


def test_the_tables_appear_with_their_rows_when_their_tab_is_shown(qtbot, page: ReportsPage) -> None:
    assert page.people_tab.findChild(ReportTable) is None  # not built with the screen
    assert page.meetings_tab.findChild(ReportTable) is None
    page.show()
    page.tabs.setCurrentWidget(page.people_tab)
    people = page.people_tab.findChild(ReportTable)
    assert people is page.people and people.isVisible()
    assert people.count.text() == "showing 5 of 5" and people.stack.currentWidget() is people.table
    # Most present first, as the table sorted them when it was built with the screen.
    header = people.table.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        M_COL_PRESENT, Qt.SortOrder.DescendingOrder)
    presents = [int(people.proxy.index(r, M_COL_PRESENT).data()) for r in range(5)]
    assert presents == sorted(presents, reverse=True) and _names(people)[0] == "Ann Archer"
    page.tabs.setCurrentWidget(page.meetings_tab)
    meetings = page.meetings_tab.findChild(ReportTable)
    assert meetings is page.meetings and meetings.isVisible()
    assert meetings.proxy.index(0, 1).data() == "January general"  # oldest first
    assert meetings.table.horizontalHeader().sortIndicatorSection() == MT_COL_DATE
    meetings.search.setText("spring")
    assert meetings.proxy.rowCount() == 1 and meetings.count.text() == "showing 1 of 5"


def test_a_table_shown_before_the_count_lands_fills_in(qtbot, db: Database, paths: Paths) -> None:
    page = _page(qtbot, db, paths, wait=False)
    page.tabs.setCurrentWidget(page.meetings_tab)  # while the first count is still running
    meetings = page.meetings
    page.wait_until_loaded()
    # This financial year so far: M1..M6 (M3 cancelled, listed but not counted).
    assert meetings.model.rowCount() == 6 and meetings.count.text() == "showing 6 of 6"
    assert meetings.stack.currentWidget() is meetings.table


def test_a_new_count_keeps_the_order_the_person_chose(qtbot, page: ReportsPage) -> None:
    people = page.people
    people.table.sortByColumn(M_COL_NAME, Qt.SortOrder.AscendingOrder)
    assert _names(people) == ["Ann Archer", "Bob Baker", "Cat Cole", "Dan Dunn", "Łukasz Żółw"]
    with qtbot.waitSignal(page.report_ready, timeout=20000):
        page.filters.choose(start=date(2026, 1, 1), end=date(2026, 4, 30))
    assert _names(people) == ["Ann Archer", "Bob Baker", "Cat Cole", "Dan Dunn", "Łukasz Żółw"]
    assert people.table.horizontalHeader().sortIndicatorSection() == M_COL_NAME


def test_find_from_the_charts_opens_the_people_search(qtbot, page: ReportsPage) -> None:
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    assert page.tabs.currentIndex() == 0  # the charts
    page.focus_search()
    assert page.tabs.currentWidget() is page.people_tab
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.people.search)
    page.tabs.setCurrentWidget(page.meetings_tab)
    page.focus_search()
    assert page.tabs.currentWidget() is page.meetings_tab
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.meetings.search)


def test_the_chart_from_points_made_on_the_worker_is_the_same_chart(qtbot, page: ReportsPage) -> None:
    from PySide6.QtCore import QLocale

    from communitydesk.gui.reports.attendance_charts import (
        attendance_chart,
        attendance_points,
        chart_summary,
    )

    rows = page.report.meeting_rows
    shown = page.attendance_panel.view.chart()
    made_here = attendance_chart(rows, as_of=page.report.as_of)  # points made on this thread
    for one, other in zip(shown.series(), made_here.series(), strict=True):
        assert one.points() == other.points()
    assert [(p.y()) for p in attendance_points(rows)] == [2, 1, 3, 2]  # M1, M2, M4, M5
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    try:
        assert chart_summary(shown) == (
            "4 meetings from 14/01/2026 to 31/03/2026; Present between 1 and 3 people, "
            "most on 10/03/2026 (3), 2 at the latest.")
    finally:
        QLocale.setDefault(previous)


def test_the_figure_tiles_paint_the_look_their_style_sheet_had(qtbot, page: ReportsPage, tmp_path) -> None:  # noqa: ANN001
    """Painted, not style-sheeted (#14), with the same colours, the same large demi-bold figure,
    and the same following of a dark palette (#19)."""
    from PySide6.QtGui import QColor, QFont, QPalette

    from communitydesk.gui.reports.report_widgets import FigureTile, tile_look

    ink = QPalette.ColorRole.WindowText
    tile = page.tiles["Meetings"]
    assert tile.value.palette().color(ink) == QColor("#23332c")
    assert tile.label.palette().color(ink) == QColor("#5f6b66")
    assert page.paid_up.palette().color(ink) == QColor("#5f6b66")
    assert tile.value.font().weight() == QFont.Weight.DemiBold
    assert tile.value.font().pointSizeF() > 1.5 * tile.label.font().pointSizeF()
    page.show()
    picture = tile.grab().toImage()
    middle = picture.pixelColor(picture.width() - 8, picture.height() // 2)
    assert middle == QColor("white")  # the card's surface
    app = QApplication.instance()
    light = app.palette()
    dark = QPalette(light)
    for role, colour in ((QPalette.ColorRole.Window, "#202124"), (QPalette.ColorRole.Base, "#2b2c2f"),
                         (QPalette.ColorRole.Text, "#e8eaed")):
        dark.setColor(role, QColor(colour))
    app.setPalette(dark)
    try:
        look = tile_look()
        assert (look.surface, look.value) == (QColor("#2b2c2f"), QColor("#e8eaed"))
        in_the_dark = FigureTile("Meetings", look)
        qtbot.addWidget(in_the_dark)
        in_the_dark.resize(200, 70)
        picture = in_the_dark.grab().toImage()
        assert picture.pixelColor(100, 35) == QColor("#2b2c2f")
        assert in_the_dark.value.palette().color(ink) == QColor("#e8eaed")
    finally:
        app.setPalette(light)
