"""The report PDF reads back with pdftotext: numbers, names in any script, charts' labels."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

from communitydesk.pdf.attendance_report import build_attendance_report_pdf
from communitydesk.services.reports.figures import attendance_report
from communitydesk.services.reports.periods import Period
from tests.services.report_data import PERIOD, build_report_group


def _pdftotext(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


def test_report_pdf_has_numbers_names_and_charts(db, tmp_path: Path) -> None:
    with db.session() as s:
        build_report_group(s)
        report = attendance_report(s, Period(*PERIOD, label="Jan–Mar 2026"))
    target = tmp_path / "report.pdf"
    pages = build_attendance_report_pdf(report, target, group_name="Świętochłowice Tenants",
                                        today=date(2026, 4, 2))
    assert pages >= 1
    out = _pdftotext(target)
    assert "Świętochłowice Tenants" in out and "Jan–Mar 2026" in out
    assert "Unique attendees" in out and "Meetings" in out
    assert "Łukasz Żółw" in out and "75%" in out
    assert "Attendance per meeting" in out and "New and returning people per month" in out
    assert "Storm-cancelled" in out and "not counted)" in out
    assert "Page 1 of" in out


def test_report_pdf_for_an_empty_period(db, tmp_path: Path) -> None:
    with db.session() as s:
        report = attendance_report(s, Period(date(2030, 1, 1), date(2030, 1, 31)))
    target = tmp_path / "empty.pdf"
    build_attendance_report_pdf(report, target, group_name="Group", paper="Letter")
    out = _pdftotext(target)
    assert "No meetings in this period." in out and "Nobody was on a register" in out


def test_report_pdf_counts_only_meetings_held_by_its_date(db, tmp_path: Path) -> None:
    """Issue 13 item 6: the planned December meeting is listed as not held, in no number."""
    from tests.services.report_data import ONE_SO_FAR_AS_OF, build_one_meeting_so_far

    with db.session() as s:
        build_one_meeting_so_far(s)
        report = attendance_report(s, Period(date(2026, 11, 1), date(2026, 12, 31)),
                                   as_of=ONE_SO_FAR_AS_OF)
    target = tmp_path / "so-far.pdf"
    build_attendance_report_pdf(report, target, group_name="Group", today=ONE_SO_FAR_AS_OF)
    out = _pdftotext(target)
    assert "meetings held up to Friday 20 November 2026" in out
    assert "December general (not" in out and "yet, not counted)" in out  # a wrapped cell
    ann = next(line for line in out.splitlines() if "Ann Archer" in line)
    assert "100%" in ann and "03 Nov 2026" in ann and "Dec 2026" not in ann
    assert "December 2026" not in out.split("Months")[1].split("Meetings")[0]  # no month ahead
