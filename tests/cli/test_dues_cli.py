"""`dues …` and `print receipt|renewals` per the contract (DESIGN.md "Membership dues")."""

from __future__ import annotations

import csv
import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from tests.pdf.poppler import flat, pdftotext


def _ok(done) -> str:  # noqa: ANN001 - CompletedProcess
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture
def book(run_cli):
    _ok(run_cli("members", "add", "--first-name", "Łukasz", "--last-name", "Nowak",
                "--address", "1 High St", "--postcode", "AB1 2CD"))
    _ok(run_cli("members", "add", "--first-name", "Zoë", "--last-name", "=Adams"))
    _ok(run_cli("dues", "plans", "add", "--name", "Standard", "--amount", "12.00", "--period", "year"))
    _ok(run_cli("dues", "plans", "add", "--name", "Life", "--amount", "150", "--period", "life"))
    return run_cli


def test_pay_prints_receipt_number_and_paid_until(book) -> None:
    plan = json.loads(_ok(book("dues", "plans", "add", "--name", "Monthly", "--amount", "1.5",
                               "--period", "month", "--json")))
    assert plan["amount"] == "1.50" and plan["period"] == "month"
    first = json.loads(_ok(book("dues", "pay", "lukasz nowak", "--amount", "12", "--date", "2026-03-05",
                                "--plan", "Standard", "--method", "cheque", "--reference", "000123",
                                "--json")))
    assert first["receipt_number"] == 1 and first["paid_until"] == "2027-03-05"
    assert first["amount"] == "12.00" and isinstance(first["id"], int)
    again = json.loads(_ok(book("dues", "pay", "1", "--amount", "12", "--date", "2027-01-10", "--json")))
    assert again["receipt_number"] == 2 and again["paid_until"] == "2028-03-05"


@pytest.mark.parametrize("amount", ["12.345", "-12", "abc", "0"])
def test_bad_amounts_exit_1_with_one_line(book, amount: str) -> None:
    done = book("dues", "pay", "1", "--amount", amount, "--date", "2026-03-05", "--plan", "Standard")
    assert done.returncode == 1
    assert done.stderr.startswith("error: ") and done.stderr.count("\n") == 1
    assert "Traceback" not in done.stderr


def test_status_states_on_a_date(book) -> None:
    _ok(book("dues", "pay", "1", "--amount", "12", "--date", "2025-06-01", "--plan", "Standard"))
    _ok(book("dues", "pay", "Zoë =Adams", "--amount", "150", "--date", "2020-01-01", "--plan", "Life"))
    rows = json.loads(_ok(book("dues", "status", "--on", "2026-06-20", "--json")))
    by_name = {r["name"]: r for r in rows}
    assert set(rows[0]) >= {"member_id", "name", "plan", "paid_until", "state"}
    assert by_name["Łukasz Nowak"]["state"] == "grace" and by_name["Łukasz Nowak"]["paid_until"] == "2026-06-01"
    assert by_name["Zoë =Adams"]["state"] == "life"
    later = json.loads(_ok(book("dues", "status", "--on", "2026-08-01", "--json")))
    assert {r["name"]: r["state"] for r in later}["Łukasz Nowak"] == "lapsed"


def test_export_csv_and_xlsx_typed(book, tmp_path: Path) -> None:
    _ok(book("dues", "pay", "1", "--amount", "12.50", "--date", "2026-03-05", "--plan", "Standard"))
    _ok(book("dues", "pay", "2", "--amount", "150", "--date", "2026-04-01", "--plan", "Life",
             "--reference", "=HYPERLINK(1)"))
    _ok(book("dues", "refund", "1", "--date", "2026-04-02"))
    _ok(book("dues", "export", "-o", str(tmp_path / "p.csv"), "--from", "2026-01-01", "--to", "2026-12-31"))
    with (tmp_path / "p.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["date"], r["receipt_number"], r["amount"]) for r in rows] == [
        ("2026-03-05", "1", "12.50"), ("2026-04-01", "2", "150.00"), ("2026-04-02", "3", "-12.50")]
    assert rows[1]["member"] == "'=Adams" or rows[1]["member"] == "Zoë =Adams"
    assert rows[1]["reference"] == "'=HYPERLINK(1)" and rows[2]["refund_of_receipt"] == "1"
    _ok(book("dues", "export", "-o", str(tmp_path / "p.xlsx")))
    sheet = openpyxl.load_workbook(tmp_path / "p.xlsx").active
    values = list(sheet.iter_rows(min_row=2, values_only=True))
    assert values[0][0].date() == date(2026, 3, 5) and Decimal(str(values[0][6])) == Decimal("12.5")
    assert isinstance(values[0][1], int)
    summary = json.loads(_ok(book("dues", "summary", "--year", "2026", "--json")))
    assert summary["total"] == "150.00" and summary["refunds"] == "-12.50"
    assert summary["by_plan"] == {"Life": "150.00", "Standard": "0.00"}
    assert summary["paid_up_during_period"] == 1 and summary["paid_up_on_end_date"] == 1  # the refund


def test_print_receipt_and_renewals(book, tmp_path: Path) -> None:
    _ok(book("settings", "set", "group_name", "Riverside Tenants"))
    _ok(book("dues", "pay", "1", "--amount", "12", "--date", "2025-06-01", "--plan", "Standard"))
    _ok(book("dues", "pay", "2", "--amount", "12", "--date", "2025-07-01", "--plan", "Standard"))
    _ok(book("print", "receipt", "1", "-o", str(tmp_path / "r.pdf")))
    receipt = flat(pdftotext(tmp_path / "r.pdf"))
    assert "Receipt No. 1" in receipt and "Łukasz Nowak" in receipt and "£12.00" in receipt
    assert "Riverside Tenants" in receipt and "1 June 2026" in receipt  # paid until
    out = _ok(book("print", "renewals", "--on", "2026-06-15", "--within", "30", "-o", str(tmp_path / "n.pdf")))
    assert "2 renewal letters" in out
    letters = pdftotext(tmp_path / "n.pdf")
    pages = letters.split("\f")
    assert "Łukasz Nowak" in pages[0] and "Zoë =Adams" in flat(pages[1])
    assert all("£12.00" in p and "Riverside Tenants" in p for p in pages[:2])
    done = book("print", "receipt", "99", "-o", str(tmp_path / "x.pdf"))
    assert done.returncode == 1 and done.stderr.startswith("error: no payment with id 99")
