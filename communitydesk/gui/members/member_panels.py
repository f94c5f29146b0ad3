"""Extra tabs on a member's record, contributed by other capabilities.

The member form shows its own fields first, then one tab per entry here, e.g.
attendance history, open actions, one-to-ones and timeline, consent and privacy.
A capability adds its panel by appending one ``MemberPanel`` to ``member_panels()``;
the panel widget gets the context and the member id and may define ``refresh()``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from communitydesk.gui.context import AppContext


@dataclass(frozen=True)
class MemberPanel:
    key: str
    title: str
    factory: Callable[[AppContext, int], QWidget]
    sensitive: bool = False  # shows a "confidential" marker on the tab


def member_panels() -> list[MemberPanel]:
    from communitydesk.gui.attendance.member_attendance_panel import MemberAttendancePanel
    from communitydesk.gui.privacy.privacy_panel import PrivacyPanel

    return [
        MemberPanel("attendance", "Attendance", MemberAttendancePanel),
        MemberPanel("privacy", "Privacy", PrivacyPanel, sensitive=True),
    ]
