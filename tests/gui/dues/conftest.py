"""Fixtures for the dues screens: four members, two plans, payments that leave two lapsed."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QSettings

from communitydesk.config import Paths
from communitydesk.db.engine import Database
from communitydesk.gui.context import AppContext, DataEvents
from communitydesk.gui.dues.dues_page import DuesPage
from communitydesk.services.dues.payments import record_payment
from communitydesk.services.dues.plans import add_plan
from communitydesk.services.members.records import add_member

TODAY = date.today()


@pytest.fixture
def ctx(db: Database, paths: Paths) -> AppContext:
    with db.session() as s:
        add_plan(s, name="Standard", amount="12.00", period="year")
        add_plan(s, name="Concession", amount="3.00", period="year")
        names = [("Łukasz", "Nowak"), ("Zoë", "Adams"), ("Ivan", "Petrov"), ("Ana", "Silva")]
        for first, last in names:
            add_member(s, first_name=first, last_name=last)
        record_payment(s, 1, amount="12", paid_on=TODAY - timedelta(days=20), plan_name="Standard")
        record_payment(s, 2, amount="12", paid_on=TODAY - timedelta(days=360), plan_name="Standard")
        record_payment(s, 3, amount="3", paid_on=TODAY - timedelta(days=500), plan_name="Concession")
        record_payment(s, 4, amount="3", paid_on=TODAY - timedelta(days=700), plan_name="Concession")
    settings = QSettings(str(paths.gui_settings_file), QSettings.Format.IniFormat)
    return AppContext(paths=paths, db=db, gui_settings=settings, events=DataEvents())


@pytest.fixture
def page(qtbot, ctx: AppContext) -> DuesPage:
    widget = DuesPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    widget.wait_until_loaded()  # the first read starts once the page has painted
    qtbot.waitUntil(lambda: widget.data is not None)
    return widget


