"""Importing the member lists people really have: fixtures, encodings, matching, hostile files."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from communitydesk.db.engine import Database
from communitydesk.db.models import Member, Tag
from communitydesk.errors import UserError
from communitydesk.io.errors import InputError
from communitydesk.services.members.importing import (
    ImportCancelled,
    import_people,
    parse_mapping_options,
    read_import_file,
)
from communitydesk.services.members.records import add_member, list_members
from tests.paths import FIXTURES

KNOWN = ["google_contacts.csv", "google_contacts_legacy.csv", "mailchimp_audience.csv",
         "eventbrite_attendees.csv"]


def run_import(db: Database, path: Path | str, **kw):
    source = read_import_file(path, overrides=kw.pop("overrides", None))
    with db.session() as s:
        return import_people(s, source, **kw)


def count(db: Database) -> int:
    with db.session() as s:
        return s.scalar(select(func.count(Member.id)))


@pytest.mark.parametrize("name", KNOWN)
def test_every_fixture_imports_without_mapping_and_reimport_creates_nothing(
        db: Database, name: str) -> None:
    source = read_import_file(FIXTURES / name)
    assert source.format != "generic"
    assert source.problems == []
    first = run_import(db, FIXTURES / name)
    assert first.created == len(source.people) > 5
    assert first.rejected == [] and first.conflicts == []
    again = run_import(db, FIXTURES / name)
    assert (again.created, again.updated, again.conflicts) == (0, 0, [])
    assert again.unchanged == first.created
    assert count(db) == first.created


def test_google_people_tags_and_phones(db: Database) -> None:
    run_import(db, FIXTURES / "google_contacts.csv")
    with db.session() as s:
        people = {m.email: m for m in list_members(s)}
        lukasz = people["lukasz.wrobel@example.org"]
        assert (lukasz.first_name, lukasz.last_name) == ("Łukasz", "Wróbel")
        assert lukasz.phone == "+44 7700 900000"
        assert lukasz.postcode == "BD7 1DP"
        assert lukasz.tags == ("Mill Lane block",)
        assert people["zoe.hughes@example.org"].phone == "+44 7700 900001"
        assert people["sukru.demir@example.org"].tags == ("Food bank volunteers", "Tenants committee")
        assert "myContacts" not in {t for m in people.values() for t in m.tags}
        assert all(m.first_name == m.first_name.strip() for m in people.values())


def test_eventbrite_buyer_with_two_tickets_is_one_member(db: Database) -> None:
    result = run_import(db, FIXTURES / "eventbrite_attendees.csv")
    with db.session() as s:
        emails = [m.email for m in list_members(s)]
    assert len(emails) == len(set(emails)) == result.created
    assert emails.count("sean.oneill@example.org") == 1


def test_google_then_mailchimp_merges_shared_people(db: Database) -> None:
    google = run_import(db, FIXTURES / "google_contacts.csv")
    mailchimp = run_import(db, FIXTURES / "mailchimp_audience.csv")
    source = read_import_file(FIXTURES / "mailchimp_audience.csv")
    google_emails = {p.email for p in read_import_file(FIXTURES / "google_contacts.csv").people}
    shared = sum(1 for p in source.people if p.email in google_emails)
    assert shared >= 15
    assert mailchimp.created == len(source.people) - shared
    assert count(db) == google.created + mailchimp.created
    with db.session() as s:
        chidi = next(m for m in list_members(s) if m.email == "chidi.okonkwo@example.org")
        assert {"Tenants", "Volunteers"} <= set(chidi.tags)
        member = s.get(Member, chidi.id)
        assert member.consent_email and member.consent_source == "Mailchimp audience export"


def test_match_fills_blanks_and_reports_conflicts(db: Database, tmp_path: Path) -> None:
    with db.session() as s:
        kept = add_member(s, first_name="Ayşe", last_name="Öztürk", email="ayse@example.org",
                          phone="07700 900123")
        by_phone = add_member(s, first_name="Kwame", last_name="Mensah", phone="+44 7700 900555")
    path = tmp_path / "list.csv"
    path.write_text("Name,Email,Phone,Postcode,Tags\n"
                    "Ayşe Öztürk,AYSE@example.org,07700 900999,ls6 1aa,Choir\n"
                    "Kwame Mensah,,07700 900555,,\n"
                    "New Person,new@example.org,,,\n", encoding="utf-8")
    result = run_import(db, path)
    assert (result.created, result.updated, result.unchanged) == (1, 1, 1)
    assert [(c.row, c.field, c.existing, c.incoming) for c in result.conflicts] == [
        (2, "phone", "07700 900123", "+44 7700 900999")]
    with db.session() as s:
        ayse = s.get(Member, kept.id)
        assert ayse.phone == "07700 900123"  # never overwritten
        assert ayse.postcode == "LS6 1AA" and [t.name for t in ayse.tags] == ["Choir"]
        assert ayse.version == 2
        assert s.get(Member, by_phone.id).version == 1


def test_dry_run_writes_nothing(db: Database) -> None:
    source = read_import_file(FIXTURES / "google_contacts.csv")
    with db.session() as s:
        result = import_people(s, source, dry_run=True)
        s.rollback()
    assert result.created == len(source.people) and result.dry_run
    assert count(db) == 0


@pytest.mark.parametrize("encoding,delimiter", [
    ("cp1252", ","), ("utf-8-sig", ";"), ("utf-16", "\t"), ("utf-8", "\t")])
def test_encodings_and_delimiters(db: Database, tmp_path: Path, encoding: str, delimiter: str) -> None:
    rows = [["First Name", "Last Name", "Email", "Phone"],
            ["José", "Müller", "jose@example.org", "07700 900321"],
            ["Zoë", "Brontë ", " zoe@example.org", ""]]
    path = tmp_path / "list.csv"
    path.write_bytes("\r\n".join(delimiter.join(r) for r in rows).encode(encoding))
    result = run_import(db, path)
    assert result.created == 2
    with db.session() as s:
        names = sorted(m.full_name for m in list_members(s))
    assert names == ["José Müller", "Zoë Brontë"]


def test_ragged_rows_and_formula_payloads_import_as_text(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "ragged.csv"
    path.write_text("First Name,Last Name,Email,Notes,Phone\n"
                    "Ann,Lee,ann@example.org\n"
                    '"=HYPERLINK(""http://x"",""y"")",Evil,evil@example.org,+SUM(1),@cmd\n'
                    "Bo,Ng,bo@example.org,note,07700 900111,extra,cells\n", encoding="utf-8")
    result = run_import(db, path)
    assert result.created == 3 and result.rejected == []
    with db.session() as s:
        evil = next(m for m in list_members(s) if m.email == "evil@example.org")
        assert evil.first_name == '=HYPERLINK("http://x","y")'
        assert evil.phone == "@cmd"
        assert s.get(Member, evil.id).notes == "+SUM(1)"


def test_rows_with_problems_are_reported_with_row_and_field(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "bad-rows.csv"
    path.write_text("First Name,Last Name,Email\nAnn,Lee,not-an-email\n,,\nBo,Ng,bo@example.org\n"
                    ",,,\n,,x\n", encoding="utf-8")
    result = run_import(db, path)
    assert result.created == 1
    assert [(p.line, p.field) for p in result.rejected] == [(2, "email"), (6, "email")]


def test_unknown_headers_need_a_map(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    path.write_text("Who,Contact,Mob\nAnn Lee,ann@example.org,07700 900123\n", encoding="utf-8")
    with pytest.raises(InputError, match="no usable column"):
        read_import_file(path)
    overrides = parse_mapping_options(["Who=full_name", "Contact=email", "Mob=phone"])
    result = run_import(db, path, overrides=overrides)
    assert result.created == 1
    with db.session() as s:
        (ann,) = list_members(s)
    assert (ann.first_name, ann.last_name, ann.phone) == ("Ann", "Lee", "+44 7700 900123")
    with pytest.raises(UserError, match="Header=field"):
        parse_mapping_options(["nonsense"])


HOSTILE = {
    "empty.csv": b"",
    "blank.csv": b"\r\n\r\n   \r\n",
    "binary.csv": bytes(range(256)) * 8,
    "png-renamed.csv": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64,
    "bad-utf16.csv": b"\xff\xfe" + b"A\x00" + b"\x00\xd8",  # BOM then a broken surrogate
    "bad-utf8-bom.csv": b"\xef\xbb\xbfFirst Name,Email\nAnn\xff\xfe,a@example.org\n",
    "control-chars.csv": b"First Name,Email\nAnn\x01\x02,a@example.org\n",
    "no-usable-column.csv": b"Colour,Size\nred,10\n",
    "huge-cell.csv": b"First Name,Notes\nAnn," + b"x" * 5_000_000 + b"\n",
    "fake.xlsx": b"PK\x03\x04" + b"not really a zip" * 10,
    "old-excel.xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100,
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_files_get_a_clear_message_and_change_nothing(
        db: Database, tmp_path: Path, name: str) -> None:
    with db.session() as s:
        add_member(s, first_name="Existing", last_name="Person", email="e@example.org")
    path = tmp_path / name
    path.write_bytes(HOSTILE[name])
    with pytest.raises(UserError) as error:
        run_import(db, path)
    message = str(error.value)
    assert name in message or "no usable column" in message
    assert "Traceback" not in message and len(message) < 400
    assert count(db) == 1


def test_cancel_leaves_database_unchanged(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "many.csv"
    path.write_text("First Name,Last Name,Email\n" + "".join(
        f"P{i},Q,p{i}@example.org\n" for i in range(1200)), encoding="utf-8")
    source = read_import_file(path)
    calls = []

    def progress(done: int, total: int) -> bool:
        calls.append(done)
        return done < 1500  # cancel half-way through writing

    with pytest.raises(ImportCancelled), db.session() as s:
        import_people(s, source, progress=progress)
    assert count(db) == 0
    with db.session() as s:
        assert s.scalar(select(func.count(Tag.id))) == 0


def test_import_on_postgres_too(any_db: Database) -> None:
    result = run_import(any_db, FIXTURES / "google_contacts.csv")
    again = run_import(any_db, FIXTURES / "mailchimp_audience.csv")
    assert result.created > 20 and again.created > 0
    assert count(any_db) == result.created + again.created


def test_xlsx_and_vcard_files(db: Database, tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["First name", "Surname", "Email", "Mobile", "Groups"])
    sheet.append(["Ayşe", "Öztürk", "ayse@example.org", "07700 900123", "Choir; Tenants"])
    sheet.append(["=1+1", "Formula", "f@example.org", None, None])
    book.save(tmp_path / "list.xlsx")
    result = run_import(db, tmp_path / "list.xlsx")
    assert result.created == 2
    (tmp_path / "phone.vcf").write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Kwame Mensah\r\nN:Mensah;Kwame;;;\r\n"
        "TEL;TYPE=CELL:07700 900555\r\nCATEGORIES:Choir\r\nEND:VCARD\r\n", encoding="utf-8")
    assert run_import(db, tmp_path / "phone.vcf").created == 1
    with db.session() as s:
        people = {m.last_name: m for m in list_members(s)}
    assert people["Öztürk"].phone == "+44 7700 900123"
    assert people["Öztürk"].tags == ("Choir", "Tenants")
    assert people["Formula"].first_name == "=1+1"
    assert people["Mensah"].tags == ("Choir",) and people["Mensah"].phone == "+44 7700 900555"


def test_import_writes_one_audit_entry_per_created_or_updated_member(any_db: Database,
                                                                    tmp_path: Path) -> None:
    """#22 item 8: 6,000 inserts by `members import` left no trace in the audit trail."""
    from communitydesk.services.privacy.audit import list_audit_entries

    db = any_db

    with db.session() as s:
        kept = add_member(s, first_name="Ann", last_name="Archer", email="ann@example.org").id
    db.set_audit_user("secretary@office")
    path = tmp_path / "people.csv"
    path.write_text("First Name,Last Name,Email,Postcode,Tags\n"
                    "Ann,Archer,ann@example.org,LS6 1AA,Tenants\n"
                    + "".join(f"P{i},Smith,p{i}@example.org,,\n" for i in range(30)),
                    encoding="utf-8")
    result = run_import(db, path)
    assert (result.created, result.updated) == (30, 1)
    with db.session() as s:
        members = {m.id for m in list_members(s)}
        entries = [e for e in list_audit_entries(s, entity="member", limit=1000)
                   if e.user_name == "secretary@office"]
    inserts = [e for e in entries if e.action == "insert"]
    assert sorted(e.entity_id for e in inserts) == sorted(members - {kept})
    [update] = [e for e in entries if e.action == "update"]
    assert update.entity_id == kept and update.fields == ("postcode", "tags")
    assert all(e.action in ("insert", "update") for e in entries)
    assert len(entries) == 31
    assert run_import(db, path).created == 0  # a dry re-run: nothing new written to the trail
    with db.session() as s:
        assert len([e for e in list_audit_entries(s, entity="member", limit=1000)
                    if e.user_name == "secretary@office"]) == 31


def test_an_invalid_phone_is_kept_and_reported_as_a_warning(db: Database, tmp_path: Path,
                                                            run_cli) -> None:
    """#13 item 9: import turned "0770090011" into "+44 770090011" and reported 0 problems."""
    path = tmp_path / "people.csv"
    path.write_text("Name,Email,Phone\nAnn Archer,ann@example.org,0770090011\n"
                    "Ben Baker,ben@example.org,07700 901123\n", encoding="utf-8")
    result = run_import(db, path)
    assert (result.created, result.rejected) == (2, [])
    [warning] = result.warnings
    assert (warning.line, warning.field) == (2, "phone") and "'0770090011'" in warning.reason
    assert result.to_json()["warnings"] == [{"row": 2, "field": "phone", "reason": warning.reason}]
    assert "1 warning" in result.summary()
    with db.session() as s:
        phones = {m.email: m.phone for m in list_members(s)}
    assert phones == {"ann@example.org": "0770090011", "ben@example.org": "+44 7700 901123"}
    cli = run_cli("members", "import", "--dry-run", str(path), db=db.sqlite_path)
    assert cli.returncode == 0 and "row 2: phone: '0770090011'" in cli.stdout


def test_many_rows_matching_one_member_stay_linear(tmp_path: Path) -> None:
    """40,000 rows under one family address, each with its own tag, all match one member:
    the tags already seen were recounted for every row (quadratic: minutes)."""
    import subprocess
    import sys

    from tests.paths import REPO

    path = tmp_path / "family.csv"
    path.write_text("First Name,Last Name,Email,Tags\n" + "".join(
        f"P{i},Other,family@example.org,t{i}\n" for i in range(40_000)), encoding="utf-8")
    script = f"""
from pathlib import Path
from communitydesk.db.engine import open_database
from communitydesk.services.members.importing import import_people, read_import_file
db = open_database({str(tmp_path / "x.sqlite3")!r}, backups_dir=Path({str(tmp_path)!r}))
with db.session() as session:
    result = import_people(session, read_import_file({str(path)!r}))
print(result.created, len(result.conflicts))
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            timeout=90, cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["1", "39999"]
