"""One BEL character in any name used to make every XLSX export fail (#22, "smaller, each seen").

XML cannot hold most control characters, so openpyxl refused the whole
workbook. Exports now show each one as its visible Unicode "control picture"
(BEL -> ␇): nothing is lost and the file opens.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import openpyxl
from sqlalchemy import update

from communitydesk.db.models import Attendance, Member
from communitydesk.io.text import xml_safe
from communitydesk.services.attendance.export import export_attendance
from communitydesk.services.members.export import export_members
from communitydesk.services.members.records import add_member
from communitydesk.services.reports.figures import attendance_report
from communitydesk.services.reports.funder_workbook import write_funder_workbook
from communitydesk.services.reports.periods import Period
from tests.services.report_data import PERIOD, build_report_group

BELL_NAME = "Ann\x07ie"
SHOWN = "Ann␇ie"


def test_xml_safe_keeps_text_and_shows_control_characters() -> None:
    assert xml_safe("Łukasz\tWróbel\nline") == "Łukasz\tWróbel\nline"
    assert xml_safe("a\x00b\x07c\x0bd\x1be\x1f") == "a␀b␇c␋d␛e␟"
    assert xml_safe(None) is None
    assert xml_safe("") == ""


def _group_with_a_bell(db) -> dict[str, int]:  # noqa: ANN001
    with db.session() as s:
        ids = build_report_group(s)
        bell = add_member(s, first_name="Plain", last_name="Name").id
        # Written straight to the table: older versions accepted any character in a name.
        s.execute(update(Member).where(Member.id == bell).values(first_name=BELL_NAME,
                                                                 last_name="O\x1b[31m"))
        s.add(Attendance(meeting_id=ids["M1"], member_id=bell, status="present"))
    return ids


def test_member_export_with_a_bell_in_a_name(db, tmp_path: Path) -> None:
    _group_with_a_bell(db)
    with db.session() as s:
        export_members(s, tmp_path / "members.xlsx")
        export_members(s, tmp_path / "members.csv")
    names = [row[1] for row in openpyxl.load_workbook(tmp_path / "members.xlsx").active
             .iter_rows(min_row=2, values_only=True)]
    assert SHOWN in names
    with open(tmp_path / "members.csv", encoding="utf-8-sig", newline="") as fh:
        assert SHOWN in [row["first_name"] for row in csv.DictReader(fh)]


def test_attendance_exports_with_a_bell_in_a_name(db, tmp_path: Path) -> None:
    _group_with_a_bell(db)
    with db.session() as s:
        for by in ("entry", "member"):
            export_attendance(s, tmp_path / f"{by}.xlsx", period=Period(*PERIOD), by=by)
        report = attendance_report(s, Period(*PERIOD))
    entries = openpyxl.load_workbook(tmp_path / "entry.xlsx").active
    assert any(SHOWN in (row or ()) for row in entries.iter_rows(values_only=True))
    write_funder_workbook(report, tmp_path / "funder.xlsx", group_name="Bell\x07 group",
                          today=date(2026, 4, 2))
    book = openpyxl.load_workbook(tmp_path / "funder.xlsx")
    assert book["Summary"]["A1"].value == "Bell␇ group"
