"""Who can check in at the door, and the type-ahead that finds them as letters are typed.

The kiosk matches the first letters of any part of a person's first, preferred or
last name, accents and case ignored ("lukasz" and "wro" both find Łukasz Wróbel;
"lu wr" narrows to him). The index is built once per kiosk session so a keystroke
costs a binary search plus a short scan, fast on 20,000 members.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from communitydesk.db.models import Attendance, Member
from communitydesk.services.expected import expected_people
from communitydesk.services.ids import MemberId
from communitydesk.services.meetings import load_meeting
from communitydesk.services.text import fold, name_sort_key


class CheckInPerson(NamedTuple):
    """A name on the kiosk: no contact details, so nothing private shows at the door."""

    member_id: MemberId
    display_name: str
    expected: bool
    status: str | None  # their register entry for this meeting, if any


def check_in_people(session: Session, meeting_id: int) -> list[CheckInPerson]:
    """Every member who can be found at the door (not anonymised or archived), expected first."""
    load_meeting(session, meeting_id)
    expected = {p.member_id for p in expected_people(session, meeting_id)}
    entries = dict(session.execute(select(Attendance.member_id, Attendance.status)
                                   .where(Attendance.meeting_id == meeting_id)).all())
    rows = session.execute(
        select(Member.id, Member.first_name, Member.last_name, Member.preferred_name)
        .where(Member.anonymised_at.is_(None), Member.archived_at.is_(None))).all()
    rows.sort(key=lambda r: (r.id not in expected, *name_sort_key(r.last_name, r.first_name), r.id))
    out = []
    for r in rows:
        first = r.preferred_name or r.first_name
        if r.preferred_name and r.preferred_name != r.first_name:
            first = f"{r.preferred_name} ({r.first_name})"
        status = entries.get(r.id)
        out.append(CheckInPerson(MemberId(r.id), " ".join(p for p in (first, r.last_name) if p),
                                 r.id in expected, status.value if status is not None else None))
    return out


class CheckInIndex:
    """Prefix search over folded name parts; results keep the people's order (expected first)."""

    def __init__(self, people: list[CheckInPerson]) -> None:
        self._build(list(people))

    def _build(self, people: list[CheckInPerson]) -> None:
        self.people = people
        self._parts: list[tuple[str, ...]] = []
        words: list[tuple[str, int]] = []
        for position, person in enumerate(people):
            text = fold(person.display_name).replace("(", " ").replace(")", " ").replace("-", " ")
            parts = tuple(dict.fromkeys(text.split()))
            self._parts.append(parts)
            words.extend((word, position) for word in parts)
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
