"""#16 "Done when": a whole AGM from the command line, read back from the minutes PDF.

Register, quorum, a two-thirds motion with an amendment voted first, people leaving so a
later motion fails for lack of quorum, one contested and one unopposed election; then
the minutes (pdftotext) show every figure and result, a ballot paper and the export.
"""

from __future__ import annotations

import csv
import json
from datetime import datetime
from pathlib import Path

from communitydesk.services.meetings.agenda import add_agenda_item
from communitydesk.services.meetings.planning import add_meeting
from communitydesk.services.members.records import add_member
from tests.pdf.poppler import pdftotext

PEOPLE = [("Ada", "Łukasik"), ("Ben", "Osei"), ("Cleo", "Park"), ("Dev", "Rao"), ("Eve", "Şahin"),
          ("Finn", "Byrne"), ("Gia", "Nowak")]


def test_a_whole_agm(run_cli, db, tmp_path: Path) -> None:  # noqa: ANN001, PLR0915 - one story
    with db.session() as s:
        for first, last in PEOPLE:
            add_member(s, first_name=first, last_name=last)
        meeting = add_meeting(s, title="Annual general meeting", starts_at=datetime(2026, 5, 12, 19, 0))
        accounts = add_agenda_item(s, meeting.id, title="Accounts")
    target = db.sqlite_path

    def cli(*args: str) -> str:
        result = run_cli(*args, db=target)
        assert result.returncode == 0, (args, result.stderr)
        return result.stdout

    m = str(meeting.id)
    cli("settings", "set", "quorum", "60%")  # of 7 active: 4.2 rounds up to 5
    for first, last in PEOPLE[:6]:
        cli("attendance", "mark", m, f"{first} {last}", "--status", "present")
    assert json.loads(cli("meetings", "quorum", m, "--json")) == {"present": 6, "required": 5, "quorate": True}

    adopt = json.loads(cli("motions", "add", m, "--text", "That the constitution be amended as circulated",
                           "--item", str(accounts.id), "--proposer", "Ada Łukasik", "--seconder", "Ben Osei",
                           "--majority", "two-thirds", "--json"))["id"]
    amendment = cli("motions", "amend", str(adopt), "--text", "Add clause 9 on proxies",
                    "--proposer", "Cleo Park", "--seconder", "Dev Rao").strip()
    early = run_cli("motions", "vote", str(adopt), "--for", "4", "--against", "2", db=target)
    assert early.returncode == 1 and f"vote on its amendment {amendment} first" in early.stderr
    cli("motions", "vote", amendment, "--for", "2", "--against", "3", "--abstain", "1")
    cli("motions", "vote", str(adopt), "--for", "4", "--against", "2")  # 4 of 6 cast: exactly two-thirds

    for first, last in PEOPLE[3:6]:  # three leave before the last motion
        cli("attendance", "mark", m, f"{first} {last}", "--status", "absent")
    assert json.loads(cli("meetings", "quorum", m, "--json")) == {"present": 3, "required": 5, "quorate": False}
    late = cli("motions", "add", m, "--text", "That subscriptions rise to £15", "--proposer", "Ada Łukasik",
               "--seconder", "Cleo Park").strip()
    cli("motions", "vote", late, "--for", "3", "--against", "0")

    listed = {row["id"]: row for row in json.loads(cli("motions", "list", m, "--json"))}
    assert listed[adopt]["result"] == "carried"  # kept as it was when voted, though people left
    assert listed[int(amendment)]["result"] == "lost"
    assert listed[int(late)]["result"] == "not quorate"

    chair = cli("elections", "add", m, "--office", "Chair").strip()
    treasurer = cli("elections", "add", m, "--office", "Treasurer").strip()
    for who, proposer, seconder in (("Ada Łukasik", "Ben Osei", "Cleo Park"), ("Ben Osei", "Dev Rao", "Eve Şahin"),
                                    ("Gia Nowak", "Ada Łukasik", "Finn Byrne")):
        cli("elections", "nominate", chair, who, "--proposer", proposer, "--seconder", seconder)
    cli("elections", "nominate", treasurer, "Eve Şahin", "--proposer", "Ada Łukasik", "--seconder", "Ben Osei")
    undeclared = run_cli("elections", "declare", chair, db=target)
    assert undeclared.returncode == 1 and "record the votes" in undeclared.stderr
    ballot = tmp_path / "ballot.pdf"
    cli("elections", "ballot", chair, "-o", str(ballot))
    ballot_text = pdftotext(ballot)
    assert all(name in ballot_text for name in ("Ada Łukasik", "Ben Osei", "Gia Nowak"))
    for who, votes in (("Ada Łukasik", "4"), ("Ben Osei", "1"), ("Gia Nowak", "1")):
        cli("elections", "vote", chair, who, "--votes", votes)
    assert "elected by ballot" in cli("elections", "declare", chair)
    assert "elected unopposed" in cli("elections", "declare", treasurer)
    terms = json.loads(cli("elections", "officers", "Eve Şahin", "--json"))
    assert terms == [{"member_id": terms[0]["member_id"], "office": "Treasurer", "starts_on": "2026-05-12",
                      "ends_on": None}]

    minutes = tmp_path / "minutes.pdf"
    cli("print", "minutes", m, "-o", str(minutes))
    text = " ".join(pdftotext(minutes).split())
    for expected in (
        "Motion 1: That the constitution be amended as circulated",
        "Proposed by Ada Łukasik, seconded by Ben Osei; needs two-thirds of votes cast.",
        "For 4, against 2, abstentions 0 (show of hands): CARRIED.",
        "Amendment 1a: Add clause 9 on proxies",
        "Proposed by Cleo Park, seconded by Dev Rao",
        "For 2, against 3, abstentions 1 (show of hands): LOST.",
        "Motion 2: That subscriptions rise to £15",
        "For 3, against 0, abstentions 0 (show of hands): NOT QUORATE — 3 present, 5 needed.",
        "Chair (1 seat): elected by ballot",
        "Treasurer (1 seat): elected unopposed",
        "Eve Şahin",
    ):
        assert expected in text, expected
    assert "Gia Nowak Ada Łukasik Finn Byrne 1" in text  # a candidate row: proposer, seconder, votes

    agenda = tmp_path / "agenda.pdf"
    cli("print", "agenda", m, "-o", str(agenda))
    assert "Item 1. Accounts — Motion 1: That the constitution" in " ".join(pdftotext(agenda).split())

    export = tmp_path / "results.csv"
    cli("motions", "export", "--from", "2026-01-01", "--to", "2026-12-31", "-o", str(export))
    with export.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["Result"] for r in rows[:3]] == ["carried", "lost", "not quorate"]
    assert rows[3]["Result"] == "Ada Łukasik: elected" and rows[3]["For"] == "4"
    cli("motions", "export", "-o", str(tmp_path / "results.xlsx"))
    assert (tmp_path / "results.xlsx").stat().st_size > 0
