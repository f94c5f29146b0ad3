"""Exports: CSV/XLSX/vCard, formula neutralisation, round trip, never one-to-one notes."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select, update

from communitydesk.db.engine import Database
from communitydesk.db.models import Member, OneToOne
from communitydesk.io.vcard import read_vcards
from communitydesk.services.members.export import export_members, neutralise
from communitydesk.services.members.importing import import_people, read_import_file
from communitydesk.services.members.records import add_member, list_members


@pytest.fixture
def people(db: Database) -> Database:
    with db.session() as s:
        a = add_member(s, first_name="Łukasz", last_name="Wróbel", email="l@example.org",
                       phone="+44 7700 900123", postcode="LS6 1AA", tags=["Committee", "Choir"],
                       notes="=HYPERLINK(\"http://evil\",\"click\")", joined_on=date(2024, 3, 1),
                       consent_email=True)
        b = add_member(s, first_name="+SUM(1)", last_name="@cmd", phone="-2+3", email="x@example.org",
                       address_line1="1 High St", address_line2="Flat 2", town="Leeds")
        s.add(OneToOne(organiser_id=a.id, member_id=b.id, held_on=date(2026, 1, 5),
                       interests="SECRET-INTEREST", story="SECRET-STORY", issues="SECRET-ISSUE",
                       commitments="SECRET-COMMITMENT", next_step="SECRET-NEXT"))
    return db


def test_neutralise_rules() -> None:
    assert neutralise("=1+1") == "'=1+1"
    assert neutralise("@cmd") == "'@cmd"
    assert neutralise("\tx") == "'\tx"
    assert neutralise("+44 7700 900123", column="phone") == "+44 7700 900123"
    assert neutralise("+SUM(1)", column="phone") == "'+SUM(1)"
    assert neutralise("+44 7700 900123", column="notes") == "'+44 7700 900123"
    assert neutralise("Anne") == "Anne"


def test_csv_export_is_neutralised_and_readable(people: Database, tmp_path: Path) -> None:
    out = tmp_path / "members.csv"
    with people.session() as s:
        assert export_members(s, out) == 2
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    by_email = {r["email"]: r for r in rows}
    lukasz = by_email["l@example.org"]
    assert lukasz["phone"] == "+44 7700 900123"
    assert lukasz["notes"].startswith("'=HYPERLINK")
    assert lukasz["tags"] == "Choir; Committee"
    assert lukasz["joined_on"] == "2024-03-01" and lukasz["consent_email"] == "yes"
    evil = by_email["x@example.org"]
    assert evil["first_name"] == "'+SUM(1)" and evil["last_name"] == "'@cmd"
    assert evil["phone"] == "-2+3" or evil["phone"] == "'-2+3"
    for row in rows:
        for value in row.values():
            assert value[:1] not in ("=", "@", "\t", "\r") or value == ""


def test_export_never_contains_one_to_one_notes(people: Database, tmp_path: Path) -> None:
    for fmt in ("csv", "xlsx", "vcf"):
        out = tmp_path / f"members.{fmt}"
        with people.session() as s:
            export_members(s, out, fmt=fmt)
        text = out.read_bytes()
        if fmt == "xlsx":
            book = openpyxl.load_workbook(out)
            text = "\n".join(str(c.value) for row in book.active.iter_rows() for c in row).encode()
        assert b"SECRET" not in text, fmt


def test_xlsx_cells_are_text_not_formulas(people: Database, tmp_path: Path) -> None:
    out = tmp_path / "members.xlsx"
    with people.session() as s:
        export_members(s, out)
    sheet = openpyxl.load_workbook(out).active
    values = [c.value for row in sheet.iter_rows(min_row=2) for c in row]
    assert "+44 7700 900123" in values
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    assert "+SUM(1)" in values and "@cmd" in values  # a string cell: nothing to run, no apostrophe
    assert not any(isinstance(v, str) and v.startswith("'") for v in values)
    notes = next(v for v in values if isinstance(v, str) and "HYPERLINK" in v)
    assert notes.startswith("=HYPERLINK")


def test_vcard_export_reads_back(people: Database, tmp_path: Path) -> None:
    out = tmp_path / "members.vcf"
    with people.session() as s:
        export_members(s, out)
    cards = read_vcards(out.read_text(encoding="utf-8"))
    lukasz = next(c for c in cards if c["emails"] == ["l@example.org"])
    assert lukasz["n"]["given"] == "Łukasz" and lukasz["phones"] == ["+44 7700 900123"]
    assert lukasz["categories"] == ["Choir", "Committee"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "vcf"])
def test_own_export_reimports_unchanged(people: Database, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"members.{fmt}"
    with people.session() as s:
        export_members(s, out)
    source = read_import_file(out)
    assert source.format == ("communitydesk" if fmt != "vcf" else source.format)
    with people.session() as s:
        result = import_people(s, source)
    assert result.created == 0 and result.conflicts == [], result.conflicts


def test_export_only_given_members(people: Database, tmp_path: Path) -> None:
    out = tmp_path / "some.csv"
    with people.session() as s:
        first = list_members(s)[0]
        assert export_members(s, out, member_ids=[first.id]) == 1


def test_vcard_writer_folds_at_75_octets_and_escapes_line_breaks(db: Database, tmp_path: Path) -> None:
    """#21 item 2: a raw CR in a note cut it to "line one"; long lines were never folded."""
    note = "line one\r\nline two\rline three\nŁódź; a, b \\ " + "ż" * 60
    with db.session() as s:
        m = add_member(s, first_name="Małgorzata Agnieszka", last_name="Wiśniewska-Dąbrowska" * 3,
                       email="m@example.org", phone="+44 7700 900123",
                       address_line1="Flat 2, 1 High St", town="Łódź", tags=["Komitet, rada", "Chór"])
        # Notes typed on Windows or imported from old files hold CR LF and lone CRs.
        s.execute(update(Member).where(Member.id == m.id).values(notes=note))
    out = tmp_path / "m.vcf"
    with db.session() as s:
        export_members(s, out)
    data = out.read_bytes()
    lines = data.split(b"\r\n")
    assert b"\r" not in data.replace(b"\r\n", b"") and b"\n" not in data.replace(b"\r\n", b"")
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines)  # folded
    for line in lines:
        line.decode("utf-8")  # never folded inside a character
    with db.session() as s:
        before = [m.to_json() for m in list_members(s)]
        notes_before = s.scalar(select(Member.notes))
    target = tmp_path / "again.sqlite3"
    from communitydesk.db.engine import open_database

    again = open_database(str(target), backups_dir=tmp_path / "b")
    try:
        with again.session() as s:
            result = import_people(s, read_import_file(out))
            assert result.created == 1
        with again.session() as s:
            after = [m.to_json() for m in list_members(s)]
            assert s.scalar(select(Member.notes)) == notes_before.replace("\r\n", "\n").replace("\r", "\n")
    finally:
        again.dispose()
    strip = ("id", "joined_on", "status")
    assert [{k: v for k, v in m.items() if k not in strip} for m in after] == [
        {k: v for k, v in m.items() if k not in strip} for m in before]
