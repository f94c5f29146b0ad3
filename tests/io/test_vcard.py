"""vCard 3.0 and 4.0: what phones and mail apps export, read as contacts and as a member table."""

from __future__ import annotations

from pathlib import Path

from communitydesk.io.member_columns import PersonRecord, build_mapping, extract_people
from communitydesk.io.tabular import read_table
from communitydesk.io.vcard import is_vcard, read_vcards

VCARD3 = (
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "N:Wróbel;Łukasz;;;\r\n"
    "FN:Łukasz Wróbel\r\n"
    "EMAIL;TYPE=INTERNET;TYPE=HOME:lukasz.home@example.org\r\n"
    "EMAIL;TYPE=INTERNET,pref:Lukasz.Wrobel@Example.org\r\n"
    "item1.TEL;TYPE=CELL:+44 7700 900000\r\n"
    "ADR;TYPE=HOME:;Flat 2;109 Acacia Avenue;Bradford;West Yorkshire;BD7 1DP;United Kingdom\r\n"
    "NOTE:Met at the spring fun day\\, with Zoë\\; wants to help\\nwith the food bank\r\n"
    "CATEGORIES:Mill Lane block,Food bank volunteers,Tenants\\, committee\r\n"
    "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsL\r\n"
    " DBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/2wBDAQkJCQwLDBgN\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "FN:Cher\r\n"
    "N:;Cher;;;\r\n"
    "TEL;TYPE=HOME:(0113) 496 0002\r\n"
    "END:VCARD\r\n"
)

VCARD4 = (
    "BEGIN:VCARD\n"
    "VERSION:4.0\n"
    "FN:Ελένη Παπαδοπούλου\n"
    "N:Παπαδοπούλου;Ελένη;;;\n"
    "EMAIL;TYPE=work;PREF=2:eleni.work@example.org\n"
    "EMAIL;PREF=1:eleni.papadopoulou@example.org\n"
    "TEL;VALUE=uri;TYPE=\"cell,voice\";PREF=1:tel:+44-7700-900005\n"
    "ADR;TYPE=home;LABEL=\"100 Chapel Street\\nBradford: BD7 1DP\":;;100 Chapel Str\n"
    " eet;Bradford;;bd71dp;UK\n"
    "CATEGORIES:Mill Lane block\n"
    "END:VCARD\n"
    "BEGIN:VCARD\n"
    "VERSION:4.0\n"
    "FN:Дмитрий Иванов\n"
    "EMAIL:dmitry.ivanov@example.org\n"
    "END:VCARD\n"
)


def test_vcard3_properties() -> None:
    first, cher = read_vcards(VCARD3)
    assert first["line"] == 1 and first["version"] == "3.0"
    assert first["fn"] == "Łukasz Wróbel"
    assert (first["n"]["given"], first["n"]["family"]) == ("Łukasz", "Wróbel")
    assert first["emails"] == ["Lukasz.Wrobel@Example.org", "lukasz.home@example.org"]  # pref first
    assert first["phones"] == ["+44 7700 900000"]
    address = first["addresses"][0]
    assert (address["extended"], address["street"], address["locality"], address["postal_code"]) == (
        "Flat 2", "109 Acacia Avenue", "Bradford", "BD7 1DP")
    assert first["note"] == "Met at the spring fun day, with Zoë; wants to help\nwith the food bank"
    assert first["categories"] == ["Mill Lane block", "Food bank volunteers", "Tenants, committee"]
    assert cher["line"] == 14 and cher["n"]["given"] == "Cher" and cher["n"]["family"] == ""


def test_vcard4_properties_folding_and_quoted_parameters() -> None:
    eleni, dmitry = read_vcards(VCARD4)
    assert eleni["version"] == "4.0"
    assert eleni["emails"] == ["eleni.papadopoulou@example.org", "eleni.work@example.org"]
    assert eleni["phones"] == ["+44-7700-900005"]
    assert eleni["addresses"][0]["street"] == "100 Chapel Street"  # folded mid-word
    assert eleni["addresses"][0]["postal_code"] == "bd71dp"
    assert dmitry["n"] == {} and dmitry["fn"] == "Дмитрий Иванов"


def test_is_vcard() -> None:
    assert is_vcard(VCARD3.encode())
    assert is_vcard(b"\xef\xbb\xbf\r\n  begin:vcard\r\nVERSION:3.0\r\n")
    assert is_vcard("\ufeffBEGIN:VCARD\r\n".encode("utf-16-le"))
    assert not is_vcard(b"First Name,Last Name\r\n")
    assert not is_vcard(b"")


def test_missing_end_and_junk_lines_are_tolerated() -> None:
    cards = read_vcards("junk line\nBEGIN:VCARD\nFN:Zoë Hughes\nnot a property\nEMAIL:z@example.org")
    assert [c["fn"] for c in cards] == ["Zoë Hughes"]
    assert cards[0]["emails"] == ["z@example.org"]
    assert read_vcards("") == []


def test_vcf_file_imports_like_a_member_table(tmp_path: Path) -> None:
    path = tmp_path / "contacts.vcf"
    path.write_text(VCARD3 + VCARD4.replace("\n", "\r\n"), encoding="utf-8")
    table = read_table(path)
    assert table.source_format == "vcard"
    mapping = build_mapping(table.headers)
    people, problems = extract_people(mapping, table.rows)
    assert problems == []
    by_name = {p.full_name: p for p in people}
    assert set(by_name) == {"Łukasz Wróbel", "Cher", "Ελένη Παπαδοπούλου", "Дмитрий Иванов"}
    lukasz = by_name["Łukasz Wróbel"]
    assert lukasz == PersonRecord(
        line=1, first_name="Łukasz", last_name="Wróbel", email="lukasz.wrobel@example.org",
        phone="+44 7700 900000", address_line1="109 Acacia Avenue", address_line2="Flat 2",
        town="Bradford", postcode="BD7 1DP",
        tags=("Mill Lane block", "Food bank volunteers", "Tenants, committee"),
        notes="Met at the spring fun day, with Zoë; wants to help\nwith the food bank")
    assert (by_name["Cher"].first_name, by_name["Cher"].last_name) == ("Cher", None)
    assert by_name["Ελένη Παπαδοπούλου"].postcode == "BD7 1DP"
    assert (by_name["Дмитрий Иванов"].first_name, by_name["Дмитрий Иванов"].last_name) == (
        "Дмитрий", "Иванов")


def test_utf16_vcf(tmp_path: Path) -> None:
    path = tmp_path / "contacts.vcf"
    path.write_bytes(VCARD4.encode("utf-16"))
    table = read_table(path)
    assert table.source_format == "vcard" and table.encoding == "utf-16-le"
    assert table.rows[0].cells[:2] == ["Ελένη", "Παπαδοπούλου"]


def _card(i: int) -> str:
    return f"BEGIN:VCARD\nVERSION:3.0\nFN:Person {i}\nEMAIL:p{i}@example.org\nEND:VCARD\n"


def test_a_card_nested_in_another_is_reported_not_dropped_silently(tmp_path: Path) -> None:
    """#22: a nested BEGIN:VCARD dropped 1,000 of 10,000 cards with nothing said."""
    nested = "BEGIN:VCARD\nVERSION:3.0\nFN:Outer\nBEGIN:VCARD\nFN:Inner\nEND:VCARD\nEND:VCARD\n"
    text = _card(1) + nested + _card(2)
    path = tmp_path / "phone.vcf"
    path.write_text(text, encoding="utf-8")
    table = read_table(path)
    assert [row.cells[0] for row in table.rows] == ["Person", "Outer", "Person"]
    assert [(p.line, "inside" in p.reason) for p in table.skipped] == [(9, True)]
    assert "line 6" in table.skipped[0].reason  # the card it was found in


def test_every_card_after_a_missing_end_is_counted(tmp_path: Path) -> None:
    from communitydesk.services.members.importing import read_import_file

    cards = [_card(i) for i in range(10)]
    cards[3] = cards[3].replace("END:VCARD\n", "")  # an END:VCARD missing: what follows nests
    path = tmp_path / "phone.vcf"
    path.write_text("".join(cards), encoding="utf-8")
    source = read_import_file(path)
    assert len(source.people) + len(source.problems) == 10
    assert all(p.field == "card" for p in source.problems)
    assert [p.line for p in source.problems] == [5 * i for i in range(4, 10)]  # each BEGIN line
