"""The Dues page opens in two event-loop turns (#14): the page with its header and filters, then
its table and side panel. They still appear, fill in and work, and the page still asks the window
for the width they need (#19)."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from communitydesk.gui.context import AppContext, DataEvents
from communitydesk.gui.dues.dues_page import DuesPage
from communitydesk.gui.main_window import MainWindow


def test_the_table_and_totals_come_in_the_turn_after_the_page_and_work(qtbot, ctx: AppContext) -> None:
    settings = QSettings(str(ctx.paths.gui_settings_file), QSettings.Format.IniFormat)
    window = MainWindow(AppContext(paths=ctx.paths, db=ctx.db, gui_settings=settings, events=DataEvents()))
    qtbot.addWidget(window)
    window.resize(1024, 640)
    window.show()
    window.show_page_at(next(i for i, s in enumerate(window.specs) if s.key == "dues"))
    page = window.pages["dues"]
    assert isinstance(page, DuesPage)
    assert page._body is None  # not in the page's own turn
    qtbot.waitUntil(lambda: page._body is not None)
    assert page.minimumWidth() >= page.layout().minimumSize().width() >= page.body.minimumSizeHint().width()
    qtbot.waitUntil(lambda: page.data is not None)
    qtbot.waitUntil(page.table.isVisible)
    assert page.totals.isVisible() and "4</b> people" in page.totals.text()
    assert page.chart.isVisible() and len(page.chart.months) == 12
    assert page.table.model() is page.model and page.model.rowCount() == 4
    assert page.table.accessibleName() == "Dues standing"
    page.table.selectRow(0)
    assert page.selected_member_id() == page.model.row_at(0).member_id
    page.table.doubleClicked.emit(page.table.currentIndex())  # a double-click records a payment
    qtbot.waitUntil(lambda: getattr(page, "dialog", None) is not None)
    page.dialog.close()


def test_the_table_asked_for_at_once_is_built_at_once(qtbot, ctx: AppContext) -> None:
    page = DuesPage(ctx)
    qtbot.addWidget(page)
    table = page.table
    assert page.body.table is table and page.layout().indexOf(page.body) == -1  # in the body's slot
    assert page._body_slot.indexOf(page.body) == 0
    page.wait_until_loaded()  # the first read starts a turn later
    qtbot.wait(20)  # the turn that would have built it finds it built
    assert page.table is table and page.model.rowCount() == 4


def test_waiting_for_the_page_waits_for_its_table_and_data(qtbot, ctx: AppContext) -> None:
    settings = QSettings(str(ctx.paths.gui_settings_file), QSettings.Format.IniFormat)
    window = MainWindow(AppContext(paths=ctx.paths, db=ctx.db, gui_settings=settings, events=DataEvents()))
    qtbot.addWidget(window)
    window.show()
    page = window.show_page("dues")  # the window waits for what the page loads
    assert page._body is not None and page.data is not None and page.model.rowCount() == 4


def test_the_first_read_starts_after_the_page_s_own_turn(qtbot, ctx: AppContext) -> None:
    page = DuesPage(ctx)
    qtbot.addWidget(page)
    page.show()
    assert page.loading is None and not ctx.ops.busy  # nothing reads beside the page's first layout
    qtbot.waitUntil(lambda: page.data is not None)
    assert page.model.rowCount() == 4
