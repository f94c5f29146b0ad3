"""Dues in the subject-access export, and what erasure does to a person's payments."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from communitydesk.db.engine import Database
from communitydesk.db.models import DuesPayment
from communitydesk.services.dues.export import year_summary
from communitydesk.services.dues.payments import record_payment, refund_payment
from communitydesk.services.dues.plans import add_plan
from communitydesk.services.dues.status import dues_status
from communitydesk.services.members.records import add_member
from communitydesk.services.privacy.erasure import erase_member, subject_access_data

d = date.fromisoformat


def _book(db: Database) -> tuple[int, int]:
    with db.session() as s:
        add_plan(s, name="Standard", amount="12", period="year")
        ada = add_member(s, first_name="Ada", last_name="Lovelace").id
        bo = add_member(s, first_name="Bo", last_name="Diddley").id
        paid = record_payment(s, ada, amount="12", paid_on=d("2026-02-01"), plan_name="Standard",
                              method="cheque", reference="cheque 0042 A Lovelace")
        refund_payment(s, paid.id, paid_on=d("2026-02-03"), amount="2")
        record_payment(s, bo, amount="12", paid_on=d("2026-03-01"), plan_name="Standard")
    return ada, bo


def test_subject_access_lists_plan_and_payments(db: Database) -> None:
    ada, _bo = _book(db)
    with db.session() as s:
        dues = subject_access_data(s, ada)["dues"]
    assert dues["plan"] == {"name": "Standard", "amount": "12.00", "period": "year"}
    assert [(p["receipt_number"], p["date"], p["amount"], p["refund_of_receipt"]) for p in dues["payments"]] \
        == [(1, d("2026-02-01"), "12.00", None), (2, d("2026-02-03"), "-2.00", 1)]
    assert dues["payments"][0]["reference"] == "cheque 0042 A Lovelace"
    assert dues["payments"][0]["method"] == "cheque"


def test_erasure_keeps_the_accounts_and_drops_the_identity(db: Database) -> None:
    ada, _bo = _book(db)
    with db.session() as s:
        before = year_summary(s, 2026)
        erase_member(s, ada)
    with db.session() as s:
        rows = s.execute(select(DuesPayment.receipt_number, DuesPayment.paid_on, DuesPayment.amount_minor,
                                DuesPayment.reference).where(DuesPayment.member_id == ada)
                         .order_by(DuesPayment.receipt_number)).all()
        total = s.scalar(select(func.sum(DuesPayment.amount_minor)))
        after = year_summary(s, 2026)
        names = {r.member_id: r.name for r in dues_status(s, on=d("2026-06-01"))}
        export = subject_access_data(s, ada)["dues"]
    assert [(r[0], r[1], r[2]) for r in rows] == [(1, d("2026-02-01"), 1200), (2, d("2026-02-03"), -200)]
    assert all(r[3] is None for r in rows)  # the reference named her
    assert total == 2200 and after == before  # the accounts still add up
    assert names[ada] == "Anonymised person"  # as Reports says it, translated
    assert "Lovelace" not in repr(export)


def test_subject_access_pdf_shows_the_payments(db: Database, tmp_path) -> None:  # noqa: ANN001
    from communitydesk.services.privacy.erasure import export_subject_access
    from tests.pdf.poppler import pdftotext

    ada, _bo = _book(db)
    with db.session() as s:
        result = export_subject_access(s, ada, tmp_path / "ada.json")
    out = " ".join(pdftotext(result.pdf_path).split())
    assert "Membership dues" in out and "Plan: Standard (12.00, year)" in out
    assert "cheque 0042 A Lovelace" in out and "-2.00" in out
