"""The funder workbook opens with openpyxl: expected sheets, typed cells, no live formulas."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl

from communitydesk.db.models import Attendance
from communitydesk.services.members.records import add_member
from communitydesk.services.reports.figures import attendance_report
from communitydesk.services.reports.funder_workbook import SHEETS, write_funder_workbook
from communitydesk.services.reports.periods import Period
from tests.services.report_data import PERIOD, build_report_group


def test_workbook_sheets_types_and_neutralised_text(db, tmp_path: Path) -> None:
    with db.session() as s:
        ids = build_report_group(s)
        evil = add_member(s, first_name="+SUM(1)", last_name="Smith").id
        s.add(Attendance(meeting_id=ids["M4"], member_id=evil, status="present"))
        s.flush()
        report = attendance_report(s, Period(*PERIOD))
    target = write_funder_workbook(report, tmp_path / "funder.xlsx", group_name="=Group",
                                   today=date(2026, 4, 2))
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == list(SHEETS)
    summary = {row[0]: row[1] for row in book["Summary"].iter_rows(values_only=True) if row}
    assert summary["Meetings"] == 4 and summary["Unique attendees"] == 5
    assert summary["New"] == 3 and summary["Returning"] == 2 and summary["Apologies"] == 2
    assert summary["From"] == datetime(2026, 1, 1) and summary["To"] == datetime(2026, 3, 31)
    assert book["Summary"]["A1"].value == "=Group"  # a string cell (#21): no visible apostrophe
    assert book["Summary"]["A1"].data_type == "s"
    people = list(book["People"].iter_rows(min_row=2, values_only=True))
    ann = next(r for r in people if r[1] == "Ann Archer")
    assert ann[3] == 3 and ann[7] == 0.75 and ann[8] == datetime(2026, 3, 10)
    assert book["People"]["H2"].number_format == "0.0%"
    assert any(r[1] == "+SUM(1) Smith" for r in people)
    assert all(c.data_type != "f" for sheet in book.worksheets for row in sheet.iter_rows() for c in row)
    meetings = list(book["Meetings"].iter_rows(min_row=2, values_only=True))
    assert len(meetings) == 5 and isinstance(meetings[0][0], datetime) and meetings[0][6] == 2
    months = list(book["Months"].iter_rows(min_row=2, values_only=True))
    assert [m[0].month for m in months] == [1, 2, 3] and months[2][3] == 3
    for sheet in book.worksheets:
        assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)


def test_workbook_counts_only_meetings_held_by_its_date(db, tmp_path: Path) -> None:
    from tests.services.report_data import ONE_SO_FAR_AS_OF, build_one_meeting_so_far

    with db.session() as s:
        ids = build_one_meeting_so_far(s)
        report = attendance_report(s, Period(date(2026, 11, 1), date(2026, 12, 31)),
                                   as_of=ONE_SO_FAR_AS_OF)
    book = openpyxl.load_workbook(write_funder_workbook(report, tmp_path / "f.xlsx", group_name="G"))
    summary = {row[0]: row[1] for row in book["Summary"].iter_rows(values_only=True) if row}
    assert summary["Meetings"] == 1 and summary["Meetings held up to"] == datetime(2026, 11, 20)
    meetings = {r[2]: r for r in book["Meetings"].iter_rows(min_row=2, values_only=True)}
    assert meetings["December general"][5] == "no: not held yet" and meetings["December general"][6] == 0
    people = {r[0]: r for r in book["People"].iter_rows(min_row=2, values_only=True)}
    assert people[ids["ann"]][7] == 1.0 and people[ids["ann"]][8] == datetime(2026, 11, 3)
    assert [m[0].month for m in book["Months"].iter_rows(min_row=2, values_only=True)] == [11]
