"""Who came before a report's period: the history behind "new" and "last attended".

A person is **new** in a period when they were never present at a counted
(not cancelled) meeting of any kind before it. Both questions are answered by
the database with the attendance indexes, not by reading the whole register.
"""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from communitydesk.db.models import Attendance, Meeting, Member
from communitydesk.domain import AttendanceStatus, MeetingStatus

PRESENT = AttendanceStatus.PRESENT

_SCAN_LIMIT = 400  # up to this many earlier meetings, scan them; beyond, probe per person
IDS_PER_QUERY = 500  # ids per IN (...) list, well inside every database's parameter limit


def _counted_before(start: date) -> Select:
    return select(Meeting.id).where(
        Meeting.starts_at < datetime.combine(start, time()),
        Meeting.status != MeetingStatus.CANCELLED,
    )


def present_before(
    session: Session, start: date | None, people: set[int], people_query: Select
) -> set[int]:
    """Which of ``people`` were present at a counted meeting (any kind) before ``start``.

    Two plans, picked by how much history lies before the period: a scan of the
    few earlier meetings' registers, or an early-exit probe per person.
    """
    if start is None or not people:
        return set()
    earlier = session.scalar(select(func.count()).select_from(_counted_before(start).subquery()))
    if not earlier:
        return set()
    if earlier <= _SCAN_LIMIT:
        query = select(Attendance.member_id).distinct().where(
            Attendance.status == PRESENT, Attendance.meeting_id.in_(_counted_before(start))
        )
        return {m for m in session.connection().execute(query).scalars().all() if m in people}
    probe = (
        select(Attendance.id)
        .join(Meeting, Meeting.id == Attendance.meeting_id)
        .where(
            Attendance.member_id == Member.id, Attendance.status == PRESENT,
            Meeting.status != MeetingStatus.CANCELLED,
            Meeting.starts_at < datetime.combine(start, time()),
        )
    )
    query = select(Member.id).where(Member.id.in_(people_query), probe.exists())
    return set(session.connection().execute(query).scalars().all())  # fetchall, not row by row


def last_present_before(session: Session, start: date | None, people: set[int]) -> dict[int, date]:
    if start is None or not people:
        return {}
    out: dict[int, date] = {}
    ordered = sorted(people)
    for i in range(0, len(ordered), IDS_PER_QUERY):
        query = (
            select(Attendance.member_id, func.max(Meeting.starts_at))
            .join(Meeting, Meeting.id == Attendance.meeting_id)
            .where(
                Attendance.member_id.in_(ordered[i:i + IDS_PER_QUERY]), Attendance.status == PRESENT,
                Meeting.status != MeetingStatus.CANCELLED,
                Meeting.starts_at < datetime.combine(start, time()),
            )
            .group_by(Attendance.member_id)
        )
        out.update((m, last.date() if isinstance(last, datetime) else last) for m, last in session.connection().execute(query).all()
                   if last is not None)
    return out
