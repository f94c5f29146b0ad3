"""What labels, letters, badges and phone trees print, gathered in one read.

Each gatherer returns frozen data with the people a channel's consent allows and
the left-out people with reasons; the PDF builders in ``communitydesk.pdf`` print
only what they are given.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from communitydesk.db.models import Attendance, OneToOne
from communitydesk.domain import AttendanceStatus, Channel
from communitydesk.i18n import SOURCE_LANGUAGE, resolve_language
from communitydesk.services.attendance.expected import expected_people
from communitydesk.services.meetings.planning import get_meeting
from communitydesk.services.outreach.reach import Contact, LeftOut, load_contacts, reach
from communitydesk.services.outreach.templates import (
    group_language,
    next_meeting_id,
    spelled_date,
    when,
)
from communitydesk.services.settings.group_settings import load_settings


@dataclass(frozen=True)
class Letterhead:
    group_name: str
    group_email: str
    paper_size: str
    language: str = SOURCE_LANGUAGE  # the group's: paper prints in the room's language (#19)


def letterhead(session: Session) -> Letterhead:
    s = load_settings(session)
    return Letterhead(s.group_name, s.group_email, s.paper_size,
                      resolve_language(s.language, use_environment=False))


@dataclass(frozen=True)
class LabelData:
    letterhead: Letterhead
    addresses: tuple[tuple[str, ...], ...]  # one label each: the name, then the postal lines
    left_out: tuple[LeftOut, ...]


def gather_labels(session: Session, member_ids: list[int]) -> LabelData:
    """Address labels for people with an address and post consent (formal name, not nickname)."""
    people = reach(session, member_ids, Channel.POST)
    addresses = tuple((" ".join(p for p in (c.first_name, c.last_name) if p), *c.postal_lines)
                      for c in people.included)
    return LabelData(letterhead(session), addresses, people.left_out)


@dataclass(frozen=True)
class Badge:
    called: str  # large: the name they go by
    surname: str  # smaller
    line: str  # optional role or tag line


@dataclass(frozen=True)
class BadgeData:
    letterhead: Letterhead
    meeting_title: str
    meeting_when: str
    badges: tuple[Badge, ...]
    blanks: int


def gather_badges(session: Session, meeting_id: int, *, checked_in_only: bool = False,
                  line: str = "none", blanks: int = 0) -> BadgeData:
    """Badges for a meeting's expected people (or those present); ``line``: none, stage or tags.

    A badge shows only a name people already say aloud: no consent is needed for it.
    """
    meeting = get_meeting(session, meeting_id)
    if checked_in_only:
        ids = list(session.scalars(select(Attendance.member_id).where(
            Attendance.meeting_id == meeting_id, Attendance.status == AttendanceStatus.PRESENT)))
    else:
        ids = [p.member_id for p in expected_people(session, meeting_id)]
    badges = []
    for c in load_contacts(session, ids):
        extra = {"stage": c.ladder_stage or "", "tags": ", ".join(c.tags)}.get(line, "")
        badges.append(Badge(c.called, c.last_name, extra))
    return BadgeData(letterhead(session), meeting.title, when(meeting.starts_at, group_language(session)), tuple(badges),
                     max(0, min(blanks, 400)))


@dataclass(frozen=True)
class PhoneTreeRow:
    name: str
    phone: str
    last_one_to_one: date | None
    ladder_stage: str


@dataclass(frozen=True)
class PhoneTreeData:
    letterhead: Letterhead
    title: str  # "" prints "Phone tree" (with the tag) in the group's language
    rows: tuple[PhoneTreeRow, ...]
    left_out: tuple[LeftOut, ...]
    tag: str | None = None


def gather_phone_tree(session: Session, member_ids: list[int], *, title: str = "",
                      tag: str | None = None) -> PhoneTreeData:
    """Name, phone, last one-to-one and ladder stage: phone consent only."""
    people = reach(session, member_ids, Channel.PHONE)
    ids = [c.member_id for c in people.included]
    last: dict[int, date] = {}
    for start in range(0, len(ids), 500):
        last.update(session.execute(
            select(OneToOne.member_id, func.max(OneToOne.held_on))
            .where(OneToOne.member_id.in_(ids[start:start + 500])).group_by(OneToOne.member_id)).all())
    rows = tuple(PhoneTreeRow(c.name, c.phone or "", last.get(c.member_id), c.ladder_stage or "")
                 for c in people.included)
    return PhoneTreeData(letterhead(session), title, rows, people.left_out, tag)


def next_meeting_text(session: Session) -> str:
    """'Residents' meeting, Tuesday 16 June 2026 at 19:00, Church hall' (empty when none)."""
    meeting_id = next_meeting_id(session)
    if meeting_id is None:
        return ""
    meeting = get_meeting(session, meeting_id)
    venue = meeting.venue or load_settings(session).default_venue
    return ", ".join(p for p in (meeting.title, when(meeting.starts_at, group_language(session)), venue) if p)


def today_text(today: date | None = None, language: str = SOURCE_LANGUAGE) -> str:
    """The date as a letter prints it, in the group's language."""
    return spelled_date(today or date.today(), language)


__all__ = ["Badge", "BadgeData", "Contact", "LabelData", "Letterhead", "PhoneTreeData", "PhoneTreeRow",
           "gather_badges", "gather_labels", "gather_phone_tree", "letterhead", "next_meeting_text"]
