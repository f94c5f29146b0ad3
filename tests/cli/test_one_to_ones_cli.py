"""`one-to-ones add|due|list|show|…` as the contract says: exit codes, JSON keys, dates as arguments."""

from __future__ import annotations

import json
from pathlib import Path

DUE_KEYS = {"id", "member_id", "member_name", "organiser_id", "follow_up_on", "next_step"}


def _members(run_cli, db: Path) -> tuple[int, int, int]:
    ids = []
    for first, last in (("Mercy", "Adeyemi"), ("Łukasz", "Wiśniewski"), ("Aoife", "Ní Bhriain")):
        out = run_cli("members", "add", "--first-name", first, "--last-name", last, db=db)
        assert out.returncode == 0, out.stderr
        assert out.stdout.startswith(f"member {len(ids) + 1}: {first} {last}")
        ids.append(len(ids) + 1)
    return ids[0], ids[1], ids[2]


def test_add_due_list_show(run_cli, tmp_path: Path) -> None:
    db = tmp_path / "cli.sqlite3"
    organiser, lukasz, aoife = _members(run_cli, db)
    added = run_cli("one-to-ones", "add", "--organiser", str(organiser), "--member", str(lukasz),
                    "--date", "2026-03-05", "--next-step", "Invite to the repairs group",
                    "--follow-up", "2026-03-19", "--stage", "supporter", "--medium", "phone",
                    "--duration", "40", "--story", "SECRET story", "--issues", "Damp", "--json", db=db)
    assert added.returncode == 0, added.stderr
    record = json.loads(added.stdout)
    assert record["member_name"] == "Łukasz Wiśniewski" and record["stage_after"] == "Supporter"
    assert record["follow_up_on"] == "2026-03-19" and "story" not in record
    plain = run_cli("one-to-ones", "add", "--organiser", "mercy adeyemi", "--member", "Aoife Ni Bhriain",
                    "--date", "06/03/2026", "--follow-up", "2026-04-01", db=db)
    assert plain.returncode == 0, plain.stderr
    assert plain.stdout.strip() == (f"one-to-one {record['id'] + 1}: Aoife Ní Bhriain with Mercy Adeyemi, "
                                    "Fri 6 Mar 2026, follow up Wed 1 Apr 2026")

    due = json.loads(run_cli("one-to-ones", "due", "--on", "2026-03-19", "--json", db=db).stdout)
    assert len(due) == 1 and due[0].keys() >= DUE_KEYS
    assert (due[0]["member_id"], due[0]["organiser_id"], due[0]["follow_up_on"], due[0]["next_step"]) == (
        lukasz, organiser, "2026-03-19", "Invite to the repairs group")
    assert json.loads(run_cli("one-to-ones", "due", "--on", "2026-03-18", "--json", db=db).stdout) == []
    assert len(json.loads(run_cli("one-to-ones", "due", "--on", "2026-04-01", "--json", db=db).stdout)) == 2

    listed = run_cli("one-to-ones", "list", "--member", str(lukasz), "--json", db=db)
    assert "SECRET" not in listed.stdout
    assert [c["id"] for c in json.loads(listed.stdout)] == [record["id"]]

    shown = run_cli("one-to-ones", "show", str(record["id"]), db=db)
    assert "CONFIDENTIAL" in shown.stdout and "SECRET story" in shown.stdout

    assert run_cli("one-to-ones", "done", str(record["id"]), db=db).returncode == 0
    assert run_cli("one-to-ones", "snooze", str(record["id"] + 1), "--until", "2026-05-01", db=db).returncode == 0
    assert json.loads(run_cli("one-to-ones", "due", "--on", "2026-04-30", "--json", db=db).stdout) == []

    ladder = json.loads(run_cli("one-to-ones", "ladder", "--json", db=db).stdout)
    supporter = next(c for c in ladder if c["stage"] == "Supporter")
    assert supporter["count"] == 1 and supporter["people"][0]["id"] == lukasz
    moved = run_cli("one-to-ones", "move", "aoife ní bhriain", "--stage", "Activist", "--reason",
                    "Ran the stall", "--by", "Mercy Adeyemi", db=db)
    assert moved.returncode == 0 and "Activist" in moved.stdout


def test_user_errors(run_cli, tmp_path: Path) -> None:
    db = tmp_path / "cli.sqlite3"
    organiser, lukasz, _ = _members(run_cli, db)
    cases = [
        ("one-to-ones", "add", "--organiser", str(organiser), "--member", "99", "--date", "2026-03-05"),
        ("one-to-ones", "add", "--organiser", str(organiser), "--member", str(lukasz), "--date", "5 March"),
        ("one-to-ones", "add", "--organiser", str(organiser), "--member", str(lukasz), "--date", "2026-03-05",
         "--stage", "Chief"),
        ("one-to-ones", "due", "--on", "soon"),
        ("one-to-ones", "list", "--member", "99"),
        ("one-to-ones", "show", "99"),
    ]
    for args in cases:
        result = run_cli(*args, db=db)
        assert result.returncode == 1, (args, result.stderr)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert run_cli("one-to-ones", "add", "--member", "1", db=db).returncode == 2
