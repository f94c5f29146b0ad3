"""Attendance export: formula neutralisation, typed XLSX cells, cancel leaves nothing behind."""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from communitydesk.db.models import Attendance
from communitydesk.services.attendance.export import ExportCancelled, export_attendance
from communitydesk.services.members.records import add_member
from communitydesk.services.reports.periods import Period
from tests.services.report_data import PERIOD, build_report_group


@pytest.fixture
def group(any_db):
    with any_db.session() as s:
        ids = build_report_group(s)
        evil = add_member(s, first_name="=HYPERLINK(\"http://x\")", last_name="@cmd").id
        s.add(Attendance(meeting_id=ids["M1"], member_id=evil, status="present",
                         checked_in_at=datetime(2026, 1, 14, 19, 5)))
    return any_db, ids


def test_csv_neutralises_formulas(group, tmp_path: Path) -> None:
    db, _ = group
    target = tmp_path / "out.csv"
    with db.session() as s:
        result = export_attendance(s, target, period=Period(*PERIOD))
    assert result.rows == 14
    with open(target, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    evil = next(r for r in rows if "HYPERLINK" in r["first_name"])
    assert evil["first_name"].startswith("'=") and evil["last_name"] == "'@cmd"
    assert evil["checked_in_at"] == "2026-01-14T19:05"


def test_xlsx_entries_are_typed(group, tmp_path: Path) -> None:
    db, _ = group
    target = tmp_path / "out.xlsx"
    with db.session() as s:
        export_attendance(s, target, period=Period(*PERIOD), fmt="xlsx")
    sheet = openpyxl.load_workbook(target).active
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, r, strict=True)) for r in sheet.iter_rows(min_row=2, values_only=True)]
    evil = next(r for r in rows if "HYPERLINK" in (r["first_name"] or ""))
    assert isinstance(evil["meeting_id"], int) and evil["meeting_date"].date() == date(2026, 1, 14)
    assert evil["checked_in_at"] == datetime(2026, 1, 14, 19, 5)
    assert evil["first_name"].startswith("=HYPERLINK")  # a string cell, no apostrophe
    assert evil["last_name"] == "@cmd"
    cell = next(c for c in sheet["F"] if c.value == "cancelled")
    assert cell.data_type == "s"
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)


def test_cancel_leaves_no_file(group, tmp_path: Path) -> None:
    db, _ = group
    target = tmp_path / "cancelled.csv"
    seen = []

    def stop_after_start(done: int, total: int) -> bool:
        seen.append((done, total))
        return done == 0

    with db.session() as s, pytest.raises(ExportCancelled):
        export_attendance(s, target, period=Period(None, None), progress=stop_after_start)
    assert not target.exists() and list(tmp_path.glob(".cancelled*")) == []
    assert seen[0] == (0, 17)


def test_export_leaves_the_session_fit_for_a_write(group, tmp_path: Path) -> None:
    """Streaming is asked of the export's own query only: set on the whole connection, the
    next statement in the same session would also use a server-side cursor on PostgreSQL."""
    db, _ = group
    with db.session() as s:
        export_attendance(s, tmp_path / "out.csv", period=Period(*PERIOD))
        assert "stream_results" not in s.connection().get_execution_options()
        add_member(s, first_name="After", last_name="Export")
