"""Extra tabs on a member's record, contributed by other capabilities.

The member form shows its own fields first, then one tab per entry here, e.g.
attendance history, open actions, one-to-ones and timeline, consent and privacy.
A capability adds its panel by appending one ``MemberPanel`` to ``member_panels()``;
the panel widget gets the context and the member id and may define ``refresh()``.
A panel is built when its tab is first shown (``PanelPlaceholder`` holds its place
until then): opening a record reads only what the Details tab needs and imports none of
the panels' modules; they are imported in the background once the Details show (#14).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from communitydesk.gui.context import AppContext
from communitydesk.i18n import _

if TYPE_CHECKING:
    from communitydesk.gui.warm_up import WarmUp

# The panels' modules, imported by their factories below when a tab is first shown, and
# ahead of that in the background once a record has opened (``warm_panel_modules``).
PANEL_MODULES = (
    "communitydesk.gui.attendance.member_attendance_panel",
    "communitydesk.gui.meetings.actions_page",
    "communitydesk.gui.one_to_ones.member_tabs",
    "communitydesk.gui.dues.member_dues_tab",
    "communitydesk.gui.motions.member_offices",
    "communitydesk.gui.privacy.privacy_panel",
)


@dataclass(frozen=True)
class MemberPanel:
    key: str
    title: str
    factory: Callable[[AppContext, int], QWidget]
    sensitive: bool = False  # shows a "confidential" marker on the tab


class PanelPlaceholder(QWidget):
    """Stands in a tab for a panel not built yet; the dialog swaps in the panel when shown."""

    def __init__(self, panel: MemberPanel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.panel = panel
        label = QLabel(_("Loading…"))
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        QVBoxLayout(self).addWidget(label)


# Each factory imports its capability's module when the tab is first shown: opening a record
# for its Details imports none of them (#14: ~35 ms of the UI thread's time when the record
# opened, for the one-to-ones, timeline and privacy modules alone).
def _attendance_panel(ctx: AppContext, member_id: int) -> QWidget:
    from communitydesk.gui.attendance.member_attendance_panel import MemberAttendancePanel

    return MemberAttendancePanel(ctx, member_id)


def _actions_panel(ctx: AppContext, member_id: int) -> QWidget:
    from communitydesk.gui.meetings.actions_page import MemberActionsPanel

    return MemberActionsPanel(ctx, member_id)


def _one_to_ones_panel(ctx: AppContext, member_id: int) -> QWidget:
    from communitydesk.gui.one_to_ones.member_tabs import one_to_ones_panel

    return one_to_ones_panel(ctx, member_id)


def _timeline_panel(ctx: AppContext, member_id: int) -> QWidget:
    from communitydesk.gui.one_to_ones.member_tabs import timeline_panel

    return timeline_panel(ctx, member_id)


def _dues_panel(ctx: AppContext, member_id: int) -> QWidget:
    from communitydesk.gui.dues.member_dues_tab import MemberDuesTab

    return MemberDuesTab(ctx, member_id)


def _offices_panel(ctx: AppContext, member_id: int) -> QWidget:
    from communitydesk.gui.motions.member_offices import MemberOfficesPanel  # #16: offices held

    return MemberOfficesPanel(ctx, member_id)


def _privacy_panel(ctx: AppContext, member_id: int) -> QWidget:
    from communitydesk.gui.privacy.privacy_panel import PrivacyPanel

    return PrivacyPanel(ctx, member_id)


def member_panels() -> list[MemberPanel]:
    return [
        MemberPanel("attendance", _("Attendance"), _attendance_panel),
        MemberPanel("actions", _("Actions"), _actions_panel),
        MemberPanel("one_to_ones", _("One-to-ones"), _one_to_ones_panel, sensitive=True),
        MemberPanel("timeline", _("Timeline"), _timeline_panel),
        MemberPanel("dues", _("&Dues"), _dues_panel),  # #17: Alt+D, Alt+R, Enter records a payment
        MemberPanel("offices", _("Offices"), _offices_panel),  # #16: terms from elections
        MemberPanel("privacy", _("Privacy"), _privacy_panel, sensitive=True),
    ]


def warm_modules(ctx: AppContext, modules: tuple[str, ...]) -> WarmUp | None:
    """Import the modules not imported yet through the runner (gui/warm_up.py), so a later
    first use does not import them on the UI thread; None when all are in already."""
    missing = [name for name in modules if name not in sys.modules]
    if not missing:
        return None
    from communitydesk.gui.warm_up import WarmUp

    return WarmUp(ctx.ops, missing, fonts=False).start()


def warm_panel_modules(ctx: AppContext) -> WarmUp | None:
    """Once a record shows its Details: the other tabs' code, before the person clicks one."""
    return warm_modules(ctx, PANEL_MODULES)
