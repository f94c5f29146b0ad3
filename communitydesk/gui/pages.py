"""The sidebar's screens, in order.

A page is built lazily the first time it is shown, and its module is imported
then too (fast start on big databases: ReportLab, openpyxl and QtCharts load
only when a screen needs them); the main window imports a module not yet loaded
on a worker (``load``) and builds the page once it is in. A page may define ``refresh()``, which the main
window calls when something in its ``refresh_on`` changes.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from communitydesk.gui.context import AppContext
from communitydesk.i18n import _


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str  # in the reader's language: specs are made after the language is chosen
    factory: Callable[[AppContext], QWidget]
    refresh_on: frozenset[str] = frozenset()

    @property
    def module(self) -> str | None:
        """The module the screen's class is in (gui/warm_up.py imports it ahead, #14)."""
        return getattr(self.factory, "module", None)

    @property
    def loaded(self) -> bool:
        """Its code is in memory, so building it costs no import (one being imported right
        now on another thread is not: building it would wait for that import)."""
        if self.module is None:
            return True
        module = sys.modules.get(self.module)
        return module is not None and not getattr(getattr(module, "__spec__", None), "_initializing", False)

    def load(self) -> object:
        """Import the screen's module (on a worker: no widget is touched)."""
        return importlib.import_module(self.module) if self.module else None


def _lazy(module: str, class_name: str) -> Callable[[AppContext], QWidget]:
    """A factory that imports ``module`` on first use and builds ``class_name(ctx)``."""

    def build(ctx: AppContext) -> QWidget:
        return getattr(importlib.import_module(module), class_name)(ctx)

    build.module = module  # type: ignore[attr-defined]
    return build


def page_specs() -> list[PageSpec]:
    return [
        PageSpec("members", _("Members"), _lazy("communitydesk.gui.members.members_page", "MembersPage"),
                 frozenset({"members", "tags"})),
        PageSpec("meetings", _("Meetings"), _lazy("communitydesk.gui.meetings.meetings_page", "MeetingsPage"),
                 frozenset({"meetings", "members", "attendance", "actions", "settings"})),
        PageSpec("actions", _("Actions"), _lazy("communitydesk.gui.meetings.actions_page", "ActionsPage"),
                 frozenset({"actions", "meetings", "members"})),
        PageSpec("attendance", _("Attendance"),
                 _lazy("communitydesk.gui.attendance.attendance_page", "AttendancePage"),
                 frozenset({"attendance", "members", "meetings", "tags"})),
        PageSpec("one_to_ones", _("One-to-ones"),
                 _lazy("communitydesk.gui.one_to_ones.one_to_ones_page", "OneToOnesPage"),
                 frozenset({"one_to_ones", "members", "attendance", "actions", "ladder", "settings"})),
        PageSpec("reports", _("Reports"), _lazy("communitydesk.gui.reports.reports_page", "ReportsPage"),
                 frozenset({"attendance", "meetings", "members", "tags", "settings"})),
        PageSpec("dues", _("Dues"), _lazy("communitydesk.gui.dues.dues_page", "DuesPage"),  # #17
                 frozenset({"dues", "members", "settings"})),
    ]
