"""The ladder board, moves with their history, and a member's timeline."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from communitydesk.db.engine import Database
from communitydesk.db.models import ActionItem, Attendance
from communitydesk.domain import AttendanceStatus
from communitydesk.errors import UserError
from communitydesk.services.meetings.planning import add_meeting
from communitydesk.services.members.records import add_member, update_member
from communitydesk.services.members.timeline import member_timeline
from communitydesk.services.one_to_ones.conversations import log_one_to_one
from communitydesk.services.one_to_ones.ladder import (
    NOT_PLACED,
    ladder_board,
    move_member,
    stage_history,
)
from communitydesk.services.settings.group_settings import save_settings


def test_board_counts_and_people(any_db: Database) -> None:
    with any_db.session() as s:
        a = add_member(s, first_name="Zofia", last_name="Kowalska", ladder_stage="Leader").id
        add_member(s, first_name="Amir", last_name="Haddad", ladder_stage="contact")
        add_member(s, first_name="Nils", last_name="Berg")
        add_member(s, first_name="Gone", last_name="Away", status="left", ladder_stage="Leader")
        add_member(s, first_name="Old", last_name="Stage", ladder_stage="Captain")
        board = ladder_board(s)
    assert [(c.title, c.count) for c in board] == [
        (NOT_PLACED, 1), ("Contact", 1), ("Supporter", 0), ("Participant", 0), ("Activist", 0),
        ("Leader", 1), ("Captain (not in settings)", 1)]
    assert board[5].people[0].member_id == a
    assert board[1].people[0].name == "Amir Haddad"
    assert board[0].to_json()["stage"] is None


def test_board_follows_settings(db: Database) -> None:
    with db.session() as s:
        save_settings(s, ladder_stages=("Newcomer", "Regular", "Organiser"))
        add_member(s, first_name="Ada", last_name="Byrne", ladder_stage="Regular")
        assert [c.title for c in ladder_board(s)] == ["Newcomer", "Regular", "Organiser"]


def test_move_records_who_when_why(any_db: Database) -> None:
    with any_db.session() as s:
        organiser = add_member(s, first_name="Mercy", last_name="Adeyemi").id
        who = add_member(s, first_name="Sam", last_name="Ortiz", ladder_stage="Contact").id
        move = move_member(s, who, to_stage="activist", reason="Led the petition",
                           changed_by_id=organiser, changed_at=datetime(2026, 5, 1, 10))
        assert move is not None and (move.from_stage, move.to_stage) == ("Contact", "Activist")
        assert move_member(s, who, to_stage="Activist") is None  # already there: no history row
        with pytest.raises(UserError, match="not a ladder stage"):
            move_member(s, who, to_stage="Boss")
        with pytest.raises(UserError, match="no member with id 999"):
            move_member(s, 999, to_stage="Leader")
    with any_db.session() as s:
        [row] = stage_history(s, who)
        assert row.changed_by_name == "Mercy Adeyemi" and row.reason == "Led the petition"
        assert row.changed_at == datetime(2026, 5, 1, 10)
        activist = next(c for c in ladder_board(s) if c.stage == "Activist")
        assert [p.member_id for p in activist.people] == [who]


def test_timeline_in_date_order(any_db: Database) -> None:
    with any_db.session() as s:
        organiser = add_member(s, first_name="Mercy", last_name="Adeyemi").id
        who = add_member(s, first_name="Sam", last_name="Ortiz").id
        m1 = add_meeting(s, title="General meeting", starts_at=datetime(2026, 2, 3, 19)).id
        m2 = add_meeting(s, title="Repairs group", starts_at=datetime(2026, 4, 7, 19)).id
        s.add(Attendance(meeting_id=m1, member_id=who, status=AttendanceStatus.PRESENT))
        s.add(Attendance(meeting_id=m2, member_id=who, status=AttendanceStatus.APOLOGIES))
        s.add(ActionItem(description="Book the hall", owner_id=who, due_on=date(2026, 2, 20), meeting_id=m1))
        log_one_to_one(s, organiser_id=organiser, member_id=who, held_on=date(2026, 3, 1),
                       story="PRIVATE", next_step="Bring a neighbour", follow_up_on=date(2026, 3, 15),
                       stage_after="Supporter")
        move_member(s, who, to_stage="Participant", reason="Chaired a meeting",
                    changed_at=datetime(2026, 5, 1, 9))
        events = member_timeline(s, who)
    assert [(e.on.isoformat(), e.kind, e.title) for e in events] == [
        ("2026-02-03", "attendance", "General meeting"),
        ("2026-02-03", "action", "Book the hall"),
        ("2026-03-01", "one_to_one", "One-to-one with Mercy Adeyemi"),
        ("2026-03-01", "stage", "Placed at Supporter"),
        ("2026-04-07", "attendance", "Repairs group"),
        ("2026-05-01", "stage", "Supporter → Participant"),
    ]
    assert "Bring a neighbour" in events[2].detail
    assert all("PRIVATE" not in e.detail + e.title for e in events)
    assert events[4].detail == "Apologies"


def test_timeline_unknown_member(db: Database) -> None:
    with pytest.raises(UserError, match="no member"), db.session() as s:
        member_timeline(s, 42)


def test_anonymised_member_cannot_move(db: Database) -> None:
    with db.session() as s:
        who = add_member(s, first_name="Sam", last_name="Ortiz")
        update_member(s, who.id, {"first_name": "Removed"})
        from communitydesk.db.models import Member

        s.get(Member, who.id).anonymised_at = datetime(2026, 1, 1)
        with pytest.raises(UserError, match="anonymised"):
            move_member(s, who.id, to_stage="Leader")
