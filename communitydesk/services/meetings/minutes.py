"""Minutes: text and decision per agenda item, approval (at which meeting), reopening.

Text is stored exactly as typed (Unicode, line breaks, trailing spaces); only an
all-blank box is stored as "no minutes". Approved minutes are read-only: every
agenda and action change on that meeting is refused until they are reopened.

Minutes are approved as a true record only for a meeting that has taken place, at
a later meeting that has taken place too (a meeting "has taken place" from its own
day on, as in the reports). ``approval_choices`` tells the window what it may offer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from communitydesk.db.models import AgendaItem, Meeting
from communitydesk.domain import MeetingStatus
from communitydesk.errors import UserError
from communitydesk.i18n import _
from communitydesk.services.meetings.agenda import AgendaEntry, update_agenda_item
from communitydesk.services.meetings.planning import load_meeting


@dataclass(frozen=True)
class MinutesApproval:
    meeting_id: int
    approved_at: datetime | None
    approved_at_meeting_id: int | None
    approved_at_meeting_title: str | None
    at_meeting_name: str | None = None  # the same meeting, for screens that format the date
    at_meeting_starts_at: datetime | None = None

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
        raise UserError(_("item: meeting {meeting_id} has no agenda item number {position}").format(meeting_id=meeting_id, position=position))
    changes: dict[str, object] = {"minutes": text}
    if not keep_decision:
        changes["decision"] = decision
    return update_agenda_item(session, item.id, changes, expected_version=expected_version)


def minutes_approval(session: Session, meeting_id: int) -> MinutesApproval:
    meeting = load_meeting(session, meeting_id)
    at = meeting.minutes_approved_at_meeting_id
    other = load_meeting(session, at) if at is not None else None
    title = f"{other.title} ({other.starts_at:%Y-%m-%d})" if other is not None else None
    return MinutesApproval(meeting_id=meeting.id, approved_at=meeting.minutes_approved_at,
                           approved_at_meeting_id=at, approved_at_meeting_title=title,
                           at_meeting_name=other.title if other is not None else None,
                           at_meeting_starts_at=other.starts_at if other is not None else None)


class ApprovalMeeting(NamedTuple):
    id: int
    title: str
    starts_at: datetime
    series_id: int | None


@dataclass(frozen=True)
class ApprovalChoices:
    """Where the minutes of a meeting may be approved; ``reason`` says why not, if not."""

    meetings: tuple[ApprovalMeeting, ...]
    default_id: int | None
    reason: str | None


def _taken_place(meeting: Meeting, today: date) -> bool:
    return meeting.starts_at.date() <= today


def _refusal(meeting: Meeting, today: date) -> str | None:
    """Why this meeting's minutes cannot be approved now (None when they can)."""
    if meeting.minutes_approved_at is not None:
        return _("the minutes of {title} are already approved").format(title=meeting.title)
    if meeting.status == MeetingStatus.CANCELLED:
        return _("{title} was cancelled: there are no minutes to approve.").format(title=meeting.title)
    if not _taken_place(meeting, today):
        return _("{title} has not taken place yet: minutes are approved after the meeting.").format(
            title=meeting.title)
    return None


def approval_choices(session: Session, meeting_id: int, *, today: date | None = None) -> ApprovalChoices:
    """The later meetings, already held and not cancelled, at which these minutes may be
    approved; the default is the next one of the same series (else the next one)."""
    today = today or date.today()
    meeting = load_meeting(session, meeting_id)
    reason = _refusal(meeting, today)
    if reason is not None:
        return ApprovalChoices(meetings=(), default_id=None, reason=reason)
    rows = session.execute(
        select(Meeting.id, Meeting.title, Meeting.starts_at, Meeting.series_id).where(
            Meeting.starts_at > meeting.starts_at, Meeting.status != MeetingStatus.CANCELLED,
            Meeting.starts_at < datetime.combine(today + timedelta(days=1), time()),
        ).order_by(Meeting.starts_at, Meeting.id)
    ).all()
    meetings = tuple(ApprovalMeeting(*row) for row in rows)
    if not meetings:
        return ApprovalChoices(meetings=(), default_id=None, reason=(
            _("no later meeting has taken place yet: the minutes of {title} are "
              "approved at the next meeting.").format(title=meeting.title)))
    same_series = [m for m in meetings if meeting.series_id is not None and m.series_id == meeting.series_id]
    return ApprovalChoices(meetings=meetings, default_id=(same_series or meetings)[0].id, reason=None)


def approve_minutes(session: Session, meeting_id: int, *, at_meeting_id: int,
                    when: datetime | None = None, today: date | None = None) -> MinutesApproval:
    """Record that the minutes were approved as a true record at meeting ``at_meeting_id``:
    a later meeting, and both have taken place by ``today`` (default the computer's date)."""
    today = today or date.today()
    meeting = load_meeting(session, meeting_id)
    at = load_meeting(session, at_meeting_id)
    reason = _refusal(meeting, today)
    if reason is not None:
        raise UserError(reason)
    if at.id == meeting.id or at.starts_at <= meeting.starts_at:
        raise UserError(_("--at: minutes are approved at a later meeting than {title} ({starts_at:%Y-%m-%d})").format(title=meeting.title, starts_at=meeting.starts_at))
    if at.status == MeetingStatus.CANCELLED:
        raise UserError(_("--at: {title} ({starts_at:%Y-%m-%d}) was cancelled").format(title=at.title, starts_at=at.starts_at))
    if not _taken_place(at, today):
        raise UserError(_("--at: {title} ({starts_at:%Y-%m-%d}) has not taken place yet").format(title=at.title, starts_at=at.starts_at))
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
