"""Carry-forward and approval as a script sees them: no window ever opened (issue 13 items 7, 9)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from tests.pdf.poppler import pdftotext


def _dump(path: Path) -> list[str]:
    with sqlite3.connect(path) as con:
        return list(con.iterdump())


def test_printed_agenda_of_a_meeting_nobody_opened_lists_matters_arising(run_cli, tmp_path: Path) -> None:
    db = tmp_path / "group.sqlite3"
    assert run_cli("db", "upgrade", db=db).returncode == 0
    assert run_cli("meetings", "add", "--title", "November general", "--starts", "2026-11-03 19:00",
                   db=db).returncode == 0
    assert run_cli("actions", "add", "--meeting", "1", "--description", "Book the hall",
                   db=db).returncode == 0
    assert run_cli("meetings", "add", "--title", "December general", "--starts", "2026-12-01 19:00",
                   db=db).returncode == 0
    listed = run_cli("agenda", "list", "2", "--json", db=db)
    assert listed.returncode == 0, listed.stderr
    agenda = json.loads(listed.stdout)
    assert [(i["title"], [a["description"] for a in i["actions"]]) for i in agenda] == [
        ("Matters arising", ["Book the hall"])]

    before = _dump(db)
    pdf = tmp_path / "agenda.pdf"
    printed = run_cli("print", "agenda", "2", "-o", str(pdf), db=db)
    assert printed.returncode == 0, printed.stderr
    text = pdftotext(pdf, layout=True)
    assert "Matters arising (item 1)" in text and "Book the hall" in text
    again = run_cli("agenda", "list", "2", db=db)
    assert "Book the hall" in again.stdout
    assert _dump(db) == before  # printing and listing wrote nothing


def test_minutes_of_a_meeting_not_yet_held_are_refused(run_cli, tmp_path: Path) -> None:
    db = tmp_path / "group.sqlite3"
    assert run_cli("db", "upgrade", db=db).returncode == 0
    for starts in ("2026-01-06 19:00", "2099-01-06 19:00"):
        assert run_cli("meetings", "add", "--title", "General", "--starts", starts, db=db).returncode == 0
    ahead = run_cli("minutes", "approve", "2", "--at", "2", db=db)
    assert ahead.returncode == 1 and ahead.stderr.startswith("error: General has not taken place yet")
    at_future = run_cli("minutes", "approve", "1", "--at", "2", db=db)
    assert at_future.returncode == 1 and "has not taken place yet" in at_future.stderr
    assert "Traceback" not in ahead.stderr + at_future.stderr
