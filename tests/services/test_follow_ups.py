"""The follow-up queue and "who to talk to next", always for a given date."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from communitydesk.db.engine import Database
from communitydesk.domain import AttendanceStatus, MeetingStatus
from communitydesk.errors import UserError
from communitydesk.services.meetings.planning import add_meeting
from communitydesk.services.members.records import add_member
from communitydesk.services.one_to_ones.conversations import log_one_to_one
from communitydesk.services.one_to_ones.follow_ups import (
    came_without_one_to_one,
    complete_follow_up,
    follow_ups_due,
    months_before,
    not_spoken_to,
    reassign_follow_up,
    reopen_follow_up,
    restore_follow_up_owner,
    snooze_follow_up,
)


@pytest.fixture
def group(any_db: Database) -> dict:
    with any_db.session() as s:
        ids = {
            "ana": add_member(s, first_name="Ana", last_name="Lima").id,
            "bo": add_member(s, first_name="Bo", last_name="Chen").id,
            "cy": add_member(s, first_name="Çiğdem", last_name="Yılmaz").id,
            "dee": add_member(s, first_name="Dee", last_name="Okafor").id,
            "eve": add_member(s, first_name="Eve", last_name="Novak", status="prospect").id,
        }
        log = lambda who, by, held, follow, step: log_one_to_one(  # noqa: E731
            s, organiser_id=ids[by], member_id=ids[who], held_on=held, follow_up_on=follow, next_step=step).id
        ids["c1"] = log("cy", "ana", date(2026, 3, 1), date(2026, 3, 10), "Ring about repairs")
        ids["c2"] = log("dee", "ana", date(2026, 3, 2), date(2026, 3, 20), "Invite to committee")
        ids["c3"] = log("eve", "bo", date(2026, 3, 3), date(2026, 3, 10), "Send leaflet")
        ids["c4"] = log("dee", "bo", date(2026, 1, 3), None, None)
    return {"db": any_db, **ids}


def due_ids(db: Database, on: date, **kw) -> list[int]:
    with db.session() as s:
        return [f.id for f in follow_ups_due(s, on=on, **kw)]


def test_due_on_a_date(group) -> None:
    db = group["db"]
    assert due_ids(db, date(2026, 3, 9)) == []
    assert due_ids(db, date(2026, 3, 10)) == [group["c1"], group["c3"]]  # same day: by name (Ç folds to C)
    assert due_ids(db, date(2026, 4, 1)) == [group["c1"], group["c3"], group["c2"]]
    assert due_ids(db, date(2026, 4, 1), organiser_id=group["bo"]) == [group["c3"]]
    assert due_ids(db, date(2026, 3, 9), within_days=7) == [group["c1"], group["c3"]]
    with db.session() as s:
        first = follow_ups_due(s, on=date(2026, 3, 12))[0]
    assert first.days_overdue == 2 and first.organiser_name == "Ana Lima"
    assert first.to_json()["next_step"] == "Ring about repairs"


def test_done_snooze_reassign_and_undo(group) -> None:
    db, on = group["db"], date(2026, 4, 1)
    with db.session() as s:
        complete_follow_up(s, group["c1"], at=datetime(2026, 3, 11, 9, 0))
    assert group["c1"] not in due_ids(db, on)
    with db.session() as s:
        reopen_follow_up(s, group["c1"])
    assert group["c1"] in due_ids(db, on)

    with db.session() as s:
        before = snooze_follow_up(s, group["c2"], until=date(2026, 4, 15))
    assert before == date(2026, 3, 20)
    assert group["c2"] not in due_ids(db, on)
    assert group["c2"] in due_ids(db, date(2026, 4, 15))

    with db.session() as s:
        previous = reassign_follow_up(s, group["c1"], organiser_id=group["bo"])
    assert previous is None
    assert due_ids(db, on, organiser_id=group["bo"]) == [group["c1"], group["c3"]]
    assert group["c1"] not in due_ids(db, on, organiser_id=group["ana"])
    with db.session() as s:
        item = next(f for f in follow_ups_due(s, on=on) if f.id == group["c1"])
        assert item.organiser_id == group["bo"] and item.conversation.organiser_id == group["ana"]
        restore_follow_up_owner(s, group["c1"], follow_up_by_id=previous)
    assert group["c1"] in due_ids(db, on, organiser_id=group["ana"])


def test_queue_actions_refuse_bad_input(group) -> None:
    db = group["db"]
    with pytest.raises(UserError, match="no follow-up date"), db.session() as s:
        complete_follow_up(s, group["c4"])
    with pytest.raises(UserError, match="before the conversation"), db.session() as s:
        snooze_follow_up(s, group["c1"], until=date(2026, 2, 1))
    with pytest.raises(UserError, match="cannot follow themselves up"), db.session() as s:
        reassign_follow_up(s, group["c1"], organiser_id=group["cy"])


def test_months_before_clamps() -> None:
    assert months_before(date(2026, 5, 31), 3) == date(2026, 2, 28)
    assert months_before(date(2026, 1, 15), 1) == date(2025, 12, 15)


def test_not_spoken_to(group) -> None:
    db = group["db"]
    with db.session() as s:
        names = [p.name for p in not_spoken_to(s, on=date(2026, 5, 15), months=3)]
    # never talked to first (Ana, Bo by name); then Çiğdem and Dee (March, inside 3 months) are left out
    assert names == ["Ana Lima", "Bo Chen"]
    with db.session() as s:
        later = not_spoken_to(s, on=date(2026, 9, 15), months=3)
    assert [p.name for p in later] == ["Ana Lima", "Bo Chen", "Çiğdem Yılmaz", "Dee Okafor"]
    assert later[2].last_one_to_one_on == date(2026, 3, 1)  # Eve is a prospect, not active


def test_came_twice_without_a_one_to_one(group) -> None:
    db = group["db"]
    with db.session() as s:
        guest = add_member(s, first_name="Gwen", last_name="Hughes", status="prospect").id
        from communitydesk.db.models import Attendance

        meetings = [add_meeting(s, title=f"M{i}", starts_at=datetime(2026, 4, i + 1, 19)).id for i in range(3)]
        cancelled = add_meeting(s, title="Off", starts_at=datetime(2026, 4, 9, 19), status=MeetingStatus.CANCELLED).id
        for m in meetings[:2]:
            s.add(Attendance(meeting_id=m, member_id=guest, status=AttendanceStatus.PRESENT))
        s.add(Attendance(meeting_id=meetings[0], member_id=group["ana"], status=AttendanceStatus.PRESENT))
        s.add(Attendance(meeting_id=cancelled, member_id=group["ana"], status=AttendanceStatus.PRESENT))
        s.add(Attendance(meeting_id=meetings[1], member_id=group["ana"], status=AttendanceStatus.APOLOGIES))
        for m in meetings:  # Dee came three times but has had a one-to-one
            s.add(Attendance(meeting_id=m, member_id=group["dee"], status=AttendanceStatus.PRESENT))
    with db.session() as s:
        found = came_without_one_to_one(s, on=date(2026, 6, 1))
        assert [(p.name, p.meetings_attended, p.last_attended_on) for p in found] == [
            ("Gwen Hughes", 2, date(2026, 4, 2))]
        assert came_without_one_to_one(s, on=date(2026, 4, 1)) == []  # only one meeting by then
