"""The report PDF reads back with pdftotext: numbers, names in any script, charts' labels."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

from communitydesk.pdf.attendance_report import build_attendance_report_pdf
from communitydesk.services.report_periods import Period
from communitydesk.services.reports import attendance_report
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
