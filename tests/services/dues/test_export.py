"""`dues export` on SQLite and PostgreSQL: ISO dates and exact amounts in CSV, typed cells in XLSX."""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from communitydesk.db.engine import Database
from communitydesk.services.dues.export import export_payments, minor_text, year_summary
from communitydesk.services.dues.payments import record_payment, refund_payment
from communitydesk.services.dues.plans import add_plan
from communitydesk.services.members.records import add_member


@pytest.mark.parametrize(("minor", "text"), [(1250, "12.50"), (5, "0.05"), (-50, "-0.50"), (0, "0.00"),
                                             (-123456, "-1234.56")])
def test_minor_text(minor: int, text: str) -> None:
    assert minor_text(minor) == text
    assert Decimal(text) * 100 == minor


def test_export_both_formats(any_db: Database, tmp_path: Path) -> None:
    with any_db.session() as s:
        add_plan(s, name="Standard", amount="12.50", period="year")
        add_member(s, first_name="Ada", last_name="@Lovelace")
        paid = record_payment(s, 1, amount="12.50", paid_on=date(2026, 3, 5), plan_name="Standard",
                              reference="+44 cheque")
        refund_payment(s, paid.id, paid_on=date(2026, 3, 6), amount="0.50")
        result = export_payments(s, tmp_path / "p.csv")
        export_payments(s, tmp_path / "p.xlsx")
        summary = year_summary(s, 2026)
    assert result.rows == 2 and result.total == Decimal("12.00")
    with (tmp_path / "p.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["date"], r["amount"], r["refund_of_receipt"]) for r in rows] == [
        ("2026-03-05", "12.50", ""), ("2026-03-06", "-0.50", "1")]
    assert rows[0]["member"] == "'@Lovelace" or rows[0]["member"] == "Ada @Lovelace"
    assert rows[0]["reference"] == "'+44 cheque"
    cells = list(openpyxl.load_workbook(tmp_path / "p.xlsx").active.iter_rows(min_row=2, values_only=True))
    assert cells[1][0].date() == date(2026, 3, 6) and cells[1][6] == -0.5 and cells[1][1] == 2
    assert summary.total == Decimal("12.00") and summary.refunds == Decimal("-0.50")
