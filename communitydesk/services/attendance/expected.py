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

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

from sqlalchemy import String, and_, func, or_, select, type_coerce
from sqlalchemy.orm import Session

from communitydesk.db.models import Attendance, Member, SheetNumber, member_tags
from communitydesk.domain import MemberStatus
from communitydesk.services.core.gc_pause import gc_paused
from communitydesk.services.core.ids import MemberId
from communitydesk.services.core.text import collation_key, sort_language
from communitydesk.services.meetings.planning import load_meeting


class ExpectedPerson(NamedTuple):
    number: int
    member_id: MemberId
    first_name: str
    last_name: str
    display_name: str
    status: str
    fixed: bool = True  # False: the number is provisional (not printed or shown yet)


# The columns of a ``SheetOrder`` row, by position.
MEMBER_ID, FIRST, LAST, PREFERRED, MEMBER_STATUS, NUMBER, ENTRY_STATUS, CHECKED_IN, HIGHEST = range(9)
PersonRow = Any  # a result row: (member_id, first_name, last_name, preferred_name, member status,
#                   stored number or None, register status or None, checked_in_at or None,
#                   the meeting's highest stored number or None)


@dataclass(frozen=True)
class SheetOrder:
    """A meeting's people in sheet order, as read: ``rows[:fixed]`` have stored numbers (in
    number order), the rest are provisional, numbered from ``next_number`` in name order.

    Plain result rows, not one object per person: a big group's register lists 15,000
    people, and each object built per person (and collected again) is time the screen waits.
    """

    rows: list[PersonRow]
    fixed: int
    next_number: int

    @property
    def provisional(self) -> bool:
        return self.fixed < len(self.rows)

    def numbered(self) -> Iterator[tuple[int, bool, PersonRow]]:
        """(number, fixed, row) for everyone, in order."""
        for index, row in enumerate(self.rows):
            if index < self.fixed:
                yield row[NUMBER], True, row
            else:
                yield self.next_number + index - self.fixed, False, row

    def unnumbered(self) -> Iterator[tuple[int, PersonRow]]:
        """(number to store, row) for the people whose number is still provisional."""
        return enumerate(self.rows[self.fixed:], start=self.next_number)


def display_name(row: PersonRow) -> str:
    """The name on the sheet: preferred (else first) name and last name."""
    shown = row[PREFERRED] or row[FIRST]
    last = row[LAST]
    return f"{shown} {last}" if shown and last else (shown or last or "")


def expected_people(session: Session, meeting_id: int) -> list[ExpectedPerson]:
    """Numbered people first (by number), then the unnumbered by name with the next numbers."""
    with gc_paused():  # no cycles among a big sheet's rows: no collections meanwhile
        return expected_people_of(sheet_order(session, meeting_id))


def expected_people_of(order: SheetOrder, *, all_fixed: bool = False) -> list[ExpectedPerson]:
    """``all_fixed``: every number has just been stored."""
    return [ExpectedPerson(number, row[MEMBER_ID], row[FIRST], row[LAST], display_name(row),
                           row[MEMBER_STATUS], fixed or all_fixed)
            for number, fixed, row in order.numbered()]


def sheet_order(session: Session, meeting_id: int) -> SheetOrder:
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
    rows = session.connection().execute(query).all()
    numbered = [r for r in rows if r[NUMBER] is not None]
    numbered.sort(key=_by_number)
    if len(numbered) == len(rows):  # the usual case once a register has been opened
        return SheetOrder(numbered, len(numbered), 0)
    unnumbered = [r for r in rows if r[NUMBER] is None]
    unnumbered.sort(key=_name_order())
    top = rows[0][HIGHEST] or 0  # the same in every row
    return SheetOrder(numbered + unnumbered, len(numbered), top + 1)


def _by_number(row: PersonRow) -> int:
    return row[NUMBER]


def _name_order() -> Callable[[PersonRow], tuple[str, str, int]]:
    """Last then first name in the reader's language (``name_sort_key``: Żak after Zimmer in
    Polish), then id; each distinct name is keyed once (a big group has far fewer distinct
    names than people)."""
    keyed: dict[str, str] = {}
    language = sort_language()

    def key_once(name: str) -> str:
        found = keyed.get(name)
        if found is None:
            found = keyed[name] = collation_key(name, language)
        return found

    return lambda row: (key_once(row[LAST] or ""), key_once(row[FIRST] or ""), row[MEMBER_ID])
