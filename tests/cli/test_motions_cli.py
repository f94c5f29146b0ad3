"""`motions add|vote|list` exactly as the contract writes them (DESIGN.md "Motions, votes and quorum")."""

from __future__ import annotations

import json
from datetime import datetime

from communitydesk.services.attendance.register import record_attendance
from communitydesk.services.meetings.planning import add_meeting
from communitydesk.services.members.records import add_member
from communitydesk.services.settings.group_settings import set_setting


def _setup(db) -> int:  # noqa: ANN001
    with db.session() as session:
        people = [add_member(session, first_name=f, last_name=last, email=f"{f.lower()}@example.org").id
                  for f, last in (("Ada", "Łukasik"), ("Ben", "Osei"), ("Cleo", "Park"), ("Dev", "Rao"))]
        meeting = add_meeting(session, title="General meeting", starts_at=datetime(2026, 3, 3, 19, 0))
        set_setting(session, "quorum", "3")
        for member_id in people[:3]:
            record_attendance(session, meeting.id, member_id=member_id, status="present")
    return meeting.id


def test_add_vote_list_per_contract(run_cli, db) -> None:  # noqa: ANN001
    meeting_id = _setup(db)
    target = db.sqlite_path
    added = run_cli("motions", "add", str(meeting_id), "--text", "That we adopt the accounts",
                    "--proposer", "Ada Łukasik", "--seconder", "ben@example.org", "--majority", "two-thirds",
                    "--json", db=target)
    assert added.returncode == 0, added.stderr
    motion = json.loads(added.stdout)
    assert {k: motion[k] for k in ("text", "proposer", "seconder", "majority", "for", "result")} == {
        "text": "That we adopt the accounts", "proposer": "Ada Łukasik", "seconder": "Ben Osei",
        "majority": "two-thirds", "for": None, "result": "pending"}
    plain = run_cli("motions", "add", str(meeting_id), "--text", "That we thank the caretaker", db=target)
    assert plain.stdout.strip().isdigit()
    second = int(plain.stdout)

    hands = run_cli("motions", "vote", str(motion["id"]), "--for", "2", "--against", "1", db=target)
    assert hands.returncode == 0 and hands.stdout.strip().endswith("carried"), hands.stderr
    for who, vote in (("Ada Łukasik", "for"), ("cleo@example.org", "against")):
        one = run_cli("motions", "vote", str(second), "--member", who, "--vote", vote, db=target)
        assert one.returncode == 0, one.stderr
    absent = run_cli("motions", "vote", str(second), "--member", "Dev Rao", "--vote", "for", db=target)
    assert absent.returncode == 1
    assert absent.stderr == f"error: Dev Rao is not marked present at meeting {meeting_id}; only people " \
                            "marked present may vote by name\n"

    listed = json.loads(run_cli("motions", "list", str(meeting_id), "--json", db=target).stdout)
    assert [{k: m[k] for k in ("id", "text", "proposer", "seconder", "majority", "for", "against",
                                "abstain", "result")} for m in listed] == [
        {"id": motion["id"], "text": "That we adopt the accounts", "proposer": "Ada Łukasik",
         "seconder": "Ben Osei", "majority": "two-thirds", "for": 2, "against": 1, "abstain": 0,
         "result": "carried"},
        {"id": second, "text": "That we thank the caretaker", "proposer": None, "seconder": None,
         "majority": "simple", "for": 1, "against": 1, "abstain": 0, "result": "lost"},
    ]
    casting = run_cli("motions", "vote", str(second), "--casting", "for", db=target)
    assert casting.stdout.strip().endswith("carried")

    refused = run_cli("attendance", "mark", str(meeting_id), "Cleo Park", "--status", "absent", db=target)
    assert refused.returncode == 1 and "Cleo Park voted on motion" in refused.stderr
    left = run_cli("motions", "leave", str(meeting_id), "Cleo Park", "--votes", "remove", db=target)
    assert left.returncode == 0, left.stderr
    after = json.loads(run_cli("motions", "list", str(meeting_id), "--json", db=target).stdout)[1]
    assert (after["for"], after["against"]) == (1, 0)


def test_errors_are_one_line_exit_1(run_cli, db) -> None:  # noqa: ANN001
    meeting_id = _setup(db)
    target = db.sqlite_path
    for args, message in (
        (("motions", "add", "99", "--text", "x"), "error: no meeting with id 99"),
        (("motions", "vote", "99", "--for", "1", "--against", "0"), "error: no motion with id 99"),
        (("motions", "list", "99"), "error: no meeting with id 99"),
        (("motions", "add", str(meeting_id), "--text", "x", "--proposer", "Nobody Here"), "error: --proposer"),
    ):
        result = run_cli(*args, db=target)
        assert result.returncode == 1, args
        assert result.stderr.startswith(message) and result.stderr.count("\n") == 1, result.stderr
