"""`report attendance` and `attendance export` as a user runs them, on the hand-counted group."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import openpyxl
import pytest

from tests.services.report_data import build_report_group


@pytest.fixture
def group_file(db, tmp_path: Path) -> tuple[Path, dict[str, int]]:
    with db.session() as s:
        ids = build_report_group(s)
    return tmp_path / "test.sqlite3", ids


def test_report_attendance_json_matches_the_hand_count(run_cli, group_file) -> None:
    path, ids = group_file
    out = run_cli("report", "attendance", "--from", "2026-01-01", "--to", "2026-03-31", "--json", db=path)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert set(data) == {"meetings", "unique_attendees", "new_attendees", "returning_attendees",
                         "total_present", "apologies", "members"}
    assert (data["meetings"], data["unique_attendees"], data["new_attendees"],
            data["returning_attendees"], data["total_present"], data["apologies"]) == (4, 4, 2, 2, 8, 2)
    members = {m["id"]: m for m in data["members"]}
    assert set(members[ids["ann"]]) == {"id", "name", "present", "rate"}
    assert members[ids["ann"]] == {"id": ids["ann"], "name": "Ann Archer", "present": 3, "rate": 0.75}
    assert members[ids["bob"]]["rate"] == 1.0 and members[ids["cat"]]["rate"] == 1.0
    assert members[ids["luk"]]["name"] == "Łukasz Żółw" and members[ids["dan"]]["rate"] == 0


def test_report_filters_and_errors(run_cli, group_file) -> None:
    path, _ = group_file
    tagged = json.loads(run_cli("report", "attendance", "--from", "2026-01-01", "--to", "2026-03-31",
                                "--tag", "Tenants", "--json", db=path).stdout)
    assert (tagged["unique_attendees"], tagged["new_attendees"], tagged["total_present"]) == (2, 1, 3)
    general = json.loads(run_cli("report", "attendance", "--from", "2026-01-01", "--to", "2026-03-31",
                                 "--kind", "general", "--json", db=path).stdout)
    assert (general["meetings"], general["total_present"], general["apologies"]) == (2, 5, 1)
    text = run_cli("report", "attendance", "--from", "2026-01-01", "--to", "2026-03-31", db=path)
    assert "Unique attendees" in text.stdout and "Łukasz Żółw" in text.stdout
    missing = run_cli("report", "attendance", "--tag", "Nobody", db=path)
    assert missing.returncode == 1 and missing.stderr.startswith("error: tag")
    bad_date = run_cli("report", "attendance", "--from", "31/13/2026", db=path)
    assert bad_date.returncode == 1 and "--from" in bad_date.stderr and "Traceback" not in bad_date.stderr
    assert run_cli("report", "attendance", "--kind", "party", db=path).returncode == 2


def test_attendance_export_csv_entries(run_cli, group_file, tmp_path: Path) -> None:
    path, _ = group_file
    target = tmp_path / "register.csv"
    out = run_cli("attendance", "export", "-o", str(target), "--from", "2026-01-01",
                  "--to", "2026-03-31", db=path)
    assert out.returncode == 0, out.stderr
    with open(target, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 13  # M1 3, M2 2, M3 2 (cancelled, kept with its status), M4 4, M5 2
    first = rows[0]
    assert (first["meeting_date"], first["meeting_time"], first["first_name"], first["status"]) == (
        "2026-01-14", "19:00", "Ann", "present")
    assert {r["meeting_status"] for r in rows if r["meeting_title"].startswith("Storm")} == {"cancelled"}


@pytest.mark.parametrize("by, count", [("member", 5), ("meeting", 5), ("month", 3)])
def test_attendance_export_xlsx_by(run_cli, group_file, tmp_path: Path, by: str, count: int) -> None:
    path, _ = group_file
    target = tmp_path / f"by-{by}.xlsx"
    out = run_cli("attendance", "export", "-o", str(target), "--by", by, "--from", "2026-01-01",
                  "--to", "2026-03-31", "--json", db=path)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["rows"] == count
    sheet = openpyxl.load_workbook(target).active
    assert sheet.max_row == count + 1
    if by == "member":
        row = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[1] == "Ann Archer")
        assert row[3] == 3 and row[7] == 0.75 and row[8].year == 2026  # numbers and a real date


def test_attendance_export_refuses_bad_options(run_cli, group_file, tmp_path: Path) -> None:
    path, _ = group_file
    bad = run_cli("attendance", "export", "-o", str(tmp_path / "x.ods"), db=path)
    assert bad.returncode == 1 and "format" in bad.stderr
    nowhere = run_cli("attendance", "export", "-o", str(tmp_path / "no" / "x.csv"), db=path)
    assert nowhere.returncode == 1 and "does not exist" in nowhere.stderr


def test_export_joins_an_existing_attendance_group() -> None:
    import argparse

    from communitydesk.cli import attendance_export_commands

    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers(dest="command")
    existing = commands.add_parser("attendance").add_subparsers(dest="attendance_command")
    existing.add_parser("mark")
    attendance_export_commands.register(commands)
    assert {"mark", "export"} <= set(existing.choices)
    args = parser.parse_args(["attendance", "export", "-o", "x.csv", "--by", "month"])
    assert (args.output, args.by) == ("x.csv", "month")


def test_report_counts_only_meetings_held_by_as_of(run_cli, db, tmp_path: Path) -> None:
    """Issue 13 item 6: the only meeting so far gives 100%, not 50% with next month's planned one."""
    path = tmp_path / "test.sqlite3"
    assert run_cli("members", "add", "--first-name", "Ann", "--last-name", "Archer", db=path).returncode == 0
    for starts in ("2026-11-03 19:00", "2026-12-01 19:00"):
        assert run_cli("meetings", "add", "--title", "General", "--starts", starts, db=path).returncode == 0
    from communitydesk.db.models import Attendance
    from communitydesk.domain import AttendanceStatus
    with db.session() as s:  # 1 Dec entry as the kiosk once allowed: it must not count
        s.add_all([Attendance(meeting_id=m, member_id=1, status=AttendanceStatus.PRESENT) for m in (1, 2)])
    out = run_cli("report", "attendance", "--from", "2026-11-01", "--to", "2026-12-31",
                  "--as-of", "2026-11-20", "--json", db=path)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert (data["meetings"], data["unique_attendees"], data["total_present"]) == (1, 1, 1)
    assert data["members"] == [{"id": 1, "name": "Ann Archer", "present": 1, "rate": 1.0}]
    later = json.loads(run_cli("report", "attendance", "--from", "2026-11-01", "--to", "2026-12-31",
                               "--as-of", "2026-12-01", "--json", db=path).stdout)
    assert (later["meetings"], later["total_present"]) == (2, 2)
    bad = run_cli("report", "attendance", "--as-of", "someday", db=path)
    assert bad.returncode == 1 and bad.stderr.startswith("error: --as-of")
