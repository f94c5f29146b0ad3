"""The sidebar's screens, in order. Each capability replaces its placeholder here.

A page is built lazily the first time it is shown (fast start on big databases)
and may define ``refresh()``, which the main window calls when data changes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from communitydesk.gui.context import AppContext
from communitydesk.gui.meetings.actions_page import ActionsPage
from communitydesk.gui.meetings.meetings_page import MeetingsPage
from communitydesk.gui.members.members_page import MembersPage
from communitydesk.gui.reports.reports_page import ReportsPage
from communitydesk.gui.widgets import PlaceholderPage


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str
    factory: Callable[[AppContext], QWidget]
    refresh_on: frozenset[str] = frozenset()


def _placeholder(title: str, coming: str) -> Callable[[AppContext], QWidget]:
    return lambda ctx: PlaceholderPage(title, coming)


def _attendance_page(ctx: AppContext) -> QWidget:
    from communitydesk.gui.attendance.attendance_page import AttendancePage

    return AttendancePage(ctx)


def _one_to_ones_page(ctx: AppContext) -> QWidget:
    from communitydesk.gui.one_to_ones.one_to_ones_page import OneToOnesPage

    return OneToOnesPage(ctx)


def page_specs() -> list[PageSpec]:
    return [
        PageSpec("members", "Members", MembersPage, frozenset({"members", "tags"})),
        PageSpec("meetings", "Meetings", MeetingsPage,
                 frozenset({"meetings", "members", "attendance", "actions", "settings"})),
        PageSpec("actions", "Actions", ActionsPage, frozenset({"actions", "meetings", "members"})),
        PageSpec("attendance", "Attendance", _attendance_page,
                 frozenset({"attendance", "members", "meetings", "tags"})),
        PageSpec("one_to_ones", "One-to-ones", _one_to_ones_page,
                 frozenset({"one_to_ones", "members", "attendance", "actions", "ladder", "settings"})),
        PageSpec("reports", "Reports", ReportsPage,
                 frozenset({"attendance", "meetings", "members", "tags", "settings"})),
    ]
