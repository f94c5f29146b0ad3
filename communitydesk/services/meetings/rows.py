"""The Meetings screen's list: every meeting with its "Present" count, in one query.

A GROUP BY over the register, joined to the meetings, so 2,000 meetings with
400,000 register entries list without loading a single ORM object. A meeting
still ahead (starting after ``today``) shows nobody present, as in the reports.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import NamedTuple

from sqlalchemy import String, and_, func, select, type_coerce
from sqlalchemy.orm import Session

from communitydesk.db.models import Attendance, Meeting
from communitydesk.domain import AttendanceStatus
from communitydesk.services.core.ids import MeetingId


class MeetingRow(NamedTuple):
    id: MeetingId
    title: str
    kind: str
    starts_at: datetime
    ends_at: datetime | None
    venue: str | None
    status: str
    series_id: int | None
    present: int
    minutes_approved: bool

    def is_upcoming(self, now: datetime) -> bool:
        return (self.ends_at or self.starts_at) >= now and self.status != "held"

    def to_json(self) -> dict:
        return {
            "id": self.id, "title": self.title, "kind": self.kind, "starts_at": self.starts_at,
            "ends_at": self.ends_at, "venue": self.venue, "status": self.status,
            "series_id": self.series_id, "present": self.present,
            "minutes_approved": self.minutes_approved,
        }


def list_meeting_rows(session: Session, *, today: date | None = None) -> list[MeetingRow]:
    """All meetings in start order, with how many people were present at each one that has
    started by ``today`` (default: the computer's date)."""
    started_before = datetime.combine((today or date.today()) + timedelta(days=1), time())
    counts = (
        select(Attendance.meeting_id.label("meeting_id"), func.count().label("present"))
        .join(Meeting, Meeting.id == Attendance.meeting_id)
        .where(Attendance.status == AttendanceStatus.PRESENT, Meeting.starts_at < started_before)
        .group_by(Attendance.meeting_id)
        .subquery()
    )
    query = (
        # Kind and status as the stored words: no enum made and unwrapped per row (the list is
        # read on a worker while the window paints; its Python time is the window's wait, #14).
        select(Meeting.id, Meeting.title, type_coerce(Meeting.kind, String), Meeting.starts_at, Meeting.ends_at,
               Meeting.venue, type_coerce(Meeting.status, String), Meeting.series_id,
               func.coalesce(counts.c.present, 0), Meeting.minutes_approved_at)
        .outerjoin(counts, and_(counts.c.meeting_id == Meeting.id))
        .order_by(Meeting.starts_at, Meeting.id)
    )
    return [
        MeetingRow(MeetingId(r[0]), r[1], r[2], r[3], r[4], r[5], r[6], r[7], int(r[8]), r[9] is not None)
        for r in session.execute(query)
    ]
