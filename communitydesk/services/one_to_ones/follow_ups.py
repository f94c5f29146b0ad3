"""The organiser's queue: follow-ups due on a date, and people nobody has talked to.

Every function takes the date it works for (``on``) as an argument, never the
wall clock, so the screen, the CLI and the tests agree on what is due.

A follow-up belongs to ``follow_up_by_id`` when it was handed on, else to the
organiser who held the conversation; "per organiser" filters on that person.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from communitydesk.db.models import Attendance, Meeting, Member, OneToOne
from communitydesk.domain import AttendanceStatus, MeetingStatus, MemberStatus
from communitydesk.errors import UserError
from communitydesk.i18n import _
from communitydesk.services.core.ids import MemberId, OneToOneId
from communitydesk.services.core.text import fold
from communitydesk.services.one_to_ones.conversations import (
    OneToOneSummary,
    display_name,
    load_one_to_one,
    summary_from_row,
    summary_query,
)


@dataclass(frozen=True)
class FollowUp:
    """One follow-up in the queue. ``organiser_id`` is whoever owes it now."""

    conversation: OneToOneSummary
    organiser_id: MemberId | None
    organiser_name: str | None
    days_overdue: int

    @property
    def id(self) -> OneToOneId:
        return self.conversation.id

    @property
    def member_id(self) -> MemberId:
        return self.conversation.member_id

    @property
    def member_name(self) -> str:
        return self.conversation.member_name

    @property
    def follow_up_on(self) -> date:
        assert self.conversation.follow_up_on is not None
        return self.conversation.follow_up_on

    @property
    def next_step(self) -> str | None:
        return self.conversation.next_step

    def to_json(self) -> dict:
        c = self.conversation
        return {
            "id": c.id, "member_id": c.member_id, "member_name": c.member_name,
            "organiser_id": self.organiser_id, "organiser_name": self.organiser_name,
            "follow_up_on": c.follow_up_on, "next_step": c.next_step, "held_on": c.held_on,
            "held_by_id": c.organiser_id, "days_overdue": self.days_overdue,
        }


@dataclass(frozen=True)
class QuietMember:
    """Someone to talk to: when they last had a one-to-one (None: never) and how often they came."""

    member_id: MemberId
    name: str
    status: str
    ladder_stage: str | None
    last_one_to_one_on: date | None
    meetings_attended: int | None  # None: not counted (the "not spoken to" list skips the register)
    last_attended_on: date | None

    def to_json(self) -> dict:
        return {"member_id": self.member_id, "member_name": self.name, "status": self.status,
                "ladder_stage": self.ladder_stage, "last_one_to_one_on": self.last_one_to_one_on,
                "meetings_attended": self.meetings_attended, "last_attended_on": self.last_attended_on}


def months_before(day: date, months: int) -> date:
    """The same day ``months`` earlier, clamped to the month's end (31 May - 3 → 28 Feb)."""
    total = day.year * 12 + day.month - 1 - months
    year, month = divmod(total, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def follow_ups_due(
    session: Session, *, on: date, organiser_id: int | None = None, within_days: int = 0,
) -> list[FollowUp]:
    """Follow-ups not done whose date is on or before ``on`` (+ ``within_days`` to look ahead).

    Sorted by follow-up date, then the person's name. Anonymised people drop out.
    """
    session.flush()  # rows below come straight from the connection (fast), so send pending changes first
    owner = func.coalesce(OneToOne.follow_up_by_id, OneToOne.organiser_id)
    query, who = summary_query()
    query = query.where(
        OneToOne.follow_up_on.is_not(None), OneToOne.follow_up_done_at.is_(None),
        OneToOne.follow_up_on <= on + timedelta(days=within_days), who.anonymised_at.is_(None),
    )
    if organiser_id is not None:
        query = query.where(owner == organiser_id)
    items = []
    for row in session.connection().execute(query):
        c = summary_from_row(row)
        if c.follow_up_by_id is not None:
            owner_id, owner_name = c.follow_up_by_id, c.follow_up_by_name
        else:
            owner_id, owner_name = c.organiser_id, c.organiser_name
        assert c.follow_up_on is not None
        items.append(FollowUp(c, owner_id, owner_name, (on - c.follow_up_on).days))
    items.sort(key=lambda f: (f.follow_up_on, fold(f.member_name), f.id))
    return items


def _open_follow_up(session: Session, one_to_one_id: int, expected_version: int | None) -> OneToOne:
    oto = load_one_to_one(session, one_to_one_id)
    if oto.follow_up_on is None:
        raise UserError(_("one-to-one {id} has no follow-up date").format(id=one_to_one_id))
    if expected_version is not None and oto.version != expected_version:
        raise UserError(_("one-to-one {id} was changed by someone else; refresh and try again").format(
            id=one_to_one_id))
    return oto


def complete_follow_up(
    session: Session, one_to_one_id: int, *, at: datetime | None = None, expected_version: int | None = None,
) -> None:
    """Mark a follow-up done (it leaves the queue). ``reopen_follow_up`` undoes it."""
    oto = _open_follow_up(session, one_to_one_id, expected_version)
    oto.follow_up_done_at = at or datetime.now().replace(microsecond=0)
    session.flush()


def reopen_follow_up(session: Session, one_to_one_id: int) -> None:
    oto = _open_follow_up(session, one_to_one_id, None)
    oto.follow_up_done_at = None
    session.flush()


def snooze_follow_up(
    session: Session, one_to_one_id: int, *, until: date, expected_version: int | None = None,
) -> date | None:
    """Move the follow-up date; returns the old date so the screen can undo."""
    oto = _open_follow_up(session, one_to_one_id, expected_version)
    if until < oto.held_on:
        raise UserError(_("snooze: {date} is before the conversation ({held})").format(
            date=until.isoformat(), held=oto.held_on.isoformat()))
    before = oto.follow_up_on
    oto.follow_up_on = until
    session.flush()
    return before


def reassign_follow_up(
    session: Session, one_to_one_id: int, *, organiser_id: int, expected_version: int | None = None,
) -> int | None:
    """Hand the follow-up to another organiser; returns who had it (None: the original organiser)."""
    oto = _open_follow_up(session, one_to_one_id, expected_version)
    organiser = session.get(Member, organiser_id)
    if organiser is None or organiser.anonymised_at is not None:
        raise UserError(_("reassign: no member with id {id}").format(id=organiser_id))
    if organiser_id == oto.member_id:
        raise UserError(_("reassign: a person cannot follow themselves up"))
    before = oto.follow_up_by_id
    oto.follow_up_by_id = None if organiser_id == oto.organiser_id else organiser_id
    session.flush()
    return before


def restore_follow_up_owner(session: Session, one_to_one_id: int, *, follow_up_by_id: int | None) -> None:
    """Undo a reassignment."""
    oto = _open_follow_up(session, one_to_one_id, None)
    oto.follow_up_by_id = follow_up_by_id
    session.flush()


def _attendance_counts(session: Session, on: date) -> dict[int, tuple[int, date | None]]:
    end = datetime.combine(on + timedelta(days=1), time())
    query = (select(Attendance.member_id, func.count(Attendance.id), func.max(Meeting.starts_at))
             .join(Meeting, Meeting.id == Attendance.meeting_id)
             .where(Attendance.status == AttendanceStatus.PRESENT,
                    Meeting.status != MeetingStatus.CANCELLED, Meeting.starts_at < end)
             .group_by(Attendance.member_id))
    return {m: (n, last.date() if last else None) for m, n, last in session.connection().execute(query)}


def _last_one_to_ones(session: Session, on: date) -> dict[int, date]:
    query = (select(OneToOne.member_id, func.max(OneToOne.held_on))
             .where(OneToOne.held_on <= on).group_by(OneToOne.member_id))
    return dict(session.connection().execute(query).all())


def _people(session: Session, query, on: date, keep, *, attendance: bool) -> list[QuietMember]:  # noqa: ANN001
    session.flush()
    counts = _attendance_counts(session, on) if attendance else {}
    last_talk = _last_one_to_ones(session, on)
    out = []
    for r in session.connection().execute(query):
        came, last_came = counts.get(r.id, (0, None)) if attendance else (None, None)
        person = QuietMember(MemberId(r.id), display_name(r.first_name, r.last_name, r.preferred_name) or "",
                             r.status.value, r.ladder_stage, last_talk.get(r.id), came, last_came)
        if keep(person):
            out.append(person)
    return out


def _members_query():  # noqa: ANN202
    return select(Member.id, Member.first_name, Member.last_name, Member.preferred_name, Member.status,
                  Member.ladder_stage).where(Member.anonymised_at.is_(None), Member.archived_at.is_(None))


def not_spoken_to(session: Session, *, on: date, months: int = 6) -> list[QuietMember]:
    """Active members with no one-to-one in the ``months`` before ``on`` (never-talked-to first)."""
    if months < 0:
        raise UserError(_("months: must be 0 or more"))
    since = months_before(on, months)
    query = _members_query().where(Member.status == MemberStatus.ACTIVE)
    people = _people(session, query, on, lambda p: p.last_one_to_one_on is None or p.last_one_to_one_on < since,
                     attendance=False)
    people.sort(key=lambda p: (p.last_one_to_one_on is not None, p.last_one_to_one_on or date.min,
                               fold(p.name), p.member_id))
    return people


def came_without_one_to_one(session: Session, *, on: date, min_meetings: int = 2) -> list[QuietMember]:
    """People (guests and prospects too) present at ``min_meetings``+ meetings up to ``on``, never met 1:1."""
    if min_meetings < 1:
        raise UserError(_("meetings: must be 1 or more"))
    query = _members_query().where(Member.status != MemberStatus.LEFT)
    people = _people(session, query, on,
                     lambda p: (p.meetings_attended or 0) >= min_meetings and p.last_one_to_one_on is None,
                     attendance=True)
    people.sort(key=lambda p: (-(p.meetings_attended or 0), -(p.last_attended_on or date.min).toordinal(), fold(p.name)))
    return people


def list_organisers(session: Session) -> list[tuple[MemberId, str]]:
    """Everyone who has held a one-to-one or owes a follow-up, by name (for "per organiser" filters)."""
    held = select(OneToOne.organiser_id).where(OneToOne.organiser_id.is_not(None))
    owed = select(OneToOne.follow_up_by_id).where(OneToOne.follow_up_by_id.is_not(None))
    query = select(Member.id, Member.first_name, Member.last_name, Member.preferred_name).where(
        Member.id.in_(held.union(owed)), Member.anonymised_at.is_(None))
    people = [(MemberId(r.id), display_name(r.first_name, r.last_name, r.preferred_name) or "")
              for r in session.execute(query)]
    return sorted(people, key=lambda p: (fold(p[1]), p[0]))
