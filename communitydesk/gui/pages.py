"""The sidebar's screens, in order. Each capability replaces its placeholder here.

A page is built lazily the first time it is shown (fast start on big databases)
and may define ``refresh()``, which the main window calls when data changes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from communitydesk.gui.context import AppContext
from communitydesk.gui.members.members_page import MembersPage
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


def page_specs() -> list[PageSpec]:
    return [
        PageSpec("members", "Members", MembersPage, frozenset({"members", "tags"})),
        PageSpec("meetings", "Meetings", _placeholder(
            "Meetings", "Plan meetings and recurring series, write agendas and minutes, and "
            "carry open actions into the next meeting as matters arising.")),
        PageSpec("attendance", "Attendance", _attendance_page,
                 frozenset({"attendance", "members", "meetings", "tags"})),
        PageSpec("one_to_ones", "One-to-ones", _placeholder(
            "One-to-ones", "Log conversations, keep a follow-up queue, and see who is ready to "
            "move up the leadership ladder.")),
        PageSpec("reports", "Reports", _placeholder(
            "Reports", "Unique attendees, new and returning people, attendance rates and charts "
            "for funders, exported to spreadsheets and PDF.")),
    ]
