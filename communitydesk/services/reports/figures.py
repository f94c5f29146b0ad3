"""Attendance reports for treasurers and funders, exactly per DESIGN.md's definitions.

- A meeting **counts** when it is not cancelled **and** has started on or before
  the as-of date (default today): a meeting still ahead is in no count, rate,
  chart or "last attended". The period is inclusive and compares the meeting's
  local start date. ``kind`` keeps only meetings of that
  kind; ``tag`` keeps only people carrying that tag (meetings still count).
- **Unique attendees**: distinct people ``present`` at a counted meeting in the
  period (prospects, i.e. guests, included). **New**: those whose first ever
  ``present`` at any counted meeting of the group falls inside the period;
  **returning**: the others.
- **Rate**: present ÷ counted meetings in the period that started on or after
  the person's ``joined_on`` (or their first ``present`` when ``joined_on`` is
  empty), as a fraction 0..1. Apologies are not presence.

The per-person list holds everyone on the register of a counted meeting in the
period (present, apologies or absent). It is computed with a handful of column
queries and Python counting: a year on 400,000 register entries stays well
under a second.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import NamedTuple

from sqlalchemy import Select, String, func, select, type_coerce
from sqlalchemy.orm import Session

from communitydesk.db.models import Attendance, Meeting, Member, Tag, member_tags
from communitydesk.domain import AttendanceStatus, MeetingKind, MeetingStatus
from communitydesk.errors import UserError
from communitydesk.i18n import N_, _
from communitydesk.services.attendance.history import (
    IDS_PER_QUERY,
    last_present_before,
    present_before,
)
from communitydesk.services.core.gc_pause import gc_paused
from communitydesk.services.core.ids import MeetingId, MemberId
from communitydesk.services.reports.periods import Period, months_between

PRESENT = AttendanceStatus.PRESENT
APOLOGIES = AttendanceStatus.APOLOGIES
ABSENT = AttendanceStatus.ABSENT


class MemberAttendance(NamedTuple):
    """One person's line: counts in the period, the rate, first and last attendance."""

    id: MemberId
    name: str
    status: str
    present: int
    apologies: int
    absent: int
    eligible: int  # the rate's denominator
    rate: float
    last_attended: date | None  # last present up to the period's end
    new: bool  # first ever present inside the period

    def to_json(self) -> dict:
        return {"id": self.id, "name": self.name, "present": self.present, "rate": self.rate}


class MeetingAttendance(NamedTuple):
    """One meeting's line; cancelled ones and those still ahead are listed with ``counted``
    False and no numbers."""

    id: MeetingId
    title: str
    kind: str
    starts_at: datetime
    status: str
    counted: bool
    present: int
    apologies: int
    absent: int
    new: int  # people whose first ever present was this meeting

    @property
    def not_counted_because(self) -> str | None:
        """Why the meeting is left out of the numbers, in words; None when it counts."""
        if self.counted:
            return None
        return (N_("cancelled") if self.status == MeetingStatus.CANCELLED.value
                else N_("not held yet"))


class MonthAttendance(NamedTuple):
    month: date  # first day of the month
    meetings: int
    unique_attendees: int
    new_attendees: int
    returning_attendees: int
    total_present: int
    apologies: int


@dataclass(frozen=True)
class AttendanceReport:
    period: Period
    tag: str | None
    kind: str | None
    meetings: int
    unique_attendees: int
    new_attendees: int
    returning_attendees: int
    total_present: int
    apologies: int
    members: tuple[MemberAttendance, ...] = ()
    meeting_rows: tuple[MeetingAttendance, ...] = ()
    months: tuple[MonthAttendance, ...] = field(default=())
    as_of: date | None = None  # meetings that started after this day are not counted
    paid_up: object | None = None  # #17 PaidUpFigures for the period (None: the group keeps no dues)

    def to_json(self) -> dict:
        """Exactly the keys of the CLI contract."""
        return {
            "meetings": self.meetings,
            "unique_attendees": self.unique_attendees,
            "new_attendees": self.new_attendees,
            "returning_attendees": self.returning_attendees,
            "total_present": self.total_present,
            "apologies": self.apologies,
            "members": [m.to_json() for m in self.members],
        }

    def headline(self) -> list[tuple[str, int]]:
        """(label, figure): labels in English, marked for the catalogue; ``_()`` them where shown."""
        return [
            (N_("Meetings"), self.meetings),
            (N_("Unique attendees"), self.unique_attendees),
            (N_("New"), self.new_attendees),
            (N_("Returning"), self.returning_attendees),
            (N_("Total attendances"), self.total_present),
            (N_("Apologies"), self.apologies),
        ]


def counted_meetings(rows: Sequence[MeetingAttendance]) -> list[MeetingAttendance]:
    """The meetings a chart plots: exactly those in the numbers (none still ahead)."""
    return [m for m in rows if m.counted]


def counted_before(as_of: date) -> datetime:
    """Meetings starting before this moment have started by ``as_of`` (its whole day)."""
    return datetime.combine(as_of + timedelta(days=1), time())


def period_bounds(period: Period) -> list:
    """SQL conditions on ``Meeting.starts_at`` for an inclusive local-date period."""
    conditions = []
    if period.start:
        conditions.append(Meeting.starts_at >= datetime.combine(period.start, time()))
    if period.end:
        conditions.append(Meeting.starts_at < datetime.combine(period.end + timedelta(days=1), time()))
    return conditions


def check_kind(kind: str | None) -> MeetingKind | None:
    if not kind:
        return None
    try:
        return MeetingKind(kind.strip().lower())
    except ValueError:
        allowed = ", ".join(k.value for k in MeetingKind)
        raise UserError(_("kind: {kind!r} is not one of {allowed}").format(kind=kind, allowed=allowed)) from None


def find_tag_id(session: Session, tag: str | None) -> int | None:
    if not tag or not tag.strip():
        return None
    tag_id = session.scalar(select(Tag.id).where(func.lower(Tag.name) == tag.strip().lower()))
    if tag_id is None:
        raise UserError(_("tag: there is no tag called {tag!r}").format(tag=tag.strip()))
    return tag_id


def _with_tag(query: Select, tag_id: int | None, member_col) -> Select:  # noqa: ANN001
    if tag_id is None:
        return query
    tagged = select(member_tags.c.member_id).where(member_tags.c.tag_id == tag_id)
    return query.where(member_col.in_(tagged))


def _day(value: datetime | date) -> date:
    return value.date() if isinstance(value, datetime) else value


def attendance_report(
    session: Session,
    period: Period,
    *,
    tag: str | None = None,
    kind: str | None = None,
    as_of: date | None = None,
) -> AttendanceReport:
    """Compute the headline numbers, per-person, per-meeting and per-month rows, counting
    the meetings that had started by ``as_of`` (default today)."""
    with gc_paused():  # tens of thousands of rows: see gc_pause
        return _count(session, period, tag=tag, kind=kind, as_of=as_of or date.today())


def _count(session: Session, period: Period, *, tag: str | None, kind: str | None,
           as_of: date) -> AttendanceReport:
    meeting_kind = check_kind(kind)
    tag_id = find_tag_id(session, tag)
    bounds = period_bounds(period)
    cutoff = counted_before(as_of)

    meeting_query = select(
        Meeting.id, Meeting.title, Meeting.kind, Meeting.starts_at, Meeting.status
    ).where(*bounds).order_by(Meeting.starts_at, Meeting.id)
    if meeting_kind is not None:
        meeting_query = meeting_query.where(Meeting.kind == meeting_kind)
    meetings = session.connection().execute(meeting_query).all()
    counted = {m.id: m for m in meetings
               if m.status != MeetingStatus.CANCELLED and m.starts_at < cutoff}

    entry_query = (
        # Status as plain text: no per-row enum conversion over tens of thousands of rows.
        select(Attendance.meeting_id, Attendance.member_id, type_coerce(Attendance.status, String))
        .join(Meeting, Meeting.id == Attendance.meeting_id)
        .where(*bounds, Meeting.status != MeetingStatus.CANCELLED, Meeting.starts_at < cutoff)
    )
    if meeting_kind is not None:
        entry_query = entry_query.where(Meeting.kind == meeting_kind)
    entries = session.connection().execute(_with_tag(entry_query, tag_id, Attendance.member_id)).all()

    # Counts as [present, apologies, absent] lists: cheaper than a Counter per person.
    per_member: dict[int, list[int]] = {}
    per_meeting: dict[int, list[int]] = {m: [0, 0, 0] for m in counted}
    present_by_meeting: dict[int, list[int]] = defaultdict(list)
    first_in: dict[int, date] = {}
    last_in: dict[int, date] = {}
    day_of = {mid: _day(m.starts_at) for mid, m in counted.items()}
    slot_of = {PRESENT.value: 0, APOLOGIES.value: 1, ABSENT.value: 2}
    for meeting_id, member_id, status in entries:
        slot = slot_of[status]
        counts = per_member.get(member_id)
        if counts is None:
            counts = per_member[member_id] = [0, 0, 0]
        counts[slot] += 1
        per_meeting[meeting_id][slot] += 1
        if slot == 0:
            present_by_meeting[meeting_id].append(member_id)
            day = day_of[meeting_id]
            if member_id not in first_in or day < first_in[member_id]:
                first_in[member_id] = day
            if member_id not in last_in or day > last_in[member_id]:
                last_in[member_id] = day

    attendees = set(first_in)
    present_query = entry_query.where(Attendance.status == PRESENT).with_only_columns(
        Attendance.member_id)
    history_end = min(period.start, as_of + timedelta(days=1)) if period.start else None
    came_before = present_before(
        session, history_end, attendees, _with_tag(present_query, tag_id, Attendance.member_id))
    new_people = attendees - came_before
    # Last attendance before the period for people on the register who did not come in it.
    last_before = last_present_before(session, history_end, set(per_member) - attendees)

    member_rows = _member_rows(
        session, counted, per_member, first_in, last_in | last_before, came_before, new_people
    )
    meeting_rows = tuple(
        MeetingAttendance(
            id=MeetingId(m.id), title=m.title, kind=m.kind.value, starts_at=m.starts_at,
            status=m.status.value, counted=m.id in counted,
            present=per_meeting.get(m.id, [0])[0], apologies=per_meeting.get(m.id, [0, 0])[1],
            absent=per_meeting.get(m.id, [0, 0, 0])[2],
            new=sum(1 for who in present_by_meeting[m.id]
                    if who in new_people and first_in[who] == _day(m.starts_at)),
        )
        for m in meetings
    )
    return AttendanceReport(
        period=period, tag=tag.strip() if tag_id is not None and tag else None,
        kind=meeting_kind.value if meeting_kind else None,
        meetings=len(counted),
        unique_attendees=len(attendees),
        new_attendees=len(new_people),
        returning_attendees=len(attendees) - len(new_people),
        total_present=sum(c[0] for c in per_member.values()),
        apologies=sum(c[1] for c in per_member.values()),
        members=member_rows,
        meeting_rows=meeting_rows,
        months=_month_rows(period, as_of, counted, per_meeting, present_by_meeting, first_in,
                           new_people),
        as_of=as_of,
        paid_up=_report_paid_up(session, period, as_of),
    )


def _member_rows(
    session: Session,
    counted: dict,
    per_member: dict[int, list[int]],
    first_in: dict[int, date],
    last_present: dict[int, date],
    came_before: set[int],
    new_people: set[int],
) -> tuple[MemberAttendance, ...]:
    """One line per person on a register of a counted meeting in the period.

    Written for speed (a year at scale has 17,000 lines): plain column values,
    no per-row type conversion beyond the join date, and tuples built directly.
    """
    meeting_days = sorted(_day(m.starts_at) for m in counted.values())
    total = len(meeting_days)
    columns = (
        Member.id, Member.first_name, Member.last_name, type_coerce(Member.status, String),
        Member.joined_on, Member.anonymised_at.is_not(None),
    )
    if len(per_member) > 5 * IDS_PER_QUERY:  # most of the group: one pass over everyone is quicker
        queries = [select(*columns)]
    else:
        ordered = sorted(per_member)
        queries = [select(*columns).where(Member.id.in_(ordered[i:i + IDS_PER_QUERY]))
                   for i in range(0, len(ordered), IDS_PER_QUERY)]
    make = tuple.__new__
    rows = []
    append = rows.append
    get_counts, get_last, get_first = per_member.get, last_present.get, first_in.get
    for query in queries:
        for mid, first, last, status, joined_on, anonymised in session.connection().execute(query).all():
            counts = get_counts(mid)
            if counts is None:
                continue
            present = counts[0]
            reference = joined_on or (date.min if mid in came_before else get_first(mid))
            eligible = total - bisect_left(meeting_days, reference) if reference else 0
            rate = (present / eligible if present < eligible else 1.0) if eligible else (
                1.0 if present else 0.0)
            name = _("Anonymised person") if anonymised else (
                f"{first} {last}" if first and last else (first or last or _("(no name)")))
            append(make(MemberAttendance, (
                mid, name, status, present, counts[1], counts[2], eligible,
                round(rate, 4), get_last(mid), mid in new_people,
            )))
    rows.sort(key=lambda r: (-r[3], r[1].casefold(), r[0]))  # most present first, then by name
    return tuple(rows)


def _month_rows(
    period: Period,
    as_of: date,
    counted: dict,
    per_meeting: dict[int, list[int]],
    present_by_meeting: dict[int, list[int]],
    first_in: dict[int, date],
    new_people: set[int],
) -> tuple[MonthAttendance, ...]:
    """Every month of the period up to the as-of month (empty months too, so a chart has
    no gaps; months still ahead have nothing to show)."""
    if not counted and not (period.start and period.end):
        return ()
    days = [_day(m.starts_at) for m in counted.values()]
    start = period.start or min(days)
    end = min(period.end or max(days), as_of)
    by_month: dict[date, list] = defaultdict(list)
    for m in counted.values():
        by_month[_day(m.starts_at).replace(day=1)].append(m.id)
    out = []
    for month in months_between(start, end):
        ids = by_month.get(month, [])
        people = {who for mid in ids for who in present_by_meeting[mid]}
        new = sum(1 for who in people
                  if who in new_people and first_in[who].replace(day=1) == month)
        out.append(MonthAttendance(
            month=month, meetings=len(ids), unique_attendees=len(people), new_attendees=new,
            returning_attendees=len(people) - new,
            total_present=sum(per_meeting[mid][0] for mid in ids),
            apologies=sum(per_meeting[mid][1] for mid in ids),
        ))
    return tuple(out)


def report_tags(session: Session) -> list[str]:
    """Tag names for the filter box."""
    return list(session.scalars(select(Tag.name).order_by(func.lower(Tag.name))))



# --- #17 dues: paid-up members on a date and over a period (the rules live in services/dues)
def paid_up_members(session: Session, start: date, end: date):  # noqa: ANN201 - PaidUpFigures
    """Funder figures: paid-up members on ``end`` and at any time from ``start`` to ``end``."""
    from communitydesk.services.dues.paid_up import paid_up_figures

    return paid_up_figures(session, start, end)


def _report_paid_up(session: Session, period: Period, as_of: date):  # noqa: ANN202 - PaidUpFigures | None
    from communitydesk.services.dues.paid_up import report_paid_up

    return report_paid_up(session, period.start, min(period.end, as_of) if period.end else as_of)
