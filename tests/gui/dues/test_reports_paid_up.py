"""Paid-up members on the Reports screen (#17): shown when the group keeps dues, hidden otherwise."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from communitydesk.config import Paths
from communitydesk.db.engine import Database
from communitydesk.gui.context import AppContext, DataEvents
from communitydesk.gui.reports.reports_page import ReportsPage


def _page(qtbot, ctx: AppContext) -> ReportsPage:
    page = ReportsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    page.wait_until_loaded()
    qtbot.waitUntil(lambda: page.report is not None if hasattr(page, "report") else False)
    return page


def test_reports_screen_shows_paid_up_members(qtbot, ctx: AppContext) -> None:
    page = _page(qtbot, ctx)
    assert page.paid_up.isVisible()
    assert page.paid_up.text().startswith("Paid-up members: 2 on")  # Łukasz and Zoë today
    assert "paid up at some time in the period" in page.paid_up.text()


def test_reports_screen_without_dues_says_nothing_of_them(qtbot, db: Database, paths: Paths) -> None:
    settings = QSettings(str(paths.gui_settings_file), QSettings.Format.IniFormat)
    page = _page(qtbot, AppContext(paths=paths, db=db, gui_settings=settings, events=DataEvents()))
    assert not page.paid_up.isVisible()
