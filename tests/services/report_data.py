"""A small group whose report numbers were worked out by hand (see test_reports.py).

Period 2026-01-01..2026-03-31. It covers a meeting before and after the period,
a cancelled meeting with (ignored) entries, apologies, absence, a member who
joined mid-period, a guest (prospect, no joined_on) and a tag.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Session

from communitydesk.db.models import Attendance
from communitydesk.domain import AttendanceStatus, MeetingStatus
from communitydesk.services.meetings.planning import add_meeting, cancel_meeting
from communitydesk.services.members.records import add_member

PERIOD = (date(2026, 1, 1), date(2026, 3, 31))


def build_report_group(session: Session) -> dict[str, int]:
    """Create the data; return ids by short name (people and meetings M0..M6)."""
    ids: dict[str, int] = {}
    people = [
        ("ann", "Ann", "Archer", "active", date(2025, 1, 1), ()),
        ("bob", "Bob", "Baker", "active", date(2026, 2, 15), ()),
        ("cat", "Cat", "Cole", "prospect", None, ("Tenants",)),
        ("dan", "Dan", "Dunn", "active", date(2025, 6, 1), ()),
        ("luk", "Łukasz", "Żółw", "active", date(2025, 1, 1), ("Tenants",)),
        ("eve", "Eve", "Evans", "active", date(2024, 1, 1), ()),
    ]
    for key, first, last, status, joined, tags in people:
        ids[key] = add_member(session, first_name=first, last_name=last, status=status,
                              joined_on=joined, tags=tags).id
    meetings = [
        ("M0", "December general", "general", datetime(2025, 12, 10, 19)),
        ("M1", "January general", "general", datetime(2026, 1, 14, 19)),
        ("M2", "February committee", "committee", datetime(2026, 2, 11, 18, 30)),
        ("M3", "Storm-cancelled general", "general", datetime(2026, 2, 25, 19)),
        ("M4", "March general", "general", datetime(2026, 3, 10, 19)),
        ("M5", "Spring social", "social", datetime(2026, 3, 31, 19)),
        ("M6", "April general", "general", datetime(2026, 4, 1, 19)),
    ]
    for key, title, kind, starts in meetings:
        ids[key] = add_meeting(session, title=title, kind=kind, starts_at=starts,
                               status=MeetingStatus.HELD).id
    cancel_meeting(session, ids["M3"])
    P, A, X = AttendanceStatus.PRESENT, AttendanceStatus.APOLOGIES, AttendanceStatus.ABSENT
    register = {
        "M0": [("ann", P), ("luk", P)],
        "M1": [("ann", P), ("dan", A), ("luk", P)],
        "M2": [("ann", P), ("dan", A)],
        "M3": [("ann", P), ("bob", P)],
        "M4": [("ann", P), ("bob", P), ("cat", P), ("dan", X)],
        "M5": [("bob", P), ("cat", P)],
        "M6": [("ann", P)],
    }
    for meeting, entries in register.items():
        for person, status in entries:
            session.add(Attendance(meeting_id=ids[meeting], member_id=ids[person], status=status))
    session.flush()
    return ids


ONE_SO_FAR_AS_OF = date(2026, 11, 20)


def build_one_meeting_so_far(session: Session) -> dict[str, int]:
    """Nov 3 held (Ann present, Bob apologies); Dec 1 planned, with two check-ins entered
    ahead of time (as the kiosk once allowed), which must never count before 1 Dec."""
    ann = add_member(session, first_name="Ann", last_name="Archer", joined_on=date(2026, 1, 1)).id
    bob = add_member(session, first_name="Bob", last_name="Baker", joined_on=date(2026, 1, 1)).id
    held = add_meeting(session, title="November general", starts_at=datetime(2026, 11, 3, 19),
                       status=MeetingStatus.HELD).id
    ahead = add_meeting(session, title="December general", starts_at=datetime(2026, 12, 1, 19)).id
    P, A = AttendanceStatus.PRESENT, AttendanceStatus.APOLOGIES
    session.add_all([
        Attendance(meeting_id=held, member_id=ann, status=P),
        Attendance(meeting_id=held, member_id=bob, status=A),
        Attendance(meeting_id=ahead, member_id=ann, status=P),
        Attendance(meeting_id=ahead, member_id=bob, status=P),
    ])
    session.flush()
    return {"ann": ann, "bob": bob, "held": held, "ahead": ahead}
