"""Receipt and renewal letters read back with pdftotext: every script prints, one page a letter."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from communitydesk.db.engine import Database
from communitydesk.pdf.dues_papers import build_receipt, build_renewals
from communitydesk.services.dues.paper import receipt_data, renewals_data
from communitydesk.services.dues.payments import record_payment, refund_payment
from communitydesk.services.dues.plans import add_plan
from communitydesk.services.members.records import add_member
from communitydesk.services.settings.group_settings import save_settings
from tests.pdf.poppler import flat, font_names, pages

NAMES = [("Łukasz", "Wiśniewski"), ("Şükrü", "Yılmaz"), ("Δημήτρης", "Παπαδόπουλος"),
         ("Иван", "Иванов"), ("Zoë", "Ó Briain-" + "Long" * 20)]


def _group(db: Database) -> None:
    with db.session() as s:
        save_settings(s, group_name="Riverside Tenants", currency="EUR")
        add_plan(s, name="Standard", amount="12.50", period="year")
        for i, (first, last) in enumerate(NAMES):
            add_member(s, first_name=first, last_name=last, address_line1=f"{i + 1} Quay Street", postcode="D02")
            record_payment(s, i + 1, amount="12.50", paid_on=date(2025, 6, 1 + i), plan_name="Standard")


def test_renewal_letters_one_page_each_in_every_script(db: Database, tmp_path: Path) -> None:
    _group(db)
    with db.session() as s:
        data = renewals_data(s, on=date(2026, 6, 3), within=30)
    target = tmp_path / "renewals.pdf"
    build_renewals(data, target, printed_on=date(2026, 6, 3))
    texts = pages(target)
    assert len(texts) == len(NAMES) == len(data.letters)
    by_first = {}
    for letter, page in zip(data.letters, texts, strict=True):
        assert letter.name.split()[0] in page and "€12.50" in page and "Riverside Tenants" in page
        assert "Pay the treasurer" in flat(page)
        by_first[letter.name.split()[0]] = flat(page)
    assert set(by_first) == {first for first, _last in NAMES}
    assert "ran out on Monday 1 June 2026" in by_first["Łukasz"]  # in grace on 3 June
    assert "runs until Friday 5 June 2026" in by_first["Zoë"]  # due in two days
    assert all("DejaVu" in name for name in font_names(target))


def test_receipt_and_refund_receipt(db: Database, tmp_path: Path) -> None:
    _group(db)
    with db.session() as s:
        refund = refund_payment(s, 3, paid_on=date(2025, 7, 1))
        receipt = receipt_data(s, 3)
        refund_paper = receipt_data(s, refund.id)
    build_receipt(receipt, tmp_path / "r.pdf")
    build_receipt(refund_paper, tmp_path / "f.pdf")
    text = flat(pages(tmp_path / "r.pdf")[0])
    assert "Receipt No. 3" in text and "Δημήτρης Παπαδόπουλος" in text and "€12.50" in text
    refund_text = flat(pages(tmp_path / "f.pdf")[0])
    assert f"Refund No. {refund.receipt_number}" in refund_text and "-€12.50" in refund_text


def test_nobody_due_prints_one_page_saying_so(db: Database, tmp_path: Path) -> None:
    with db.session() as s:
        data = renewals_data(s, on=date(2026, 6, 3))
    build_renewals(data, tmp_path / "none.pdf")
    assert "Nobody is due to renew" in pages(tmp_path / "none.pdf")[0]
