"""`meetings export-ics`, `agenda`, `actions`, `minutes` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

from icalendar import Calendar


def _ok(result) -> str:  # noqa: ANN001
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_agenda_actions_minutes_round(run_cli, tmp_path: Path) -> None:
    _ok(run_cli("members", "add", "--first-name", "Ayşe", "--last-name", "Yılmaz"))
    first = _ok(run_cli("meetings", "add", "--title", "General", "--starts", "2026-03-03 19:00")).strip()
    second = _ok(run_cli("meetings", "add", "--title", "General", "--starts", "2026-04-07 19:00")).strip()
    item = json.loads(_ok(run_cli("agenda", "add", first, "--title", "Repairs", "--presenter", "Ayşe",
                                  "--minutes", "20", "--json")))
    assert item["position"] == 1 and item["ends_at"] == "2026-03-03T19:20"
    _ok(run_cli("agenda", "add", second, "--title", "Matters arising", "--minutes", "10"))
    _ok(run_cli("agenda", "add", second, "--title", "Any other business"))

    action = json.loads(_ok(run_cli("actions", "add", "--meeting", first, "--description",
                                    "Write to the landlord", "--owner", "1", "--due", "2026-03-20", "--json")))
    assert action["owner_name"] == "Ayşe Yılmaz" and action["status"] == "open"
    listed = json.loads(_ok(run_cli("actions", "list", "--open", "--owner", "1", "--json")))
    assert [a["id"] for a in listed] == [action["id"]]
    assert {"id", "description", "owner_id", "owner_name", "due_on", "status", "meeting_id"} <= listed[0].keys()

    agenda = json.loads(_ok(run_cli("agenda", "list", second, "--json")))
    assert [i["title"] for i in agenda] == ["Matters arising", "Any other business"]
    assert [a["description"] for a in agenda[0]["actions"]] == ["Write to the landlord"]
    assert "Write to the landlord" in _ok(run_cli("agenda", "list", second))

    _ok(run_cli("minutes", "set", first, "1", "--text", "Ayşe: 14 flats\nstill damp", "--decision", "Write"))
    _ok(run_cli("minutes", "approve", first, "--at", second))
    refused = run_cli("minutes", "set", first, "1", "--text", "changed")
    assert refused.returncode == 1 and refused.stderr.startswith("error:") and "approved" in refused.stderr
    assert "Traceback" not in refused.stderr
    agenda = json.loads(_ok(run_cli("agenda", "list", first, "--json")))
    assert agenda[0]["minutes"] == "Ayşe: 14 flats\nstill damp" and agenda[0]["decision"] == "Write"

    _ok(run_cli("actions", "close", str(action["id"]), "--status", "done", "--at", second))
    assert json.loads(_ok(run_cli("actions", "list", "--open", "--json"))) == []
    assert json.loads(_ok(run_cli("actions", "list", "--json")))[0]["status"] == "done"


def test_errors_are_one_line(run_cli) -> None:
    missing = run_cli("agenda", "add", "99", "--title", "X")
    assert missing.returncode == 1 and missing.stderr.strip() == "error: no meeting with id 99"
    bad = run_cli("actions", "close", "1", "--status", "finished")
    assert bad.returncode == 2


def test_export_ics(run_cli, tmp_path: Path) -> None:
    _ok(run_cli("meetings", "add", "--title", "General", "--starts", "2026-03-03 19:00",
                "--ends", "2026-03-03 21:00", "--venue", "Hall"))
    out = tmp_path / "meetings.ics"
    text = _ok(run_cli("meetings", "export-ics", "-o", str(out)))
    assert "1 meetings" in text
    cal = Calendar.from_ical(out.read_bytes())
    event = next(iter(cal.walk("VEVENT")))
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    assert event.decoded("DTSTART").hour == 19
    bad = run_cli("meetings", "export-ics", "-o", str(tmp_path / "no" / "such" / "dir.ics"))
    assert bad.returncode == 1 and "cannot write" in bad.stderr
