"""The register service: numbered rows, marks, counts, guests, check-ins, member history."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from communitydesk.db.engine import Database
from communitydesk.errors import UserError
from communitydesk.services.attendance.check_in import CheckInIndex, check_in_people
from communitydesk.services.attendance.expected import expected_people
from communitydesk.services.attendance.register import (
    add_guest,
    check_in,
    clear_register,
    count_register,
    meeting_counts,
    member_attendance,
    record_attendance,
    register_rows,
)
from communitydesk.services.meetings.planning import add_meeting, cancel_meeting
from communitydesk.services.members.records import add_member, get_member, list_members


def _group(session, n: int = 5) -> tuple[int, list[int]]:
    names = [("Łukasz", "Wróbel"), ("Zoë", "Hughes"), ("Şükrü", "Demir"), ("Ana", "Abbott"), ("Ivan", "Petrov")]
    ids = [add_member(session, first_name=f, last_name=last).id for f, last in names[:n]]
    meeting = add_meeting(session, title="General meeting", starts_at=datetime(2026, 3, 5, 19))
    return meeting.id, ids


def test_register_rows_follow_expected_order_and_count(any_db: Database) -> None:
    with any_db.session() as s:
        meeting_id, ids = _group(s)
        rows = register_rows(s, meeting_id)
        assert [r.number for r in rows] == [1, 2, 3, 4, 5]
        assert [r.member_id for r in rows] == [p.member_id for p in expected_people(s, meeting_id)]
        assert [r.last_name for r in rows] == ["Abbott", "Demir", "Hughes", "Petrov", "Wróbel"]
        record_attendance(s, meeting_id, member_id=rows[0].member_id, status="present")
        record_attendance(s, meeting_id, member_id=rows[1].member_id, status="apologies")
        record_attendance(s, meeting_id, member_id=rows[2].member_id, status="absent")
        counts = count_register(register_rows(s, meeting_id))
        assert (counts.expected, counts.present, counts.apologies, counts.absent, counts.not_marked) == (5, 1, 1, 1, 2)
        record_attendance(s, meeting_id, member_id=rows[0].member_id, status=None)
        assert count_register(register_rows(s, meeting_id)).present == 0
        assert meeting_counts(s, [meeting_id]) == {meeting_id: (0, 1)}


def test_bad_values_are_refused_with_the_field_named(db: Database) -> None:
    with db.session() as s:
        meeting_id, ids = _group(s, 1)
        with pytest.raises(UserError, match="status: 'late'"):
            record_attendance(s, meeting_id, member_id=ids[0], status="late")
        with pytest.raises(UserError, match="no member with id 999"):
            record_attendance(s, meeting_id, member_id=999, status="present")
        with pytest.raises(UserError, match="no meeting with id 999"):
            record_attendance(s, 999, member_id=ids[0], status="present")
        cancel_meeting(s, meeting_id)
        with pytest.raises(UserError, match="cancelled"):
            record_attendance(s, meeting_id, member_id=ids[0], status="present")


def test_apologies_before_the_meeting_then_check_in_keeps_first_time(db: Database) -> None:
    with db.session() as s:
        meeting_id, ids = _group(s, 2)
        entry = record_attendance(s, meeting_id, member_id=ids[0], status="apologies")
        assert entry.status == "apologies" and entry.checked_in_at is None
        first = check_in(s, meeting_id, member_id=ids[0], at=datetime(2026, 3, 5, 18, 55, 12, 5))
        assert first.status == "present" and first.checked_in_at == datetime(2026, 3, 5, 18, 55, 12)
        again = check_in(s, meeting_id, member_id=ids[0], at=datetime(2026, 3, 5, 19, 30))
        assert again.checked_in_at == first.checked_in_at
        assert clear_register(s, meeting_id) == 1


def test_guest_becomes_a_prospect_on_the_register(any_db: Database) -> None:
    with any_db.session() as s:
        meeting_id, _ = _group(s, 2)
        guest = add_guest(s, meeting_id, first_name=" Noor ", last_name="Haddad", phone="07700 900123",
                          email="Noor@Example.org", consent=True, at=datetime(2026, 3, 5, 19, 2))
        record = get_member(s, guest.member_id)
        assert record.status == "prospect" and record.email == "noor@example.org"
        assert record.consent_email and record.consent_phone and not record.consent_post
        assert "General meeting" in str(record.consent_source)
        assert record.joined_on == date(2026, 3, 5)
        rows = register_rows(s, meeting_id)
        assert [r.display_name for r in rows if r.member_id == guest.member_id] == ["Noor Haddad"]
        assert guest.entry.checked_in_at == datetime(2026, 3, 5, 19, 2)
        with pytest.raises(UserError, match="first name"):
            add_guest(s, meeting_id, first_name="  ", last_name="X")
        quiet = add_guest(s, meeting_id, first_name="Tomás", last_name="Ruiz")
        assert not get_member(s, quiet.member_id).consent_email


def test_member_history_last_attended_and_rate(db: Database) -> None:
    with db.session() as s:
        member = add_member(s, first_name="Ana", last_name="Abbott", joined_on=date(2026, 2, 1))
        meetings = [add_meeting(s, title=f"M{i}", starts_at=datetime(2026, i, 10, 19)).id for i in range(1, 7)]
        # January is before she joined; June is after "today"; April is cancelled.
        record_attendance(s, meetings[1], member_id=member.id, status="present")  # Feb
        record_attendance(s, meetings[2], member_id=member.id, status="apologies")  # Mar
        record_attendance(s, meetings[3], member_id=member.id, status="present")  # Apr (cancelled)
        record_attendance(s, meetings[4], member_id=member.id, status="present")  # May
        cancel_meeting(s, meetings[3])
        history = member_attendance(s, member.id, today=date(2026, 5, 31))
        assert history.last_attended == date(2026, 5, 10)
        assert (history.present_this_year, history.counted_this_year) == (2, 3)  # Feb, Mar, May
        assert history.rate_this_year == pytest.approx(2 / 3)
        assert [e.title for e in history.entries] == ["M5", "M4", "M3", "M2"]
        newcomer = add_member(s, first_name="Bo", last_name="Chen")
        assert member_attendance(s, newcomer.id, today=date(2026, 5, 31)).rate_this_year is None
        record_attendance(s, meetings[2], member_id=newcomer.id, status="present")  # first attendance: March
        h = member_attendance(s, newcomer.id, today=date(2026, 5, 31))
        assert (h.present_this_year, h.counted_this_year) == (1, 2)  # March and May count


def test_check_in_index_matches_first_letters_ignoring_accents(any_db: Database) -> None:
    with any_db.session() as s:
        meeting_id, ids = _group(s)
        add_member(s, first_name="Lucy", last_name="Wright", status="lapsed")
        index = CheckInIndex(check_in_people(s, meeting_id))
    assert [p.display_name for p in index.search("lukasz")] == ["Łukasz Wróbel"]
    assert [p.display_name for p in index.search("wr")] == ["Łukasz Wróbel", "Lucy Wright"]
    assert [p.display_name for p in index.search("lu wri")] == ["Lucy Wright"]
    assert [p.display_name for p in index.search("SUK")] == ["Şükrü Demir"]
    assert index.search("ukasz") == [] and index.search("  ") == []
    assert index.search("wr")[0].expected and not index.search("wr")[1].expected


def test_kiosk_expected_flag_agrees_with_expected_people(demo_db: Database) -> None:
    from communitydesk.db.models import Meeting
    from communitydesk.services.members.records import ensure_tags

    with demo_db.session() as s:
        meetings = [m.id for m in s.query(Meeting).order_by(Meeting.id).limit(3)]
        tag = ensure_tags(s, ["Kiosk test"])[0]
        s.flush()
        s.get(Meeting, meetings[2]).for_tag_id = tag.id
        for meeting_id in meetings:
            people = check_in_people(s, meeting_id)
            expected = {p.member_id for p in expected_people(s, meeting_id)}
            assert {p.member_id for p in people if p.expected} == expected
            flags = [p.expected for p in people]
            assert flags == sorted(flags, reverse=True)  # expected people come first


def test_a_meeting_not_yet_held_takes_apologies_only(any_db: Database) -> None:
    """Issue 13 item 6: nobody is present at, or absent from, a meeting still ahead."""
    with any_db.session() as s:
        member = add_member(s, first_name="Ada", last_name="Byron").id
        ahead = add_meeting(s, title="General meeting", starts_at=datetime(2026, 7, 7, 19)).id
        today = date(2026, 7, 4)
        for status in ("present", "absent"):
            with pytest.raises(UserError, match=r"has not happened yet: nobody can be marked "
                                                rf"{status} before its day; apologies may be sent ahead"):
                record_attendance(s, ahead, member_id=member, status=status, today=today)
        with pytest.raises(UserError, match="has not happened yet"):
            check_in(s, ahead, member_id=member, today=today)
        with pytest.raises(UserError, match="has not happened yet"):
            add_guest(s, ahead, first_name="Early", last_name="Bird", today=today)
        assert not [m for m in list_members(s) if m.first_name == "Early"]  # nobody created
        assert record_attendance(s, ahead, member_id=member, status="apologies", today=today).status == "apologies"
        assert record_attendance(s, ahead, member_id=member, status=None, today=today).status is None
        # On the day itself, hours before it starts, the door opens.
        assert check_in(s, ahead, member_id=member, today=date(2026, 7, 7)).status == "present"


def test_a_meeting_ahead_is_never_last_attended(db: Database) -> None:
    """An entry made before the rule (or by an import) at a meeting still ahead is not "last attended"."""
    from communitydesk.db.models import Attendance
    from communitydesk.domain import AttendanceStatus

    with db.session() as s:
        member = add_member(s, first_name="Ada", last_name="Byron").id
        held = add_meeting(s, title="Held", starts_at=datetime(2026, 11, 3, 19)).id
        ahead = add_meeting(s, title="Ahead", starts_at=datetime(2026, 12, 1, 19)).id
        record_attendance(s, held, member_id=member, status="present", today=date(2026, 11, 3))
        s.add(Attendance(meeting_id=ahead, member_id=member, status=AttendanceStatus.PRESENT))
        s.flush()
        assert member_attendance(s, member, today=date(2026, 11, 20)).last_attended == date(2026, 11, 3)
