"""Who is expected at a meeting, in the one order the register screen and the sign-in sheet share.

Expected people are the members of the meeting's tag when it has one, else every
active member; anyone already on the register (a guest, a lapsed member who came)
is added. Order: last name, then first name, accent-folded; numbering starts at 1,
so a tick on row 17 of the paper sheet goes to row 17 on screen.
"""

from __future__ import annotations

from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from communitydesk.db.models import Attendance, Member, MemberStatus, member_tags
from communitydesk.services.ids import MemberId
from communitydesk.services.meetings import load_meeting
from communitydesk.services.text import name_sort_key


class ExpectedPerson(NamedTuple):
    number: int
    member_id: MemberId
    first_name: str
    last_name: str
    display_name: str
    status: str


def expected_people(session: Session, meeting_id: int) -> list[ExpectedPerson]:
    meeting = load_meeting(session, meeting_id)
    query = select(Member.id, Member.first_name, Member.last_name, Member.preferred_name,
                   Member.status).where(Member.anonymised_at.is_(None))
    if meeting.for_tag_id is not None:
        query = query.where(Member.id.in_(
            select(member_tags.c.member_id).where(member_tags.c.tag_id == meeting.for_tag_id)))
    else:
        query = query.where(Member.status == MemberStatus.ACTIVE, Member.archived_at.is_(None))
    rows = {r.id: r for r in session.execute(query)}
    on_register = select(Member.id, Member.first_name, Member.last_name, Member.preferred_name,
                         Member.status).join(Attendance, Attendance.member_id == Member.id).where(
        Attendance.meeting_id == meeting_id, Member.anonymised_at.is_(None))
    for r in session.execute(on_register):
        rows.setdefault(r.id, r)
    ordered = sorted(rows.values(), key=lambda r: (*name_sort_key(r.last_name, r.first_name), r.id))
    return [
        ExpectedPerson(
            number=i, member_id=MemberId(r.id), first_name=r.first_name, last_name=r.last_name,
            display_name=" ".join(p for p in (r.preferred_name or r.first_name, r.last_name) if p),
            status=r.status.value,
        )
        for i, r in enumerate(ordered, start=1)
    ]
