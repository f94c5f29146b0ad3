"""Hostile input: random bytes, random spreadsheets and random command lines never crash the app.

Every generated input must end in success or one clear ``error:`` line (exit 1)
or an argparse usage error (exit 2): no traceback, no "unexpected problem", and
the database still passes ``db check`` with nothing half-written. The example
counts are bounded so ``make test`` stays quick; run with
``--hypothesis-show-statistics`` to see how many inputs each test tried.
"""

from __future__ import annotations

import csv
import io
import os
import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from communitydesk.cli import build_parser, main
from communitydesk.db.engine import open_database
from communitydesk.io.errors import InputError
from communitydesk.io.register_columns import extract_register_row, parse_register_header
from communitydesk.io.tabular import parse_table
from communitydesk.services.core.integrity import check_database
from communitydesk.services.members.records import add_member

HOSTILE = settings(max_examples=120, deadline=None,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

_MARK = st.sampled_from(["Y", "y", "✓", "✔", "x", "X", "1", "P", "yes", "present", "A", "apol",
                         "apologies", "", "N", "0", "no", "?", "=1+1", "@cmd", "Y\n", " ✓ "])
_HEADER = st.one_of(
    st.sampled_from(["Name", "First Name", "Last Name", "Email", "Surname", "", "Notes"]),
    st.dates().map(lambda d: d.isoformat()), st.dates().map(lambda d: d.strftime("%d/%m/%Y")),
    st.text(max_size=12),
)


def _csv(rows: list[list[str]], delimiter: str = ",") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    return buffer.getvalue().encode("utf-8")


@HOSTILE
@given(headers=st.lists(_HEADER, min_size=1, max_size=6),
       rows=st.lists(st.lists(st.one_of(_MARK, st.text(max_size=10)), max_size=7), max_size=8),
       monthfirst=st.booleans())
def test_register_parser_reads_or_refuses(headers: list[str], rows: list[list[str]],
                                          monthfirst: bool) -> None:
    try:
        table = parse_table(_csv([headers, *rows]), name="register.csv")
        layout = parse_register_header(table.headers, monthfirst=monthfirst, source="register.csv")
    except InputError as exc:
        assert "register.csv" in str(exc) or "column" in str(exc)
        return
    for row in table.rows:
        person, problems = extract_register_row(layout, row)
        assert person is not None or problems
        if person is not None:
            assert all(mark in ("present", "apologies", "absent") for _, mark in person.marks)


@pytest.fixture
def hostile_db(tmp_path: Path, paths, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A small real database; commands run in-process with tmp_path as the working folder."""
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "hostile.sqlite3"
    db = open_database(str(path), backups_dir=paths.backups_dir)
    with db.session() as s:
        for i in range(5):
            add_member(s, first_name=f"Person{i}", last_name="Żółć", email=f"p{i}@example.org")
    db.dispose()
    return path


def _run(db: Path, argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    try:
        code = main(["--db", str(db), *argv])
    except SystemExit as exc:  # argparse usage errors and --help
        code = int(exc.code or 0)
    err = capsys.readouterr().err
    assert "Traceback" not in err and "unexpected problem" not in err, (argv, err)
    assert code in (0, 1, 2), (argv, code, err)
    if code == 1:
        assert err.strip().splitlines()[-1].startswith("error:"), (argv, err)
    return code, err


def _member_names(db: Path) -> list[str]:
    con = sqlite3.connect(db)
    try:
        return sorted(r[0] for r in con.execute("SELECT first_name FROM members"))
    finally:
        con.close()


_PREFIXES = st.sampled_from([b"", b"SQLite format 3\x00", b"PK\x03\x04", b"\xef\xbb\xbf",
                             b"BEGIN:VCARD\r\n", b"Name,Email\r\n", b"\xff\xfe"])


@HOSTILE
@given(prefix=_PREFIXES, data=st.binary(max_size=3000))
def test_restore_of_random_bytes_is_refused_and_changes_nothing(
        hostile_db: Path, capsys: pytest.CaptureFixture[str], prefix: bytes, data: bytes) -> None:
    before = _member_names(hostile_db)
    with tempfile.NamedTemporaryFile(dir=hostile_db.parent, suffix=".sqlite3", delete=False) as fh:
        fh.write(prefix + data)
    code, err = _run(hostile_db, ["db", "restore", fh.name], capsys)
    os.unlink(fh.name)
    assert code == 1 and "error:" in err
    assert _member_names(hostile_db) == before


def _importers() -> list[list[str]]:
    """The import commands on this branch (they land from the members and attendance work)."""
    found = []
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    for group, action in (("members", "import"), ("attendance", "import")):
        sub = commands.get(group)
        if sub is not None and action in sub._subparsers._group_actions[0].choices:  # type: ignore[union-attr]
            found.append([group, action])
    return found


@pytest.mark.parametrize("command", _importers() or [pytest.param(None, marks=pytest.mark.skip(
    reason="no import commands on this branch yet"))])
@HOSTILE
@given(prefix=_PREFIXES, data=st.binary(max_size=3000),
       rows=st.lists(st.lists(st.text(max_size=12), max_size=6), max_size=6),
       as_csv=st.booleans())
def test_importers_take_random_files_without_a_traceback(
        hostile_db: Path, capsys: pytest.CaptureFixture[str], command: list[str], prefix: bytes,
        data: bytes, rows: list[list[str]], as_csv: bool) -> None:
    payload = _csv([["First Name", "Last Name", "Email", "2026-01-31"], *rows]) if as_csv \
        else prefix + data
    with tempfile.NamedTemporaryFile(dir=hostile_db.parent, suffix=".csv", delete=False) as fh:
        fh.write(payload)
    _run(hostile_db, [*command, fh.name, "--json"], capsys)
    os.unlink(fh.name)
    db = open_database(str(hostile_db), backups_dir=hostile_db.parent / "b", upgrade=False)
    try:
        assert check_database(db) == []
    finally:
        db.dispose()


_WORDS = st.sampled_from([
    "members", "meetings", "privacy", "db", "attendance", "report", "print", "one-to-ones",
    "list", "add", "cancel", "export", "erase", "due", "audit", "check", "backup", "restore",
    "mark", "import", "sign-in", "agenda", "--json", "--yes", "--status", "--tag", "--search",
    "--first-name", "--last-name", "--email", "--from", "--to", "-o", "--starts", "--title",
    "1", "0", "-1", "99999999999999999999", "2026-02-30", "2026-03-05 19:00", "present",
    "out.pdf", "out.json", "", "\x00", "../x", "ŁĘ", "=cmd|' /C calc'!A0", "--", "-h",
])
_COMMANDS = st.sampled_from(["members", "meetings", "privacy", "db", "attendance", "report",
                             "print", "one-to-ones"])


@HOSTILE
@given(command=_COMMANDS, args=st.lists(st.one_of(_WORDS, st.text(max_size=15)), max_size=7))
def test_random_command_lines_never_give_a_traceback(
        hostile_db: Path, capsys: pytest.CaptureFixture[str], command: str, args: list[str]) -> None:
    argv = [command, *(a.replace("\x00", "") for a in args)]
    _run(hostile_db, argv, capsys)
    db = open_database(str(hostile_db), backups_dir=hostile_db.parent / "b", upgrade=False)
    try:
        assert check_database(db) == []
    finally:
        db.dispose()
