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

from collections.abc import Callable
from typing import Any, NamedTuple

from sqlalchemy import String, and_, func, or_, select, type_coerce
from sqlalchemy.orm import Session

from communitydesk.db.models import Attendance, Member, SheetNumber, member_tags
from communitydesk.domain import MemberStatus
from communitydesk.services.core.ids import MemberId
from communitydesk.services.core.text import fold
from communitydesk.services.meetings.planning import load_meeting


class ExpectedPerson(NamedTuple):
    number: int
    member_id: MemberId
    first_name: str
    last_name: str
    display_name: str
    status: str
    fixed: bool = True  # False: the number is provisional (not printed or shown yet)


# A numbered person as ``numbered_people`` returns them, a plain tuple (15,000 of them on a
# big register: building one small tuple per person is what keeps opening it quick):
# (number, fixed, member_id, first_name, last_name, display_name, member_status,
#  attendance_status or None, checked_in_at or None)
NUMBER, FIXED, MEMBER_ID, FIRST, LAST, DISPLAY, MEMBER_STATUS, ENTRY_STATUS, CHECKED_IN = range(9)
Numbered = tuple[Any, ...]


def fixed_numbers(session: Session, meeting_id: int) -> dict[MemberId, int]:
    """The stored row numbers of a meeting, by member."""
    return {MemberId(member_id): number for member_id, number in session.execute(
        select(SheetNumber.member_id, SheetNumber.number).where(SheetNumber.meeting_id == meeting_id))}


def expected_people(session: Session, meeting_id: int) -> list[ExpectedPerson]:
    """Numbered people first (by number), then the unnumbered by name with the next numbers."""
    return [as_expected_person(p) for p in numbered_people(session, meeting_id)]


def as_expected_person(person: Numbered, *, fixed: bool | None = None) -> ExpectedPerson:
    """``fixed`` overrides the stored flag (just numbered: every number is fixed now)."""
    return ExpectedPerson(person[NUMBER], person[MEMBER_ID], person[FIRST], person[LAST], person[DISPLAY],
                          person[MEMBER_STATUS], person[FIXED] if fixed is None else fixed)


def numbered_people(session: Session, meeting_id: int) -> list[Numbered]:
    """Everyone on the meeting's sheet in number order, with their register entry, in one query.

    One set-based read (members left-joined to their sheet number and register entry)
    instead of separate reads of the numbers, the expected and the registered people:
    a big register is two statements however many people it lists.
    """
    meeting = load_meeting(session, meeting_id)
    number = SheetNumber.__table__.alias("number")
    entry = Attendance.__table__.alias("entry")
    if meeting.for_tag_id is not None:
        expected = Member.id.in_(select(member_tags.c.member_id).where(member_tags.c.tag_id == meeting.for_tag_id))
    else:
        expected = and_(Member.status == MemberStatus.ACTIVE, Member.archived_at.is_(None))
    highest = (select(func.max(SheetNumber.number)).where(SheetNumber.meeting_id == meeting_id)
               .scalar_subquery())  # numbers of erased people count: a number is never reused
    query = (
        select(Member.id, Member.first_name, Member.last_name, Member.preferred_name,
               type_coerce(Member.status, String), number.c.number, type_coerce(entry.c.status, String),
               entry.c.checked_in_at, highest)
        .select_from(Member)
        .outerjoin(number, and_(number.c.meeting_id == meeting_id, number.c.member_id == Member.id))
        .outerjoin(entry, and_(entry.c.meeting_id == meeting_id, entry.c.member_id == Member.id))
        .where(Member.anonymised_at.is_(None),
               or_(expected, number.c.member_id.is_not(None), entry.c.member_id.is_not(None)))
    )
    numbered: list[Numbered] = []
    unnumbered: list[Numbered] = []
    top = 0
    for member_id, first, last, preferred, status, fixed_number, entry_status, checked_in, top \
            in session.connection().execute(query).all():  # noqa: B007 - ``top``: the same in every row
        shown = preferred or first
        display = f"{shown} {last}" if shown and last else (shown or last or "")
        if fixed_number is None:
            unnumbered.append((0, False, member_id, first, last, display, status, entry_status, checked_in))
        else:
            numbered.append((fixed_number, True, member_id, first, last, display, status, entry_status,
                             checked_in))
    numbered.sort()
    unnumbered.sort(key=_name_order())
    next_number = (top or 0) + 1
    numbered += [(n, False, *p[2:]) for n, p in enumerate(unnumbered, start=next_number)]
    return numbered


def _name_order() -> Callable[[Numbered], tuple[str, str, int]]:
    """Last then first name, accent-folded (``name_sort_key``), then id; each distinct name is
    folded once (a big group has far fewer distinct names than people)."""
    folded: dict[str, str] = {}

    def fold_once(name: str) -> str:
        found = folded.get(name)
        if found is None:
            found = folded[name] = fold(name)
        return found

    return lambda person: (fold_once(person[LAST]), fold_once(person[FIRST]), person[MEMBER_ID])
