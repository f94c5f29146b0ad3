"""The quorum rule (#16): a number of people or a share of active members, rounded up."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from communitydesk.services.attendance.register import record_attendance
from communitydesk.services.meetings.planning import add_meeting
from communitydesk.services.members.records import add_member
from communitydesk.services.motions.quorum import decide, meeting_quorum, required_for
from communitydesk.services.settings.group_settings import set_setting


@pytest.mark.parametrize(("rule", "active", "present", "required", "quorate"), [
    ("", 40, 0, 0, True),            # no rule: any meeting is quorate
    ("12", 40, 12, 12, True),
    ("12", 40, 11, 12, False),
    ("12", 40, 0, 12, False),        # zero present
    ("10%", 41, 5, 5, True),         # 4.1 rounds up to 5
    ("10%", 41, 4, 5, False),
    ("10%", 40, 4, 4, True),         # exactly 4: no rounding
    ("1%", 1, 1, 1, True),           # 0.01 rounds up to 1
    ("1%", 1, 0, 1, False),
    ("50%", 0, 0, 0, True),          # nobody active: nobody needed
    ("100%", 7, 6, 7, False),
    ("34%", 3, 2, 2, True),          # 1.02 rounds up to 2
])
def test_the_rule(rule: str, active: int, present: int, required: int, quorate: bool) -> None:
    assert required_for(rule, active) == required
    result = decide(present, rule, active)
    assert (result.present, result.required, result.quorate) == (present, required, quorate)


def test_label_reads_like_the_screen() -> None:
    assert decide(23, "18", 0).label() == "Present 23 of 18 needed — quorate"
    assert decide(3, "10%", 41).label() == "Present 3 of 5 needed — not quorate"


def _group(session, active: int, other: int = 0) -> list[int]:  # noqa: ANN001
    ids = [add_member(session, first_name=f"A{i}", last_name="Active").id for i in range(active)]
    for i in range(other):
        add_member(session, first_name=f"L{i}", last_name="Lapsed", status="lapsed")
    return ids


def test_meeting_quorum_counts_present_against_active_on_the_day(db) -> None:  # noqa: ANN001
    with db.session() as session:
        ids = _group(session, 21, other=5)
        add_member(session, first_name="Late", last_name="Joiner", joined_on=date(2026, 3, 1))
        meeting = add_meeting(session, title="AGM", starts_at=datetime(2026, 2, 10, 19, 0))
        set_setting(session, "quorum", "25%")  # of 21 active on 10 Feb (the March joiner not yet): 6
        for member_id in ids[:5]:
            record_attendance(session, meeting.id, member_id=member_id, status="present")
        record_attendance(session, meeting.id, member_id=ids[5], status="apologies")
        assert meeting_quorum(session, meeting.id).to_json() == {"present": 5, "required": 6, "quorate": False}
        record_attendance(session, meeting.id, member_id=ids[6], status="present")
        assert meeting_quorum(session, meeting.id).quorate


def test_meetings_quorum_cli(run_cli, db) -> None:  # noqa: ANN001
    with db.session() as session:
        ids = _group(session, 3)
        meeting = add_meeting(session, title="Branch", starts_at=datetime(2026, 2, 10, 19, 0))
        set_setting(session, "quorum", "2")
        record_attendance(session, meeting.id, member_id=ids[0], status="present")
    target = db.sqlite_path
    out = run_cli("meetings", "quorum", str(meeting.id), "--json", db=target)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == {"present": 1, "required": 2, "quorate": False}
    plain = run_cli("meetings", "quorum", str(meeting.id), db=target)
    assert plain.stdout.strip() == "Present 1 of 2 needed — not quorate"
    missing = run_cli("meetings", "quorum", "99", db=target)
    assert missing.returncode == 1 and missing.stderr.startswith("error: no meeting with id 99")
