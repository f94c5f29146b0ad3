"""Who is expected at a meeting, with the row numbers the sign-in sheet and the register share.

Expected people are the members of the meeting's tag when it has one, else every
active member; anyone already on the register (a guest, a lapsed member who came)
is added. Row numbers are fixed once shown (``services.attendance.sheet_numbers``): people who
have a number come first in number order, even if they are no longer expected (they
are on the paper); anyone without one follows, sorted by last then first name
(accent-folded), with the next numbers. Reading never writes: the numbers of
unnumbered people are provisional until ``fix_sheet_numbers`` stores them.
"""

from __future__ import annotations

from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from communitydesk.db.models import Attendance, Member, SheetNumber, member_tags
from communitydesk.domain import MemberStatus
from communitydesk.services.core.ids import MemberId
from communitydesk.services.core.text import name_sort_key
from communitydesk.services.meetings.planning import load_meeting


class ExpectedPerson(NamedTuple):
    number: int
    member_id: MemberId
    first_name: str
    last_name: str
    display_name: str
    status: str
    fixed: bool = True  # False: the number is provisional (not printed or shown yet)


_COLUMNS = (Member.id, Member.first_name, Member.last_name, Member.preferred_name, Member.status)


def fixed_numbers(session: Session, meeting_id: int) -> dict[MemberId, int]:
    """The stored row numbers of a meeting, by member."""
    return {MemberId(member_id): number for member_id, number in session.execute(
        select(SheetNumber.member_id, SheetNumber.number).where(SheetNumber.meeting_id == meeting_id))}


def expected_people(session: Session, meeting_id: int) -> list[ExpectedPerson]:
    """Numbered people first (by number), then the unnumbered by name with the next numbers."""
    meeting = load_meeting(session, meeting_id)
    numbers = fixed_numbers(session, meeting_id)
    query = select(*_COLUMNS).where(Member.anonymised_at.is_(None))
    if meeting.for_tag_id is not None:
        query = query.where(Member.id.in_(
            select(member_tags.c.member_id).where(member_tags.c.tag_id == meeting.for_tag_id)))
    else:
        query = query.where(Member.status == MemberStatus.ACTIVE, Member.archived_at.is_(None))
    rows = {r.id: r for r in session.execute(query)}
    on_register_or_numbered = select(*_COLUMNS).where(Member.anonymised_at.is_(None), Member.id.in_(
        select(Attendance.member_id).where(Attendance.meeting_id == meeting_id)
        .union(select(SheetNumber.member_id).where(SheetNumber.meeting_id == meeting_id))))
    for r in session.execute(on_register_or_numbered):
        rows.setdefault(r.id, r)
    numbered = sorted((r for r in rows.values() if r.id in numbers), key=lambda r: numbers[r.id])
    unnumbered = sorted((r for r in rows.values() if r.id not in numbers),
                        key=lambda r: (*name_sort_key(r.last_name, r.first_name), r.id))
    next_number = max(numbers.values(), default=0) + 1
    people = [_person(r, numbers[r.id], fixed=True) for r in numbered]
    people += [_person(r, n, fixed=False) for n, r in enumerate(unnumbered, start=next_number)]
    return people


def _person(row, number: int, *, fixed: bool) -> ExpectedPerson:  # noqa: ANN001 - a result row
    return ExpectedPerson(
        number=number, member_id=MemberId(row.id), first_name=row.first_name,
        last_name=row.last_name,
        display_name=" ".join(p for p in (row.preferred_name or row.first_name, row.last_name) if p),
        status=row.status.value, fixed=fixed,
    )
