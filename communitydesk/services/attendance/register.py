"""The register: who is expected, who came, who sent apologies; guests and door check-ins.

The register lists ``expected_people()`` in their shared numbered order (the same
numbers as the printed sign-in sheet), each with their entry for the meeting.
A person with no entry is "not marked" (absent by default in reports).

A meeting that starts after today takes apologies only: nobody can be present at,
or absent from, a meeting that has not happened (DESIGN.md: it does not count yet).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from itertools import chain, count
from operator import itemgetter
from typing import NamedTuple

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from communitydesk.db.models import Attendance, Meeting, Member
from communitydesk.domain import AttendanceStatus, MeetingStatus
from communitydesk.errors import UserError
from communitydesk.i18n import _
from communitydesk.services.attendance.expected import (
    CHECKED_IN,
    ENTRY_STATUS,
    FIRST,
    LAST,
    MEMBER_ID,
    MEMBER_STATUS,
    NUMBER,
    SheetOrder,
    display_name,
    sheet_order,
)
from communitydesk.services.attendance.sheet_numbers import fix_sheet_order
from communitydesk.services.core.gc_pause import gc_paused
from communitydesk.services.core.ids import MeetingId, MemberId
from communitydesk.services.core.lookup import fetch, not_found
from communitydesk.services.meetings.planning import load_meeting
from communitydesk.services.members.records import add_member

STATUSES = tuple(s.value for s in AttendanceStatus)


class RegisterRow(NamedTuple):
    """One numbered line of a meeting's register; ``status`` is None when not marked yet."""

    number: int
    member_id: MemberId
    first_name: str
    last_name: str
    display_name: str
    member_status: str
    status: str | None
    checked_in_at: datetime | None


@dataclass(frozen=True)
class RegisterCounts:
    expected: int
    present: int
    apologies: int
    absent: int
    not_marked: int

    def to_json(self) -> dict:
        return {"expected": self.expected, "present": self.present, "apologies": self.apologies,
                "absent": self.absent, "not_marked": self.not_marked}


@dataclass(frozen=True)
class AttendanceEntry:
    meeting_id: MeetingId
    member_id: MemberId
    status: str | None
    checked_in_at: datetime | None

    def to_json(self) -> dict:
        return {"meeting_id": self.meeting_id, "member_id": self.member_id, "status": self.status,
                "checked_in_at": self.checked_in_at}


@dataclass(frozen=True)
class Guest:
    """A newcomer added at a meeting: the new prospect member and their register entry."""

    member_id: MemberId
    display_name: str
    entry: AttendanceEntry


@dataclass(frozen=True)
class AttendedMeeting:
    meeting_id: MeetingId
    title: str
    starts_at: datetime
    meeting_status: str
    status: str
    checked_in_at: datetime | None


@dataclass(frozen=True)
class MemberAttendance:
    """A member's history: last attended, this year's rate per DESIGN.md, every entry."""

    member_id: MemberId
    last_attended: date | None
    present_this_year: int
    counted_this_year: int
    rate_this_year: float | None  # None when no meeting counts for them yet this year
    entries: tuple[AttendedMeeting, ...]


def _status(value: str | AttendanceStatus) -> AttendanceStatus:
    try:
        return AttendanceStatus(str(value).strip().lower())
    except ValueError:
        raise UserError("status: " + _("{value} is not one of {allowed}").format(
            value=repr(value), allowed=", ".join(STATUSES))) from None


def _check_member(session: Session, member_id: int) -> Member:
    member = fetch(session, Member, member_id)
    if member.anonymised_at is not None:
        raise UserError(_("member {id} has been anonymised and cannot be marked").format(id=member_id))
    return member


def _check_markable(session: Session, member_id: int) -> None:
    """As _check_member, reading only the columns a door login may read (#20: no contact details)."""
    found = session.execute(select(Member.anonymised_at).where(Member.id == member_id)).first()
    if found is None:
        raise not_found(Member, member_id)
    if found[0] is not None:
        raise UserError(_("member {id} has been anonymised and cannot be marked").format(id=member_id))


def _entry(row: Attendance | None, meeting_id: int, member_id: int) -> AttendanceEntry:
    if row is None:
        return AttendanceEntry(MeetingId(meeting_id), MemberId(member_id), None, None)
    return AttendanceEntry(MeetingId(row.meeting_id), MemberId(row.member_id), row.status.value,
                           row.checked_in_at)


def register_rows(session: Session, meeting_id: int) -> list[RegisterRow]:
    """Everyone expected, numbered as on the sign-in sheet, with their entry (if any); never writes."""
    return read_register_rows(session, meeting_id)[0]


def read_register_rows(session: Session, meeting_id: int) -> tuple[list[RegisterRow], bool]:
    """``register_rows`` and whether someone's number is still provisional (never writes)."""
    with gc_paused():
        order = sheet_order(session, meeting_id)
        rows, provisional = register_rows_of(order), order.provisional
        del order  # see ``register_rows_of``
    return rows, provisional


def open_register(session: Session, meeting_id: int) -> list[RegisterRow]:
    """The register as a screen shows it: its numbers are fixed first, so row 18 stays row 18."""
    with gc_paused():
        order = fix_sheet_order(session, meeting_id)[0]
        rows = register_rows_of(order)
        del order  # see ``register_rows_of``
    return rows


_new_tuple = tuple.__new__  # a RegisterRow made in C, not through its Python ``__new__``


def register_rows_of(order: SheetOrder) -> list[RegisterRow]:
    """Expected people with their entry (read in the same query), in sheet order.

    Callers let go of ``order`` before the collector is back on: the collection that then
    walks every object made meanwhile holds the interpreter lock throughout (the window
    waits), and the database's 15,000 rows would double what it walks.
    """
    return [_new_tuple(RegisterRow, row) for row in register_tuples_of(order)]


def register_tuples_of(order: SheetOrder) -> list[tuple]:
    """``register_rows_of`` as plain tuples in ``RegisterRow``'s field order, for a screen that
    keeps a big register: the cycle collector stops following a plain tuple of plain values
    the first time it sees it, while a NamedTuple stays followed for as long as it lives
    (15,000 of them per register pushed Python into full collections of everything)."""
    rows = order.rows
    numbers = chain(map(itemgetter(NUMBER), rows[:order.fixed]), count(order.next_number))
    return [(number, row[MEMBER_ID], row[FIRST], row[LAST], display_name(row), row[MEMBER_STATUS],
             row[ENTRY_STATUS], row[CHECKED_IN])
            for number, row in zip(numbers, rows, strict=False)]  # numbers: endless


def count_register(rows: Iterable[RegisterRow]) -> RegisterCounts:
    """Counted in C (``Counter`` over the statuses): the screen recounts 15,000 rows per mark."""
    tally = Counter(map(_status_of, rows))
    return RegisterCounts(tally.total(), tally["present"], tally["apologies"], tally["absent"], tally[None])


_status_of = itemgetter(RegisterRow._fields.index("status"))  # a RegisterRow or a plain tuple


def not_started_yet(meeting: Meeting | date | datetime, *, today: date | None = None) -> bool:
    """True when the meeting starts after today: present and absent cannot be marked yet."""
    starts = meeting.starts_at if isinstance(meeting, Meeting) else meeting
    day = starts.date() if isinstance(starts, datetime) else starts
    return day > (today or date.today())


def check_can_mark(meeting: Meeting, status: AttendanceStatus, *, today: date | None = None) -> None:
    """Refuse present/absent for a meeting still ahead (apologies may be sent ahead)."""
    if status != AttendanceStatus.APOLOGIES and not_started_yet(meeting, today=today):
        raise UserError(
            (_("meeting {id} ({title}, {date}) has not happened yet: nobody can be marked present before "
               "its day; apologies may be sent ahead") if status == AttendanceStatus.PRESENT else
             _("meeting {id} ({title}, {date}) has not happened yet: nobody can be marked absent before "
               "its day; apologies may be sent ahead")).format(
                id=meeting.id, title=meeting.title, date=f"{meeting.starts_at:%Y-%m-%d}"))


def record_attendance(
    session: Session,
    meeting_id: int,
    *,
    member_id: int,
    status: str | AttendanceStatus | None,
    checked_in_at: datetime | None = None,
    today: date | None = None,
) -> AttendanceEntry:
    """Set one register entry; ``status=None`` clears it (back to "not marked").

    Apologies may be recorded before the meeting; present and absent only from its day
    (``today`` defaults to the real date); a cancelled meeting takes no entries.
    Keeps an earlier check-in time unless a new one is given; a non-present mark drops it.
    """
    meeting = load_meeting(session, meeting_id)
    _check_markable(session, member_id)
    row = session.scalar(select(Attendance).where(
        Attendance.meeting_id == meeting_id, Attendance.member_id == member_id))
    if row is not None and row.status == AttendanceStatus.PRESENT and (status is None or _status(status) != row.status):
        from communitydesk.services.motions.votes import refuse_if_voted  # #16: their votes first

        refuse_if_voted(session, meeting_id, member_id)
    if status is None:
        if row is not None:
            session.delete(row)
            session.flush()
        return _entry(None, meeting_id, member_id)
    if meeting.status == MeetingStatus.CANCELLED:
        raise UserError(_("meeting {id} ({title}, {date}) is cancelled; its register cannot be marked").format(
            id=meeting_id, title=meeting.title, date=f"{meeting.starts_at:%Y-%m-%d}"))
    value = _status(status)
    check_can_mark(meeting, value, today=today)
    if row is None:
        row = Attendance(meeting_id=meeting_id, member_id=member_id, status=value)
        session.add(row)
    row.status = value
    if value == AttendanceStatus.PRESENT:
        row.checked_in_at = checked_in_at or row.checked_in_at
    else:
        row.checked_in_at = None
    session.flush()
    return _entry(row, meeting_id, member_id)


def check_in(session: Session, meeting_id: int, *, member_id: int, at: datetime | None = None,
             today: date | None = None) -> AttendanceEntry:
    """The door: present, with the time they arrived (kept if they check in twice)."""
    at = (at or datetime.now()).replace(microsecond=0)
    existing = session.scalar(select(Attendance.checked_in_at).where(
        Attendance.meeting_id == meeting_id, Attendance.member_id == member_id))
    return record_attendance(session, meeting_id, member_id=member_id, status=AttendanceStatus.PRESENT,
                             checked_in_at=existing or at, today=today)


def add_guest(
    session: Session,
    meeting_id: int,
    *,
    first_name: str,
    last_name: str = "",
    phone: str | None = None,
    email: str | None = None,
    consent: bool = False,
    status: str = AttendanceStatus.PRESENT.value,
    at: datetime | None = None,
    today: date | None = None,
) -> Guest:
    """A newcomer becomes a ``prospect`` member (guests become contacts) and is marked present.

    ``consent`` records consent to be contacted by e-mail and phone, dated today, from this meeting.
    Refused before anyone is created when the mark is not allowed (a meeting still ahead).
    """
    meeting = load_meeting(session, meeting_id)
    if not (first_name or "").strip():
        raise UserError("first name: " + _("a guest needs at least a first name"))
    check_can_mark(meeting, _status(status), today=today)
    consent_values: dict[str, object] = {}
    if consent:
        consent_values = {
            "consent_email": bool(email), "consent_phone": bool(phone), "consent_date": date.today(),
            "consent_source": f"signed in at {meeting.title} on {meeting.starts_at:%Y-%m-%d}",
        }
    record = add_member(session, first_name=first_name, last_name=last_name, phone=phone, email=email,
                        status="prospect", joined_on=meeting.starts_at.date(), **consent_values)
    if status == AttendanceStatus.PRESENT.value:
        entry = check_in(session, meeting_id, member_id=record.id, at=at, today=today)
    else:
        entry = record_attendance(session, meeting_id, member_id=record.id, status=status, today=today)
    first = record.values["preferred_name"] or record.values["first_name"]
    name = " ".join(p for p in (str(first), str(record.values["last_name"] or "")) if p)
    return Guest(record.id, name, entry)


def clear_register(session: Session, meeting_id: int) -> int:
    """Remove every entry of a meeting (the GUI asks first); returns how many were removed."""
    load_meeting(session, meeting_id)
    result = session.execute(delete(Attendance).where(Attendance.meeting_id == meeting_id))
    return int(result.rowcount or 0)


def member_attendance(session: Session, member_id: int, *, today: date | None = None) -> MemberAttendance:
    """Last attended (a counted meeting marked present) and this calendar year's rate.

    Rate per DESIGN.md: present ÷ counted meetings this year (up to today) that started on or
    after the member's joined_on, or their first attendance when joined_on is empty.
    """
    member = _check_member(session, member_id)
    today = today or date.today()
    rows = session.execute(
        select(Meeting.id, Meeting.title, Meeting.starts_at, Meeting.status, Attendance.status,
               Attendance.checked_in_at)
        .join(Attendance, Attendance.meeting_id == Meeting.id)
        .where(Attendance.member_id == member_id)
        .order_by(Meeting.starts_at.desc(), Meeting.id.desc())
    ).all()
    entries = tuple(AttendedMeeting(MeetingId(r[0]), r[1], r[2], r[3].value, r[4].value, r[5]) for r in rows)
    counted_present = [e for e in entries  # a meeting still ahead is never "last attended"
                       if e.status == "present" and e.meeting_status != MeetingStatus.CANCELLED.value
                       and e.starts_at.date() <= today]
    last = counted_present[0].starts_at.date() if counted_present else None
    since = member.joined_on
    if since is None and counted_present:
        since = min(e.starts_at.date() for e in counted_present)
    year_start = datetime.combine(date(today.year, 1, 1), time())
    year_end = datetime.combine(today, time.max)
    counted = 0
    if since is not None:
        start = max(year_start, datetime.combine(since, time()))
        counted = session.scalar(select(func.count(Meeting.id)).where(
            Meeting.status != MeetingStatus.CANCELLED, Meeting.starts_at >= start,
            Meeting.starts_at <= year_end)) or 0
    present = sum(1 for e in counted_present if year_start <= e.starts_at <= year_end
                  and (since is None or e.starts_at.date() >= since))
    rate = present / counted if counted else None
    return MemberAttendance(MemberId(member_id), last, present, counted, rate, entries)


def meeting_counts(session: Session, meeting_ids: Iterable[int]) -> dict[MeetingId, tuple[int, int]]:
    """Present and apologies per meeting, for lists that show counts."""
    ids = list(meeting_ids)
    out: dict[MeetingId, tuple[int, int]] = {MeetingId(i): (0, 0) for i in ids}
    if not ids:
        return out
    query = (select(Attendance.meeting_id, Attendance.status, func.count())
             .where(Attendance.meeting_id.in_(ids)).group_by(Attendance.meeting_id, Attendance.status))
    for meeting_id, status, n in session.execute(query):
        present, apologies = out[MeetingId(meeting_id)]
        if status == AttendanceStatus.PRESENT:
            present = n
        elif status == AttendanceStatus.APOLOGIES:
            apologies = n
        out[MeetingId(meeting_id)] = (present, apologies)
    return out
