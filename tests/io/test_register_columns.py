"""The legacy attendance register: person columns, meeting-date columns, and the marks in between."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from communitydesk.io.errors import RegisterError
from communitydesk.io.register_columns import (
    RegisterProblem,
    extract_register_row,
    parse_mark,
    parse_register_header,
)
from communitydesk.io.tabular import RowData, read_table
from tests.paths import FIXTURES


@pytest.mark.parametrize("cell", ["Y", "y", "✓", "✔", "✔️", "x", "X", "1", "P", "p", "yes", "YES",
                                  "Present", " Y ", "\t✓ "])
def test_present_marks(cell: str) -> None:
    assert parse_mark(cell) == "present"


@pytest.mark.parametrize("cell", ["A", "a", "apol", "Apol", "apologies", " APOLOGIES "])
def test_apologies_marks(cell: str) -> None:
    assert parse_mark(cell) == "apologies"


@pytest.mark.parametrize("cell", ["", "   ", None, "N", "n", "0", "no", "No"])
def test_absent_marks(cell: str | None) -> None:
    assert parse_mark(cell) == "absent"


@pytest.mark.parametrize("cell", ["?", "late", "Y?", "2", "✗", "yy", "=1"])
def test_unreadable_marks(cell: str) -> None:
    assert parse_mark(cell) is None


def test_fixture_register() -> None:
    table = read_table(FIXTURES / "legacy_attendance.csv")
    layout = parse_register_header(table.headers, header_line=table.header_line)
    assert (layout.name, layout.first_name, layout.last_name, layout.email) == (0, None, None, None)
    assert [c.on for c in layout.dates] == [
        dt.date(2026, 1, 6), dt.date(2026, 2, 3), dt.date(2026, 3, 3), dt.date(2026, 4, 7),
        dt.date(2026, 5, 5), dt.date(2026, 6, 2), dt.date(2026, 7, 7), dt.date(2026, 8, 4)]
    assert layout.problems == ()
    rows = {}
    for row in table.rows:
        person, problems = extract_register_row(layout, row)
        assert problems == [] and person is not None
        rows[(person.first_name, person.last_name)] = person
    assert len(rows) == 16
    lukasz = rows[("Łukasz", "Wróbel")]
    assert lukasz.line == 2
    assert [m for _, m in lukasz.marks] == ["present", "absent", "present", "present",
                                            "apologies", "present", "present", "present"]
    sukru = rows[("Şükrü", "Demir")]
    assert [m for _, m in sukru.marks] == ["present", "present", "present", "present",
                                           "present", "apologies", "absent", "present"]
    assert ("Ελένη", "Παπαδοπούλου") in rows and ("Дмитрий", "Иванов") in rows
    assert ("Aoife", "Nic Giolla Phádraig") in rows
    present = sum(m == "present" for r in rows.values() for _, m in r.marks)
    assert present > 60


@pytest.mark.parametrize(("header", "monthfirst", "expected"), [
    ("2026-01-31", False, dt.date(2026, 1, 31)),
    ("31/01/2026", False, dt.date(2026, 1, 31)),
    ("31/01/26", False, dt.date(2026, 1, 31)),
    ("31.01.2026", False, dt.date(2026, 1, 31)),
    ("6/1/2026", False, dt.date(2026, 1, 6)),
    ("6/1/2026", True, dt.date(2026, 6, 1)),
    ("01/31/2026", True, dt.date(2026, 1, 31)),
    ("2026-01-31 00:00:00", False, dt.date(2026, 1, 31)),
])
def test_date_headers(header: str, monthfirst: bool, expected: dt.date) -> None:
    layout = parse_register_header(["Name", header], monthfirst=monthfirst)
    assert layout.dates[0].on == expected and layout.problems == ()


def test_first_last_email_and_problem_columns() -> None:
    headers = ["First Name", "Surname", "E-mail", "2026-01-06", "Total", "", "02/13/2026",
               "2026-01-06", "31/02/2026"]
    layout = parse_register_header(headers, header_line=1)
    assert (layout.first_name, layout.last_name, layout.email) == (0, 1, 2)
    assert [c.index for c in layout.dates] == [3]
    assert [(p.row, p.column) for p in layout.problems] == [
        (1, "Total"), (1, "F"), (1, "02/13/2026"), (1, "2026-01-06"), (1, "31/02/2026")]
    reasons = [p.reason for p in layout.problems]
    assert "neither a person column nor a meeting date" in reasons[0]
    assert "no header" in reasons[1]
    assert "--monthfirst" in reasons[2]
    assert "same meeting date" in reasons[3]


def test_rows_with_bad_marks_bad_email_and_no_name() -> None:
    layout = parse_register_header(["First Name", "Last Name", "Email", "2026-01-06", "2026-02-03"])
    person, problems = extract_register_row(
        layout, RowData(3, ["Zoë", "Hughes", "not-an-email", "late", " ✓ "]))
    assert person is not None
    assert (person.first_name, person.email, person.marks) == (
        "Zoë", None, ((dt.date(2026, 2, 3), "present"),))
    assert [(p.row, p.column) for p in problems] == [(3, "Email"), (3, "2026-01-06")]
    assert "cannot read the mark 'late'" in problems[1].reason
    person, problems = extract_register_row(layout, RowData(4, ["", "", "", "Y", ""]))
    assert person is None
    assert problems == [RegisterProblem(4, "First Name", "no name on this row")]


def test_email_column_is_kept() -> None:
    layout = parse_register_header(["Name", "Email", "2026-01-06"])
    person, problems = extract_register_row(layout, RowData(2, ["Cher", "CHER@example.org", "A"]))
    assert problems == [] and person is not None
    assert (person.first_name, person.last_name, person.email, person.marks) == (
        "Cher", None, "cher@example.org", ((dt.date(2026, 1, 6), "apologies"),))


@pytest.mark.parametrize(("headers", "message"), [
    (["Email", "2026-01-06"], "no name column"),
    (["Name", "Notes"], "no meeting-date columns"),
])
def test_unusable_registers(headers: list[str], message: str) -> None:
    with pytest.raises(RegisterError, match=message):
        parse_register_header(headers, source="register.csv")


def test_xlsx_register_with_real_dates(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(["Name", dt.datetime(2026, 1, 6), dt.date(2026, 2, 3)])
    book.active.append(["Ελένη Παπαδοπούλου", "✓", 1])
    book.save(tmp_path / "register.xlsx")
    table = read_table(tmp_path / "register.xlsx")
    layout = parse_register_header(table.headers)
    person, problems = extract_register_row(layout, table.rows[0])
    assert problems == [] and person is not None
    assert person.marks == ((dt.date(2026, 1, 6), "present"), (dt.date(2026, 2, 3), "present"))
