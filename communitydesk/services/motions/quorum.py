"""Is the meeting quorate? Present people against the group's ``quorum`` setting.

The rule (DESIGN.md "Motions, votes and quorum"): the setting is a number of people
("12"), a share of the members active on the meeting's date ("10%", which rounds up:
10% of 41 active is 5), or "" for no rule (any meeting is quorate). "Active on the
meeting's date" is status active and not joined after that day (the database keeps
no history of status changes, so today's status stands for the day's).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from communitydesk.db.models import Attendance, Member
from communitydesk.domain import AttendanceStatus, MemberStatus
from communitydesk.i18n import _
from communitydesk.services.meetings.planning import load_meeting
from communitydesk.services.settings.group_settings import load_settings


@dataclass(frozen=True)
class Quorum:
    present: int
    required: int
    quorate: bool
    rule: str = ""  # the setting it was worked out from ("" = no rule)

    def to_json(self) -> dict:
        return {"present": self.present, "required": self.required, "quorate": self.quorate}

    def label(self) -> str:
        """``Present 23 of 18 needed — quorate`` in the reader's language (the CLI, the screens)."""
        if not self.rule:
            return _("Present {present} — no quorum rule set").format(present=self.present)
        if self.quorate:
            return _("Present {present} of {required} needed — quorate").format(
                present=self.present, required=self.required)
        return _("Present {present} of {required} needed — not quorate").format(
            present=self.present, required=self.required)


def required_for(rule: str, active_members: int) -> int:
    """People needed under ``rule``; a share of the active members rounds up."""
    text = (rule or "").strip()
    if not text:
        return 0
    if text.endswith("%"):
        share = int(text[:-1])
        return (active_members * share + 99) // 100
    return int(text)


def decide(present: int, rule: str, active_members: int) -> Quorum:
    """The pure rule, for the tests and for a meeting's live count."""
    required = required_for(rule, active_members)
    return Quorum(present=present, required=required, quorate=present >= required, rule=rule)


def active_members_on(session: Session, day: date) -> int:
    """Members counted for a share quorum on ``day``."""
    return session.scalar(
        select(func.count()).select_from(Member).where(
            Member.status == MemberStatus.ACTIVE,
            Member.anonymised_at.is_(None),
            or_(Member.joined_on.is_(None), Member.joined_on <= day),
        )
    ) or 0


def present_count(session: Session, meeting_id: int) -> int:
    return session.scalar(
        select(func.count()).select_from(Attendance).where(
            Attendance.meeting_id == meeting_id, Attendance.status == AttendanceStatus.PRESENT)
    ) or 0


def meeting_quorum(session: Session, meeting_id: int) -> Quorum:
    """The meeting's quorum now, from its register and the setting."""
    meeting = load_meeting(session, meeting_id)
    rule = load_settings(session).quorum
    active = active_members_on(session, meeting.starts_at.date()) if rule.endswith("%") else 0
    return decide(present_count(session, meeting_id), rule, active)
