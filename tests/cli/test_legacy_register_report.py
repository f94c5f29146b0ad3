"""The old register spreadsheet, imported, answers the funder's questions with hand-counted numbers.

Counted by hand from tests/fixtures/legacy_attendance.csv: 16 people, 8 monthly
meetings (6 Jan – 4 Aug 2026, day-first dates). Marks Y y ✓ x mean present, A apologies.
"""

from __future__ import annotations

import json

import pytest

from tests.paths import FIXTURES

REGISTER = FIXTURES / "legacy_attendance.csv"


@pytest.fixture
def imported(run_cli, tmp_path):
    db = tmp_path / "register.sqlite3"
    result = run_cli("attendance", "import", str(REGISTER), "--json", db=db)
    assert result.returncode == 0, result.stderr
    return db


def report(run_cli, db, *args: str) -> dict:
    result = run_cli("report", "attendance", *args, "--json", db=db)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_whole_register(run_cli, imported) -> None:
    numbers = report(run_cli, imported)
    assert numbers["meetings"] == 8
    assert numbers["unique_attendees"] == 16
    assert numbers["new_attendees"] == 16
    assert numbers["returning_attendees"] == 0
    assert numbers["total_present"] == 89
    assert numbers["apologies"] == 14
    by_name = {m["name"]: m for m in numbers["members"]}
    # Rate = present ÷ counted meetings from the first attendance (no joined_on in the file).
    assert by_name["Łukasz Wróbel"]["present"] == 6
    assert by_name["Łukasz Wróbel"]["rate"] == pytest.approx(6 / 8, abs=1e-4)
    assert by_name["İpek Yılmaz"]["present"] == 5
    assert by_name["İpek Yılmaz"]["rate"] == pytest.approx(5 / 6, abs=1e-4)
    assert by_name["Дмитрий Иванов"]["rate"] == pytest.approx(1.0, abs=1e-4)
    assert by_name["Fatima Al-Sayed"]["rate"] == pytest.approx(4 / 8, abs=1e-4)


def test_one_period(run_cli, imported) -> None:
    numbers = report(run_cli, imported, "--from", "2026-03-01", "--to", "2026-06-30")
    assert numbers["meetings"] == 4
    assert numbers["unique_attendees"] == 15
    assert numbers["new_attendees"] == 1  # İpek Yılmaz first came on 3 March
    assert numbers["returning_attendees"] == 14
    assert numbers["total_present"] == 44
    assert numbers["apologies"] == 7


def test_importing_twice_changes_no_number(run_cli, imported) -> None:
    before = report(run_cli, imported)
    again = run_cli("attendance", "import", str(REGISTER), "--json", db=imported)
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["meetings_created"] == 0
    assert json.loads(again.stdout)["members_created"] == 0
    assert report(run_cli, imported) == before


def test_cancelling_a_meeting_leaves_it_out(run_cli, imported) -> None:
    meetings = json.loads(run_cli("meetings", "list", "--json", db=imported).stdout)
    may = next(m for m in meetings if m["starts_at"].startswith("2026-05-05"))
    assert run_cli("meetings", "cancel", str(may["id"]), db=imported).returncode == 0
    numbers = report(run_cli, imported)
    assert numbers["meetings"] == 7
    assert numbers["total_present"] == 89 - 8
    assert numbers["apologies"] == 14 - 1
