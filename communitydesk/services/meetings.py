"""Meetings: plan, list, cancel. Times are local wall-clock (see settings.timezone)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from communitydesk.db.models import Meeting, MeetingKind, MeetingStatus
from communitydesk.errors import UserError
from communitydesk.services.ids import MeetingId


@dataclass(frozen=True)
class MeetingSummary:
    id: MeetingId
    title: str
    kind: str
    starts_at: datetime
    ends_at: datetime | None
    venue: str | None
    status: str
    series_id: int | None = None

    def to_json(self) -> dict:
        return {
            "id": self.id, "title": self.title, "kind": self.kind, "starts_at": self.starts_at,
            "ends_at": self.ends_at, "venue": self.venue, "status": self.status,
            "series_id": self.series_id,
        }


def parse_when(text: str, *, field: str = "date") -> datetime:
    """Accept ``YYYY-MM-DD HH:MM``, ``YYYY-MM-DDTHH:MM`` or a plain date (midnight)."""
    text = text.strip()
    for fmt in ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S"):
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            pass
    try:
        return datetime.combine(date.fromisoformat(text), time())
    except ValueError:
        raise UserError(f"{field}: {text!r} is not a date and time like 2026-03-05 19:00") from None


def parse_day(text: str, *, field: str = "date") -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UserError(f"{field}: {text!r} is not a date like 2026-03-05") from None


def _kind(value: str | MeetingKind) -> MeetingKind:
    try:
        return MeetingKind(str(value).lower())
    except ValueError:
        allowed = ", ".join(k.value for k in MeetingKind)
        raise UserError(f"kind: {value!r} is not one of {allowed}") from None


def summarise(meeting: Meeting) -> MeetingSummary:
    return MeetingSummary(
        id=MeetingId(meeting.id), title=meeting.title, kind=meeting.kind.value,
        starts_at=meeting.starts_at, ends_at=meeting.ends_at, venue=meeting.venue,
        status=meeting.status.value, series_id=meeting.series_id,
    )


def add_meeting(
    session: Session,
    *,
    title: str,
    starts_at: datetime,
    ends_at: datetime | None = None,
    venue: str | None = None,
    kind: str | MeetingKind = MeetingKind.GENERAL,
    status: MeetingStatus = MeetingStatus.PLANNED,
    series_id: int | None = None,
    chair_id: int | None = None,
    minute_taker_id: int | None = None,
) -> MeetingSummary:
    title = (title or "").strip()
    if not title:
        raise UserError("title: a meeting needs a title")
    if ends_at is not None and ends_at < starts_at:
        raise UserError("ends: the meeting cannot end before it starts")
    meeting = Meeting(
        title=title, starts_at=starts_at, ends_at=ends_at, venue=(venue or "").strip() or None,
        kind=_kind(kind), status=status, series_id=series_id, chair_id=chair_id,
        minute_taker_id=minute_taker_id,
    )
    session.add(meeting)
    session.flush()
    return summarise(meeting)


def load_meeting(session: Session, meeting_id: int) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise UserError(f"no meeting with id {meeting_id}")
    return meeting


def get_meeting(session: Session, meeting_id: int) -> MeetingSummary:
    return summarise(load_meeting(session, meeting_id))


def list_meetings(
    session: Session, *, from_date: date | None = None, to_date: date | None = None
) -> list[MeetingSummary]:
    """Meetings in start order; the period is inclusive on local start dates."""
    query = select(Meeting).order_by(Meeting.starts_at, Meeting.id)
    if from_date:
        query = query.where(Meeting.starts_at >= datetime.combine(from_date, time()))
    if to_date:
        query = query.where(Meeting.starts_at < datetime.combine(to_date + timedelta(days=1), time()))
    return [summarise(m) for m in session.scalars(query)]


def cancel_meeting(session: Session, meeting_id: int) -> MeetingSummary:
    meeting = load_meeting(session, meeting_id)
    meeting.status = MeetingStatus.CANCELLED
    session.flush()
    return summarise(meeting)
