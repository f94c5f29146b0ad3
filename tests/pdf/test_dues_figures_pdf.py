"""Paid-up members in the reports PDF, and the "Membership" section of an AGM's meeting pack (#17)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from communitydesk.db.engine import Database
from communitydesk.pdf.attendance_report import build_attendance_report_pdf
from communitydesk.pdf.meeting_pack import build_meeting_pack
from communitydesk.services.dues.paid_up import is_agm
from communitydesk.services.dues.payments import record_payment, refund_payment
from communitydesk.services.dues.plans import add_plan
from communitydesk.services.meetings.documents import meeting_pack_data
from communitydesk.services.meetings.planning import add_meeting
from communitydesk.services.members.records import add_member
from communitydesk.services.reports.figures import attendance_report
from communitydesk.services.reports.periods import Period
from communitydesk.services.settings.group_settings import save_settings
from tests.pdf.poppler import pdftotext

d = date.fromisoformat


def _dues(db: Database) -> None:
    with db.session() as s:
        save_settings(s, financial_year_start_month=4)
        add_plan(s, name="Standard", amount="12", period="year")
        ids = [add_member(s, first_name=n, last_name="X").id for n in ("Ada", "Bo", "Cy")]
        record_payment(s, ids[0], amount="12", paid_on=d("2025-03-01"), plan_name="Standard")  # until 1 Mar
        record_payment(s, ids[1], amount="12", paid_on=d("2025-05-01"), plan_name="Standard")
        gone = record_payment(s, ids[2], amount="12", paid_on=d("2025-06-01"), plan_name="Standard")
        refund_payment(s, gone.id, paid_on=d("2025-06-02"), amount="5")  # a partial refund keeps the cover


def test_is_agm_from_the_title() -> None:
    assert is_agm("AGM 2026") and is_agm("Annual General Meeting") and is_agm("annual general meeting")
    assert is_agm("Tenants' agm") and not is_agm("Magma workshop") and not is_agm("Committee")


def test_reports_pdf_shows_paid_up_members(db: Database, tmp_path: Path) -> None:
    _dues(db)
    with db.session() as s:
        report = attendance_report(s, Period(d("2025-04-01"), d("2026-03-31")), as_of=d("2026-03-31"))
    assert (report.paid_up.on_end_date, report.paid_up.during_period) == (2, 3)
    target = tmp_path / "report.pdf"
    build_attendance_report_pdf(report, target, group_name="Group")
    out = " ".join(pdftotext(target).split())
    assert "Paid-up members: 2 on" in out and "3 paid up at some time in the period" in out


def test_reports_pdf_without_dues_says_nothing_of_them(db: Database, tmp_path: Path) -> None:
    with db.session() as s:
        report = attendance_report(s, Period(d("2025-04-01"), d("2026-03-31")))
    assert report.paid_up is None
    build_attendance_report_pdf(report, tmp_path / "r.pdf", group_name="Group")
    assert "Paid-up" not in pdftotext(tmp_path / "r.pdf")


def test_agm_pack_has_a_membership_section(db: Database, tmp_path: Path) -> None:
    _dues(db)
    with db.session() as s:
        agm = add_meeting(s, title="Annual General Meeting 2026", starts_at=datetime(2026, 3, 20, 19)).id
        other = add_meeting(s, title="Committee", starts_at=datetime(2026, 3, 21, 19)).id
        agm_data, other_data = meeting_pack_data(s, agm), meeting_pack_data(s, other)
    build_meeting_pack(agm_data, tmp_path / "agm.pdf")
    build_meeting_pack(other_data, tmp_path / "committee.pdf")
    out = " ".join(pdftotext(tmp_path / "agm.pdf").split())
    assert "Membership" in out and "Paid-up members on Friday 20 March 2026 2" in out
    assert "this financial year (from Tuesday 1 April 2025) £19.00" in out  # 12 + 12 - 5 (Ada paid in March)
    assert "Membership" not in pdftotext(tmp_path / "committee.pdf")
