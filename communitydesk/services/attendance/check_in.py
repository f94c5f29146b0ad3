"""Who can check in at the door, and the type-ahead that finds them as letters are typed.

The kiosk matches the first letters of any part of a person's first, preferred or
last name, accents and case ignored ("lukasz" and "wro" both find Łukasz Wróbel;
"lu wr" narrows to him). The index is built once per kiosk session so a keystroke
costs a binary search plus a short scan, fast on 20,000 members.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import NamedTuple

from sqlalchemy import String, select, type_coerce
from sqlalchemy.orm import Session

from communitydesk.db.models import Attendance, Member, member_tags
from communitydesk.domain import MemberStatus
from communitydesk.services.core.ids import MemberId
from communitydesk.services.core.text import fold
from communitydesk.services.meetings.planning import load_meeting


class CheckInPerson(NamedTuple):
    """A name on the kiosk: no contact details, so nothing private shows at the door."""

    member_id: MemberId
    display_name: str
    expected: bool
    status: str | None  # their register entry for this meeting, if any


def check_in_people(session: Session, meeting_id: int) -> list[CheckInPerson]:
    """Every member who can be found at the door (not anonymised or archived), expected first.

    "Expected" follows ``expected_people()``'s rule (the tag's members, else active members,
    plus anyone on the register); only membership is needed here, not the numbered order,
    so it is computed from plain column queries (20,000 members in well under a second).
    """
    meeting = load_meeting(session, meeting_id)
    connection = session.connection()
    entries = {member_id: status for member_id, status in connection.execute(
        select(Attendance.member_id, type_coerce(Attendance.status, String))
        .where(Attendance.meeting_id == meeting_id))}
    rows = connection.execute(
        select(Member.id, Member.first_name, Member.last_name, Member.preferred_name,
               type_coerce(Member.status, String), Member.archived_at)
        .where(Member.anonymised_at.is_(None))).all()
    if meeting.for_tag_id is not None:
        expected = set(connection.scalars(
            select(member_tags.c.member_id).where(member_tags.c.tag_id == meeting.for_tag_id)))
    else:
        expected = {r[0] for r in rows if r[4] == MemberStatus.ACTIVE.value and r[5] is None}
    expected.update(entries)
    rows = [r for r in rows if r[5] is None]
    rows.sort(key=lambda r: (r[0] not in expected, fold(r[2]), fold(r[1]), r[0]))
    out = []
    for member_id, first_name, last_name, preferred, _status, _archived in rows:
        first = first_name
        if preferred and preferred != first_name:
            first = f"{preferred} ({first_name})"
        out.append(CheckInPerson(MemberId(member_id), f"{first} {last_name}" if last_name else first,
                                 member_id in expected, entries.get(member_id)))
    return out


class CheckInIndex:
    """Prefix search over folded name parts; results keep the people's order (expected first)."""

    def __init__(self, people: list[CheckInPerson]) -> None:
        self._build(list(people))

    def _build(self, people: list[CheckInPerson]) -> None:
        self.people = people
        self._parts: list[tuple[str, ...]] = []
        words: list[tuple[str, int]] = []
        table = str.maketrans("()-", "   ")
        for position, person in enumerate(people):
            parts = tuple(dict.fromkeys(fold(person.display_name).translate(table).split()))
            self._parts.append(parts)
            for word in parts:
                words.append((word, position))
        words.sort()
        self._words = words
        self._keys = [w for w, _ in words]

    def add(self, person: CheckInPerson) -> None:
        """A newcomer joins the index (a rebuild: rare, and still only milliseconds)."""
        self._build([*self.people, person])

    def replace(self, person: CheckInPerson) -> None:
        """Update a person's status after a check-in, keeping their place."""
        for i, p in enumerate(self.people):
            if p.member_id == person.member_id:
                self.people[i] = person
                return

    def search(self, text: str, *, limit: int = 8) -> list[CheckInPerson]:
        words = fold(text).replace("-", " ").split()
        if not words:
            return []
        first, rest = words[0], words[1:]
        start = bisect_left(self._keys, first)
        hits: set[int] = set()
        for index in range(start, len(self._keys)):
            if not self._keys[index].startswith(first):
                break
            position = self._words[index][1]
            if position not in hits and all(
                    any(part.startswith(w) for part in self._parts[position]) for w in rest):
                hits.add(position)
        return [self.people[i] for i in sorted(hits)[:limit]]
