"""Minutes: text and decision per agenda item, approval (at which meeting), reopening.

Text is stored exactly as typed (Unicode, line breaks, trailing spaces); only an
all-blank box is stored as "no minutes". Approved minutes are read-only: every
agenda and action change on that meeting is refused until they are reopened.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from communitydesk.db.models import AgendaItem
from communitydesk.errors import UserError
from communitydesk.services.agenda import AgendaEntry, update_agenda_item
from communitydesk.services.meetings import load_meeting


@dataclass(frozen=True)
class MinutesApproval:
    meeting_id: int
    approved_at: datetime | None
    approved_at_meeting_id: int | None
    approved_at_meeting_title: str | None

    @property
    def approved(self) -> bool:
        return self.approved_at is not None

    def to_json(self) -> dict:
        return {"meeting_id": self.meeting_id, "approved": self.approved,
                "approved_at": self.approved_at, "approved_at_meeting_id": self.approved_at_meeting_id,
                "approved_at_meeting_title": self.approved_at_meeting_title}


def set_minutes(
    session: Session,
    meeting_id: int,
    position: int,
    *,
    text: str | None,
    decision: str | None = None,
    expected_version: int | None = None,
    keep_decision: bool = False,
) -> AgendaEntry:
    """Write the minutes (and decision) of the item at ``position`` (1-based)."""
    load_meeting(session, meeting_id)
    item = session.scalar(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id,
                                                   AgendaItem.position == position))
    if item is None:
        raise UserError(f"item: meeting {meeting_id} has no agenda item number {position}")
    changes: dict[str, object] = {"minutes": text}
    if not keep_decision:
        changes["decision"] = decision
    return update_agenda_item(session, item.id, changes, expected_version=expected_version)


def minutes_approval(session: Session, meeting_id: int) -> MinutesApproval:
    meeting = load_meeting(session, meeting_id)
    at = meeting.minutes_approved_at_meeting_id
    title = None
    if at is not None:
        other = load_meeting(session, at)
        title = f"{other.title} ({other.starts_at:%Y-%m-%d})"
    return MinutesApproval(meeting_id=meeting.id, approved_at=meeting.minutes_approved_at,
                           approved_at_meeting_id=at, approved_at_meeting_title=title)


def approve_minutes(session: Session, meeting_id: int, *, at_meeting_id: int,
                    when: datetime | None = None) -> MinutesApproval:
    """Record that the minutes were approved as a true record at meeting ``at_meeting_id``."""
    meeting = load_meeting(session, meeting_id)
    at = load_meeting(session, at_meeting_id)
    if meeting.minutes_approved_at is not None:
        raise UserError(f"the minutes of meeting {meeting_id} are already approved")
    if at.id != meeting.id and at.starts_at < meeting.starts_at:
        raise UserError("--at: minutes are approved at the same or a later meeting")
    meeting.minutes_approved_at = when or datetime.now().replace(microsecond=0)
    meeting.minutes_approved_at_meeting_id = at.id
    session.flush()
    return minutes_approval(session, meeting_id)


def reopen_minutes(session: Session, meeting_id: int) -> MinutesApproval:
    """Make approved minutes editable again (an explicit step, never a side effect)."""
    meeting = load_meeting(session, meeting_id)
    meeting.minutes_approved_at = None
    meeting.minutes_approved_at_meeting_id = None
    session.flush()
    return minutes_approval(session, meeting_id)
