"""`meetings export-ics`, `agenda`, `actions`, `minutes` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

from icalendar import Calendar


def _ok(result) -> str:  # noqa: ANN001
    assert result.returncode == 0, result.stderr
    return result.stdout


def _new_id(printed: str, kind: str) -> str:
    """The id from "meeting 2: General, Tue 3 Mar 2026 19:00"."""
    assert printed.startswith(f"{kind} "), printed
    return printed.split(":", 1)[0].removeprefix(f"{kind} ")


def test_agenda_actions_minutes_round(run_cli, tmp_path: Path) -> None:
    _ok(run_cli("members", "add", "--first-name", "Ayşe", "--last-name", "Yılmaz"))
    first_out = _ok(run_cli("meetings", "add", "--title", "General", "--starts", "2026-03-03 19:00"))
    assert first_out.strip() == "meeting 1: General, Tue 3 Mar 2026 19:00"
    first = _new_id(first_out, "meeting")
    second = _new_id(_ok(run_cli("meetings", "add", "--title", "General", "--starts", "07/04/2026 19:00")),
                     "meeting")
    item = json.loads(_ok(run_cli("agenda", "add", first, "--title", "Repairs", "--presenter", "Ayşe",
                                  "--minutes", "20", "--json")))
    assert item["position"] == 1 and item["ends_at"] == "2026-03-03T19:20"
    _ok(run_cli("agenda", "add", second, "--title", "Matters arising", "--minutes", "10"))
    _ok(run_cli("agenda", "add", second, "--title", "Any other business"))

    action = json.loads(_ok(run_cli("actions", "add", "--meeting", first, "--description",
                                    "Write to the landlord", "--owner", "ayse yilmaz", "--due", "20/03/2026",
                                    "--json")))
    assert action["due_on"] == "2026-03-20"
    assert action["owner_name"] == "Ayşe Yılmaz" and action["status"] == "open"
    listed = json.loads(_ok(run_cli("actions", "list", "--open", "--owner", "1", "--json")))
    assert [a["id"] for a in listed] == [action["id"]]
    assert {"id", "description", "owner_id", "owner_name", "due_on", "status", "meeting_id"} <= listed[0].keys()
    printed = _ok(run_cli("actions", "list", "--owner", "Ayşe Yılmaz"))
    assert "2026-03-20" in printed and "<10" not in printed

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
    assert "1 meeting written to" in text  # singular since #19 (ngettext)
    cal = Calendar.from_ical(out.read_bytes())
    event = next(iter(cal.walk("VEVENT")))
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    assert event.decoded("DTSTART").hour == 19
    bad = run_cli("meetings", "export-ics", "-o", str(tmp_path / "no" / "such" / "dir.ics"))
    assert bad.returncode == 1 and "cannot write" in bad.stderr


def test_meetings_edit_and_agenda_remove_move(run_cli) -> None:
    _ok(run_cli("members", "add", "--first-name", "Ayşe", "--last-name", "Yılmaz", "--email", "ayse@example.org"))
    _ok(run_cli("members", "add", "--first-name", "Bo", "--last-name", "Ek"))
    meeting = _new_id(_ok(run_cli("meetings", "add", "--title", "General meeting",
                                  "--starts", "17/12/2026 19:00", "--venue", "Hall")), "meeting")
    edited = run_cli("meetings", "edit", meeting, "--chair", "ayse@example.org", "--minute-taker", "bo ek",
                     "--title", "AGM", "--starts", "2026-12-17 18:30")
    assert edited.returncode == 0, edited.stderr
    assert edited.stdout.splitlines() == ["meeting 1: AGM, Thu 17 Dec 2026 18:30",
                                          "  chair: Ayşe Yılmaz; minute-taker: Bo Ek"]
    assert "2026-12-17 18:30  AGM" in _ok(run_cli("meetings", "list", "--from", "01/12/2026"))
    detail = json.loads(_ok(run_cli("meetings", "edit", meeting, "--minute-taker", "none", "--json")))
    assert (detail["chair_id"], detail["minute_taker_id"], detail["venue"]) == (1, None, "Hall")
    assert detail["title"] == "AGM" and detail["starts_at"] == "2026-12-17T18:30"
    unknown = run_cli("meetings", "edit", meeting, "--chair", "Nobody")
    assert unknown.returncode == 1 and unknown.stderr.startswith("error: --chair: no member")
    assert run_cli("meetings", "edit", meeting, "--series", "7").returncode == 1

    for title in ("Welcome", "Repairs", "Treasurer", "Any other business"):
        _ok(run_cli("agenda", "add", meeting, "--title", title))
    moved = run_cli("agenda", "move", meeting, "4", "--to", "2")
    assert moved.returncode == 0, moved.stderr
    titles = [i["title"] for i in json.loads(_ok(run_cli("agenda", "list", meeting, "--json")))]
    assert titles == ["Welcome", "Any other business", "Repairs", "Treasurer"]
    _ok(run_cli("agenda", "move", meeting, "1", "--down"))
    _ok(run_cli("agenda", "move", meeting, "3", "--up", "5"))
    titles = [i["title"] for i in json.loads(_ok(run_cli("agenda", "list", meeting, "--json")))]
    assert titles == ["Repairs", "Any other business", "Welcome", "Treasurer"]

    _ok(run_cli("minutes", "set", meeting, "1", "--text", "Boiler fixed"))
    refused = run_cli("agenda", "remove", meeting, "1")
    assert refused.returncode == 1 and "--yes" in refused.stderr
    assert _ok(run_cli("agenda", "remove", meeting, "1", "--yes")).strip() == (
        "removed agenda item 1 of meeting 1: Repairs")
    _ok(run_cli("agenda", "remove", meeting, "3"))
    titles = [i["title"] for i in json.loads(_ok(run_cli("agenda", "list", meeting, "--json")))]
    assert titles == ["Any other business", "Welcome"]
    missing = run_cli("agenda", "remove", meeting, "9")
    assert missing.returncode == 1 and missing.stderr.strip() == "error: meeting 1 has no agenda item 9 (items 1–2)"
