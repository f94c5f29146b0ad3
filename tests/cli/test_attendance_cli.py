"""`attendance mark` and `attendance import` as a script would run them (the contract in DESIGN.md)."""

from __future__ import annotations

import json
import re
from datetime import date, datetime, time, timedelta
from pathlib import Path

from communitydesk.config import Paths
from communitydesk.db.engine import Database
from communitydesk.services.attendance.register import add_guest, register_rows
from communitydesk.services.meetings.planning import add_meeting
from communitydesk.services.members.records import add_member
from tests.pdf.poppler import pdftotext
from tests.services.test_attendance_import import LEGACY


def test_import_twice_then_mark(run_cli, tmp_path: Path, paths: Paths) -> None:
    db = tmp_path / "group.sqlite3"
    first = run_cli("attendance", "import", str(LEGACY), "--json", db=db)
    assert first.returncode == 0, first.stderr
    assert json.loads(first.stdout) == {"meetings_created": 8, "members_created": 16, "entries": 103,
                                        "rejected": []}
    assert list(paths.backups_dir.glob("*before-register-import*")), "a backup is taken first"
    again = run_cli("attendance", "import", str(LEGACY), "--json", db=db)
    assert json.loads(again.stdout)["meetings_created"] == 0
    assert json.loads(again.stdout)["members_created"] == 0
    marked = run_cli("attendance", "mark", "1", "1", "--status", "apologies", db=db)
    assert marked.returncode == 0 and "apologies" in marked.stdout


def test_import_rejects_cells_with_row_and_column(run_cli, tmp_path: Path) -> None:
    path = tmp_path / "reg.csv"
    path.write_text("Name,2026-01-06,2026-02-03\nAna Abbott,Y,maybe\n", encoding="utf-8")
    result = run_cli("attendance", "import", str(path), "--title", "Branch meeting", "--json")
    out = json.loads(result.stdout)
    assert out["entries"] == 1 and out["meetings_created"] == 2
    assert out["rejected"] == [{"row": 2, "column": "2026-02-03", "reason": out["rejected"][0]["reason"]}]
    assert "maybe" in out["rejected"][0]["reason"]


def test_errors_are_one_line_and_exit_1(run_cli, tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    for args in (("attendance", "import", str(empty)),
                 ("attendance", "mark", "5", "7", "--status", "present")):
        result = run_cli(*args)
        assert result.returncode == 1
        assert result.stderr.startswith("error:") and "Traceback" not in result.stderr
    bad = run_cli("attendance", "mark", "1", "1", "--status", "late")
    assert bad.returncode == 2


def printed_rows(pdf: Path) -> dict[int, str]:
    """Row number → name as printed on a sign-in sheet, read back with pdftotext."""
    rows = {}
    for line in pdftotext(pdf, layout=True).splitlines():
        match = re.match(r"^\s+(\d+) +(\S.*?)\s*$", line)  # "   18 Aoife Nic Giolla"
        if match:
            rows[int(match[1])] = match[2]
    return rows


def test_paper_row_18_still_marks_the_person_printed_there(run_cli, demo_db: Database,
                                                           tmp_path: Path) -> None:
    """Issue 13 item 3: a member who sorts first and a kiosk newcomer do not move row 18."""
    sheet = tmp_path / "sheet.pdf"
    assert run_cli("print", "sign-in", "11", "-o", str(sheet), db=demo_db.sqlite_path).returncode == 0
    printed = printed_rows(sheet)
    assert sorted(printed) == list(range(1, 36))
    at_18 = printed[18]
    with demo_db.session() as s:
        add_member(s, first_name="Aaron", last_name="Aardvark", status="active")  # sorts first
        add_guest(s, 11, first_name="Zuzana", last_name="Abeln")  # a newcomer at the door
    marked = run_cli("attendance", "mark", "11", "--row", "18", db=demo_db.sqlite_path)
    assert marked.returncode == 0, marked.stderr
    assert f"row 18 ({at_18}, member" in marked.stdout and marked.stdout.endswith(": present\n")
    with demo_db.session() as s:
        rows = register_rows(s, 11)
    (row_18,) = [r for r in rows if r.number == 18]
    assert row_18.display_name == at_18 and row_18.status == "present"
    apologies = run_cli("attendance", "mark", "11", "--row", "3", "--status", "apologies",
                        db=demo_db.sqlite_path)
    assert apologies.returncode == 0 and f"({printed[3]}, member" in apologies.stdout

    assert run_cli("print", "sign-in", "11", "-o", str(sheet), db=demo_db.sqlite_path).returncode == 0
    reprinted = printed_rows(sheet)
    assert {n: reprinted[n] for n in printed} == printed  # a reprint keeps every number
    assert (reprinted[36], reprinted[37]) == ("Aaron Aardvark", "Zuzana Abeln")  # additions go last


def test_unknown_row_names_the_range(run_cli, demo_db: Database) -> None:
    for row in ("0", "36", "-2"):
        result = run_cli("attendance", "mark", "11", "--row", row, db=demo_db.sqlite_path)
        assert result.returncode == 1, row
        assert result.stderr == f"error: row {row}: the sign-in sheet for meeting 11 has rows 1–35\n"
    usage = run_cli("attendance", "mark", "11", "5", "--row", "3", db=demo_db.sqlite_path)
    assert usage.returncode == 2
    assert run_cli("attendance", "mark", "11", db=demo_db.sqlite_path).returncode == 2
    assert run_cli("attendance", "mark", "11", "5", db=demo_db.sqlite_path).returncode == 2  # no --status


def test_present_or_absent_refused_for_a_meeting_not_yet_held(run_cli, db: Database) -> None:
    with db.session() as s:
        member = add_member(s, first_name="Ada", last_name="Byron", status="active").id
        ahead = add_meeting(s, title="Next month", starts_at=datetime.combine(
            date.today() + timedelta(days=3), time(19))).id
    for args in (("attendance", "mark", str(ahead), str(member), "--status", "present"),
                 ("attendance", "mark", str(ahead), str(member), "--status", "absent"),
                 ("attendance", "mark", str(ahead), "--row", "1")):
        result = run_cli(*args, db=db.sqlite_path)
        assert result.returncode == 1, args
        assert result.stderr.startswith("error: meeting") and "has not happened yet" in result.stderr
        assert "apologies may be sent ahead" in result.stderr
    sent = run_cli("attendance", "mark", str(ahead), str(member), "--status", "apologies", db=db.sqlite_path)
    assert sent.returncode == 0, sent.stderr


def test_mark_and_privacy_take_a_name_or_email_as_member(run_cli, tmp_path: Path) -> None:
    db = tmp_path / "names.sqlite3"
    assert run_cli("db", "upgrade", db=db, create=False).returncode == 0
    for first, last, email in (("Łukasz", "Wiśniewski", "lw@example.org"), ("Anna", "Kowal", "ak@example.org"),
                               ("Anna", "Kowal", "ak2@example.org")):
        assert run_cli("members", "add", "--first-name", first, "--last-name", last, "--email", email,
                       db=db).returncode == 0
    made = run_cli("meetings", "add", "--title", "General", "--starts", "2026-01-06 19:00", "--json", db=db)
    meeting = json.loads(made.stdout)["id"]
    by_name = run_cli("attendance", "mark", str(meeting), "lukasz wisniewski", "--status", "present", db=db)
    assert by_name.returncode == 0, by_name.stderr
    assert by_name.stdout.strip() == f"meeting {meeting}, member 1: present"
    by_email = run_cli("attendance", "mark", str(meeting), "AK@example.org", "--status", "apologies", db=db)
    assert by_email.returncode == 0 and "member 2: apologies" in by_email.stdout
    twins = run_cli("attendance", "mark", str(meeting), "Anna Kowal", "--status", "present", db=db)
    assert twins.returncode == 1 and twins.stderr.startswith("error: MEMBER")
    assert "2" in twins.stderr and "3" in twins.stderr and len(twins.stderr.strip().splitlines()) == 1
    export = run_cli("privacy", "export", "lw@example.org", "-o", str(tmp_path / "sar.json"), db=db)
    assert export.returncode == 0, export.stderr
    held = json.loads((tmp_path / "sar.json").read_text())
    assert held["member_id"] == 1 and held["details"]["last_name"] == "Wiśniewski"
