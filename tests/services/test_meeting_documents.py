"""What the printed documents are built from: order, previous meeting, matters arising, register."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from communitydesk.db.engine import Database
from communitydesk.db.models import ActionItem, AgendaItem, Attendance, Meeting, Member
from communitydesk.domain import AttendanceStatus, MeetingStatus
from communitydesk.errors import UserError
from communitydesk.services.attendance.expected import expected_people
from communitydesk.services.meetings.actions import open_actions_before
from communitydesk.services.meetings.documents import (
    SignInName,
    SignInSheetData,
    agenda_data,
    meeting_pack_data,
    minutes_data,
    print_settings,
    register_data,
    save_paper_size,
    sign_in_sheet_data,
)
from communitydesk.services.meetings.planning import add_meeting, cancel_meeting
from communitydesk.services.members.records import add_member


def test_sign_in_data_follows_register_order_and_holds_names_only(demo_db: Database) -> None:
    with demo_db.session() as s:
        data = sign_in_sheet_data(s, 11)
        expected = expected_people(s, 11)
    assert [(p.number, p.name) for p in data.people] == [(e.number, e.display_name) for e in expected]
    assert {f.name for f in dataclasses.fields(SignInName)} == {"number", "name"}
    assert "email" not in {f.name for f in dataclasses.fields(SignInSheetData)}
    assert data.settings.group_name == "Maple Court Tenants' Association"


def test_agenda_times_matters_arising_and_previous_meeting(demo_db: Database) -> None:
    with demo_db.session() as s:
        data = agenda_data(s, 11)
        arising = open_actions_before(s, 11)
    assert [a.id for a in data.matters_arising] == [a.id for a in arising]
    assert data.items[0].number == 1 and data.items[0].starts_at == data.meeting.starts_at
    second = data.items[1]
    assert second.starts_at == data.meeting.starts_at.replace(minute=data.items[0].duration_minutes)
    # meeting 11 is a general meeting of the series; 10 is a committee, 9 the last general one
    assert data.previous_meeting is not None and data.previous_meeting.id == 9


def test_previous_meeting_skips_cancelled_and_other_kinds(db: Database) -> None:
    with db.session() as s:
        first = add_meeting(s, title="General", starts_at=datetime(2026, 1, 5, 19))
        add_meeting(s, title="Social", starts_at=datetime(2026, 1, 20, 14), kind="social")
        dropped = add_meeting(s, title="General", starts_at=datetime(2026, 2, 5, 19))
        cancel_meeting(s, dropped.id)
        now = add_meeting(s, title="General", starts_at=datetime(2026, 3, 5, 19))
        assert agenda_data(s, now.id).previous_meeting.id == first.id
        assert agenda_data(s, first.id).previous_meeting is None
        pack = meeting_pack_data(s, first.id)
        assert pack.previous_minutes is None and pack.open_actions == ()


def test_minutes_present_apologies_and_actions(demo_db: Database) -> None:
    with demo_db.session() as s:
        data = minutes_data(s, 9)
        counts = dict(s.execute(
            select(Attendance.status, func.count()).where(Attendance.meeting_id == 9)
            .group_by(Attendance.status)).all())
        raised = s.scalar(select(func.count()).select_from(ActionItem).where(ActionItem.meeting_id == 9))
    assert len(data.present) == counts[AttendanceStatus.PRESENT]
    assert len(data.apologies) == counts.get(AttendanceStatus.APOLOGIES, 0)
    assert len(data.actions) == raised
    assert any(item.minutes for item in data.items)
    assert data.meeting.chair_name and data.meeting.minute_taker_name


def test_empty_meeting_gives_empty_data_not_errors(db: Database) -> None:
    with db.session() as s:
        meeting = add_meeting(s, title="First ever meeting", starts_at=datetime(2026, 3, 5, 19))
        assert sign_in_sheet_data(s, meeting.id).people == ()
        minutes = minutes_data(s, meeting.id)
        assert minutes.present == () and minutes.items == () and minutes.actions == ()
        with pytest.raises(UserError, match="no meeting with id 999"):
            agenda_data(s, 999)


def test_register_leaves_out_cancelled_meetings_and_counts(any_db: Database) -> None:
    with any_db.session() as s:
        ann = add_member(s, first_name="Ann", last_name="Zee")
        bob = add_member(s, first_name="Łukasz", last_name="Adamski")
        one = add_meeting(s, title="One", starts_at=datetime(2026, 1, 5, 19))
        two = add_meeting(s, title="Two", starts_at=datetime(2026, 2, 5, 19))
        off = add_meeting(s, title="Off", starts_at=datetime(2026, 2, 20, 19))
        late = add_meeting(s, title="Late", starts_at=datetime(2026, 4, 1, 19))
        s.add_all([
            Attendance(meeting_id=one.id, member_id=ann.id, status=AttendanceStatus.PRESENT),
            Attendance(meeting_id=two.id, member_id=ann.id, status=AttendanceStatus.APOLOGIES),
            Attendance(meeting_id=two.id, member_id=bob.id, status=AttendanceStatus.PRESENT),
            Attendance(meeting_id=off.id, member_id=bob.id, status=AttendanceStatus.PRESENT),
            Attendance(meeting_id=late.id, member_id=bob.id, status=AttendanceStatus.PRESENT),
        ])
        s.get(Meeting, off.id).status = MeetingStatus.CANCELLED
        s.flush()
        data = register_data(s, from_date=date(2026, 1, 1), to_date=date(2026, 3, 31))
        assert [m.title for m in data.meetings] == ["One", "Two"]
        assert [p.name for p in data.people] == ["Łukasz Adamski", "Ann Zee"]
        assert [p.marks for p in data.people] == [("", "present"), ("present", "apologies")]
        assert data.present_totals == (1, 1) and data.apologies_totals == (0, 1)
        assert data.total_present == 2
        assert len(register_data(s).meetings) == 3
        assert len(register_data(s, as_of=date(2026, 3, 31)).meetings) == 2  # "Late" is still ahead
        assert len(register_data(s, as_of=date(2026, 4, 1)).meetings) == 3  # ...until its day
        with pytest.raises(UserError, match="--to"):
            register_data(s, from_date=date(2026, 3, 1), to_date=date(2026, 2, 1))


def test_agenda_lines_without_durations_have_no_times(db: Database) -> None:
    with db.session() as s:
        meeting = add_meeting(s, title="Planning", starts_at=datetime(2026, 3, 5, 19))
        s.add_all([AgendaItem(meeting_id=meeting.id, position=2, title="Second"),
                   AgendaItem(meeting_id=meeting.id, position=1, title="First", duration_minutes=10)])
        s.flush()
        items = agenda_data(s, meeting.id).items
    assert [(i.number, i.title) for i in items] == [(1, "First"), (2, "Second")]
    assert items[0].starts_at == datetime(2026, 3, 5, 19) and items[1].starts_at is None


def test_paper_size_setting(db: Database) -> None:
    with db.session() as s:
        assert print_settings(s).paper_size == "A4"
        assert save_paper_size(s, "letter").paper_size == "Letter"
        assert print_settings(s).paper_size == "Letter"
        with pytest.raises(UserError, match="paper size"):
            save_paper_size(s, "A5")


def test_anonymised_people_are_counted_but_not_named(db: Database) -> None:
    with db.session() as s:
        kept = add_member(s, first_name="Zofia", last_name="Wójcik")
        erased = add_member(s, first_name="Gone", last_name="Person")
        meeting = add_meeting(s, title="General", starts_at=datetime(2026, 1, 5, 19))
        s.add_all([Attendance(meeting_id=meeting.id, member_id=m.id, status=AttendanceStatus.PRESENT)
                   for m in (kept, erased)])
        s.get(Member, erased.id).anonymised_at = datetime(2026, 2, 1)
        s.flush()
        register = register_data(s)
        minutes = minutes_data(s, meeting.id)
    assert [p.name for p in register.people] == ["Zofia Wójcik", "(name removed)"]
    assert register.present_totals == (2,)
    assert "Gone Person" not in minutes.present and len(minutes.present) == 2
