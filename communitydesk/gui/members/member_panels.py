"""Extra tabs on a member's record, contributed by other capabilities.

The member form shows its own fields first, then one tab per entry here, e.g.
attendance history, open actions, one-to-ones and timeline, consent and privacy.
A capability adds its panel by appending one ``MemberPanel`` to ``member_panels()``;
the panel widget gets the context and the member id and may define ``refresh()``.
A panel is built when its tab is first shown (``PanelPlaceholder`` holds its place
until then): opening a record reads only what the Details tab needs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from communitydesk.gui.context import AppContext
from communitydesk.i18n import _


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


def _actions_panel(ctx: AppContext, member_id: int) -> QWidget:
    from communitydesk.gui.meetings.actions_page import MemberActionsPanel

    return MemberActionsPanel(ctx, member_id)


def _dues_panel(ctx: AppContext, member_id: int) -> QWidget:
    from communitydesk.gui.dues.member_dues_tab import MemberDuesTab

    return MemberDuesTab(ctx, member_id)


def _offices_panel(ctx: AppContext, member_id: int) -> QWidget:
    from communitydesk.gui.motions.member_offices import MemberOfficesPanel  # #16: offices held

    return MemberOfficesPanel(ctx, member_id)


def member_panels() -> list[MemberPanel]:
    from communitydesk.gui.attendance.member_attendance_panel import MemberAttendancePanel
    from communitydesk.gui.one_to_ones.member_tabs import one_to_ones_panel, timeline_panel
    from communitydesk.gui.privacy.privacy_panel import PrivacyPanel

    return [
        MemberPanel("attendance", _("Attendance"), MemberAttendancePanel),
        MemberPanel("actions", _("Actions"), _actions_panel),
        MemberPanel("one_to_ones", _("One-to-ones"), one_to_ones_panel, sensitive=True),
        MemberPanel("timeline", _("Timeline"), timeline_panel),
        MemberPanel("dues", _("&Dues"), _dues_panel),  # #17: Alt+D, Alt+R, Enter records a payment
        MemberPanel("offices", _("Offices"), _offices_panel),  # #16: terms from elections
        MemberPanel("privacy", _("Privacy"), PrivacyPanel, sensitive=True),
    ]
