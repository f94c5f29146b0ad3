"""Register order and matters arising: the shared queries."""

from __future__ import annotations

from datetime import date, datetime

from communitydesk.db.engine import Database
from communitydesk.db.models import ActionItem, Attendance, Meeting, Tag
from communitydesk.domain import AttendanceStatus
from communitydesk.services.attendance.expected import expected_people
from communitydesk.services.meetings.actions import actions_raised_at, open_actions_before
from communitydesk.services.meetings.planning import add_meeting
from communitydesk.services.members.records import add_member


def test_expected_people_order_and_tag(any_db: Database) -> None:
    with any_db.session() as s:
        add_member(s, first_name="Zoë", last_name="Öztürk")
        add_member(s, first_name="Adam", last_name="Zieliński", tags=["Committee"])
        add_member(s, first_name="Łucja", last_name="Adams", status="lapsed")
        guest = add_member(s, first_name="Gus", last_name="Guest", status="prospect")
        meeting = add_meeting(s, title="General", starts_at=datetime(2026, 3, 5, 19))
        s.add(Attendance(meeting_id=meeting.id, member_id=guest.id, status=AttendanceStatus.PRESENT))
        s.flush()
        people = expected_people(s, meeting.id)
        assert [(p.number, p.last_name) for p in people] == [(1, "Guest"), (2, "Öztürk"), (3, "Zieliński")]
        committee = add_meeting(s, title="Committee", starts_at=datetime(2026, 3, 6, 19))
        s.get(Meeting, committee.id).for_tag_id = s.query(Tag).one().id
        s.flush()
        assert [p.first_name for p in expected_people(s, committee.id)] == ["Adam"]


def test_open_actions_before(any_db: Database) -> None:
    with any_db.session() as s:
        owner = add_member(s, first_name="Ann", last_name="Lee")
        first = add_meeting(s, title="One", starts_at=datetime(2026, 1, 5, 19))
        second = add_meeting(s, title="Two", starts_at=datetime(2026, 2, 5, 19))
        s.add_all([
            ActionItem(description="Write letter", owner_id=owner.id, due_on=date(2026, 1, 20), meeting_id=first.id),
            ActionItem(description="Done thing", status="done", meeting_id=first.id),
        ])
        s.flush()
        arising = open_actions_before(s, second.id)
        assert [a.description for a in arising] == ["Write letter"]
        assert arising[0].owner_name == "Ann Lee" and arising[0].is_overdue(date(2026, 2, 5))
        assert open_actions_before(s, first.id) == []
        assert len(actions_raised_at(s, first.id)) == 2
