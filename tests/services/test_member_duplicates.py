"""Possible duplicates and the merge that keeps both records' history."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, select, update

from communitydesk.db.engine import Database
from communitydesk.db.models import ActionItem, Attendance, Meeting, Member, OneToOne, StageChange
from communitydesk.domain import AttendanceStatus
from communitydesk.services.members.duplicates import find_possible_duplicates, merge_members
from communitydesk.services.members.records import add_member


def test_finds_same_email_phone_and_similar_names(db: Database) -> None:
    with db.session() as s:
        a = add_member(s, first_name="Seán", last_name="O'Neill", email="sean@example.org")
        b = add_member(s, first_name="Sean", last_name="O'Neill", phone="07700 900001")
        c = add_member(s, first_name="S.", last_name="Other")
        # add_member refuses a taken email; older lists and other tools still hold such twins
        s.execute(update(Member).where(Member.id == c.id).values(email="SEAN@example.org"))
        d = add_member(s, first_name="Zoe", last_name="Hughes", phone="+44 7700 900001")
        add_member(s, first_name="Kwame", last_name="Mensah")
        pairs = find_possible_duplicates(s)
    found = {(p.first.id, p.second.id): p.reasons for p in pairs}
    assert found[(a.id, b.id)] == ("same name",)  # accents folded
    assert found[(a.id, c.id)] == ("same email",)
    assert (b.id, d.id) not in found  # a shared phone alone, different names: not one person
    assert len(found) == 2


def test_a_household_sharing_a_landline_is_not_a_duplicate(db: Database) -> None:
    with db.session() as s:
        john = add_member(s, first_name="John", last_name="Smith", phone="0161 496 0000")
        mary = add_member(s, first_name="Mary", last_name="Smith", phone="0161 4960000")
        jon = add_member(s, first_name="Jon", last_name="Smith", phone="+44 161 496 0000")
        initial = add_member(s, first_name="M.", last_name="Smith", phone="01614960000")
        pairs = {(p.first.id, p.second.id): p.reasons for p in find_possible_duplicates(s)}
    assert (john.id, mary.id) not in pairs
    assert "same phone" in pairs[(john.id, jon.id)]  # a similar name and the same phone
    assert "same phone" in pairs[(mary.id, initial.id)]  # an initial that fits, and the phone
    assert (john.id, initial.id) not in pairs


def test_merge_keeps_every_attendance_one_to_one_and_action(any_db: Database) -> None:
    with any_db.session() as s:
        keep = add_member(s, first_name="Seán", last_name="O'Neill", email="sean@example.org",
                          tags=["Tenants"])
        gone = add_member(s, first_name="Sean", last_name="O'Neill", phone="07700 900001",
                          tags=["Choir"], notes="from the sign-in sheet", joined_on=date(2020, 1, 1))
        other = add_member(s, first_name="Org", last_name="Aniser")
        meetings = [Meeting(title=f"M{i}", starts_at=datetime(2026, 1, i + 1, 19)) for i in range(3)]
        s.add_all(meetings)
        s.flush()
        meetings[2].chair_id = gone.id
        meetings[2].minute_taker_id = gone.id
        s.add_all([
            Attendance(meeting_id=meetings[0].id, member_id=keep.id, status=AttendanceStatus.APOLOGIES),
            Attendance(meeting_id=meetings[0].id, member_id=gone.id, status=AttendanceStatus.PRESENT),
            Attendance(meeting_id=meetings[1].id, member_id=gone.id, status=AttendanceStatus.PRESENT),
            OneToOne(organiser_id=other.id, member_id=gone.id, held_on=date(2026, 2, 1)),
            OneToOne(organiser_id=gone.id, member_id=other.id, held_on=date(2026, 2, 2)),
            ActionItem(description="Book the hall", owner_id=gone.id, meeting_id=meetings[0].id),
            StageChange(member_id=gone.id, to_stage="Leader", changed_by_id=gone.id),
        ])
    with any_db.session() as s:
        result = merge_members(s, keep.id, gone.id)
    assert "phone" in result.filled and result.moved["attendance"] == 2
    with any_db.session() as s:
        assert s.get(Member, gone.id) is None
        member = s.get(Member, keep.id)
        assert member.phone == "07700 900001" and member.email == "sean@example.org"
        assert member.joined_on == date(2020, 1, 1)
        assert [t.name for t in member.tags] == ["Choir", "Tenants"]
        statuses = dict(s.execute(select(Attendance.meeting_id, Attendance.status)
                                  .where(Attendance.member_id == keep.id)).all())
        assert statuses == {meetings[0].id: AttendanceStatus.PRESENT,
                            meetings[1].id: AttendanceStatus.PRESENT}
        assert s.scalar(select(func.count()).select_from(OneToOne)
                        .where((OneToOne.member_id == keep.id) | (OneToOne.organiser_id == keep.id))) == 2
        assert s.scalar(select(ActionItem.owner_id)) == keep.id
        change = s.scalar(select(StageChange))
        assert (change.member_id, change.changed_by_id) == (keep.id, keep.id)
        chaired = s.get(Meeting, meetings[2].id)
        assert (chaired.chair_id, chaired.minute_taker_id) == (keep.id, keep.id)
