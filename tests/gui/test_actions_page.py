"""The Actions screen and the member record's Actions panel."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import Qt

from communitydesk.config import Paths
from communitydesk.db.engine import Database
from communitydesk.gui.common.dates import short_date
from communitydesk.gui.main_window import MainWindow
from communitydesk.gui.meetings.action_table_model import (
    COL_DUE,
    OVERDUE_BACKGROUND,
    ActionTableModel,
)
from communitydesk.gui.meetings.actions_page import ActionsPage, MemberActionsPanel
from communitydesk.gui.members.member_panels import member_panels
from communitydesk.services.meetings.actions import add_action, list_actions
from communitydesk.services.meetings.planning import add_meeting
from communitydesk.services.members.records import add_member
from tests.gui.meetings_helpers import make_ctx

TODAY = date(2026, 3, 15)


def _fill(db: Database) -> tuple[int, int]:
    with db.session() as s:
        ann = add_member(s, first_name="Ann", last_name="Lee").id
        zoe = add_member(s, first_name="Zoë", last_name="Öztürk").id
        m = add_meeting(s, title="General", starts_at=datetime(2026, 3, 3, 19)).id
        add_action(s, meeting_id=m, description="Write to the landlord", owner_id=ann, due_on=date(2026, 3, 10))
        add_action(s, meeting_id=m, description="Book the hall", owner_id=zoe, due_on=date(2026, 4, 1))
        add_action(s, meeting_id=m, description="Find a printer")
    return ann, zoe


def test_actions_page_overdue_filter_and_close(qtbot, db: Database, paths: Paths) -> None:
    ann, zoe = _fill(db)
    page = ActionsPage(make_ctx(db, paths), today=TODAY)
    qtbot.addWidget(page)
    page.wait_until_loaded()
    assert page.proxy.rowCount() == 3
    assert page.count_label.text() == "showing 3 · 3 open · 1 overdue"
    first = page.proxy.index(0, COL_DUE)
    assert first.data() == short_date(date(2026, 3, 10))
    assert first.data(Qt.ItemDataRole.BackgroundRole).color().name() == OVERDUE_BACKGROUND
    assert page.proxy.index(1, COL_DUE).data(Qt.ItemDataRole.BackgroundRole) is None
    assert first.data(Qt.ItemDataRole.ToolTipRole) == "Overdue by 5 days"

    page.set_owner(zoe)
    assert [page.proxy.row_at(r).description for r in range(page.proxy.rowCount())] == ["Book the hall"]
    page.set_owner(None)
    page.overdue_only.setChecked(True)
    assert page.proxy.rowCount() == 1
    page.overdue_only.setChecked(False)
    qtbot.keyClicks(page.search, "printer")
    assert page.proxy.rowCount() == 1
    page.search.clear()

    page.table.selectRow(0)
    assert page.close_selected("done") is not None
    page.wait_until_loaded()  # one write, then the list is read again
    assert page.proxy.rowCount() == 2
    page.show_closed.setChecked(True)
    assert page.proxy.rowCount() == 3
    with db.session() as s:
        assert [a.status for a in list_actions(s, owner_id=ann)] == ["done"]


def test_actions_page_empty_state(qtbot, db: Database, paths: Paths) -> None:
    page = ActionsPage(make_ctx(db, paths), today=TODAY)
    qtbot.addWidget(page)
    page.wait_until_loaded()
    assert page.stack.currentWidget() is page.empty


def test_member_panel_lists_open_actions(qtbot, db: Database, paths: Paths) -> None:
    ann, _ = _fill(db)
    panel_spec = next(p for p in member_panels() if p.key == "actions")
    panel = panel_spec.factory(make_ctx(db, paths), ann)
    qtbot.addWidget(panel)
    assert isinstance(panel, MemberActionsPanel)
    panel.loading.wait()
    assert panel.model.rowCount() == 1 and panel.summary.text().startswith("1 open action")


def test_action_model_is_sound(qtmodeltester, demo_db: Database) -> None:
    model = ActionTableModel(today=date(2026, 6, 15))
    with demo_db.session() as s:
        model.set_rows(list_actions(s))
    qtmodeltester.check(model)


def test_sidebar_has_actions_after_meetings(qtbot, demo_db: Database, paths: Paths) -> None:
    window = MainWindow(make_ctx(demo_db, paths))
    qtbot.addWidget(window)
    keys = [s.key for s in window.specs]
    assert keys.index("actions") == keys.index("meetings") + 1
    page = window.show_page("actions")
    assert isinstance(page, ActionsPage) and page.model.rowCount() > 0
    meetings = window.show_page("meetings")
    assert meetings.model.rowCount() == 12
