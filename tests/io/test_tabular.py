"""read_table: the real exports, the encodings and separators people bring, and files to refuse."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from communitydesk.errors import UserError
from communitydesk.io.tabular import MAX_CELL_CHARS, Table, TableError, parse_table, read_table
from tests.paths import FIXTURES

PNG_BYTES = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"
             b"\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00"
             b"\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")
SAMPLE = [
    ["First Name", "Last Name", "Email", "Postcode"],
    ["Łukasz", "Wróbel", "lukasz.wrobel@example.org", "BD7 1DP"],
    ["Zoë", "Hughes", "zoe.hughes@example.org", "LS8 2QT"],
    ["Şükrü", "Demir", "sukru.demir@example.org", "LS6 1AA"],
]


def write_csv(path: Path, rows: list[list[str]], *, delimiter: str = ",", encoding: str = "utf-8",
              newline: str = "\r\n") -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator=newline).writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def cells(table: Table) -> list[list[str]]:
    return [row.cells for row in table.rows]


@pytest.mark.parametrize(("name", "encoding", "rows", "last_line"), [
    ("google_contacts.csv", "utf-8", 26, 28),
    ("google_contacts_legacy.csv", "utf-8", 10, 11),
    ("mailchimp_audience.csv", "utf-8", 25, 26),
    ("eventbrite_attendees.csv", "utf-8-sig", 20, 21),
    ("legacy_attendance.csv", "utf-8", 16, 17),
])
def test_fixtures_read_as_csv(name: str, encoding: str, rows: int, last_line: int) -> None:
    table = read_table(FIXTURES / name)
    assert (table.source_format, table.encoding, table.delimiter) == ("csv", encoding, ",")
    assert len(table.rows) == rows
    assert table.rows[-1].line == last_line
    assert all(len(row.cells) == len(table.headers) for row in table.rows)
    assert not table.headers[0].startswith("\ufeff")


def test_google_multiline_cells_and_spreadsheet_row_numbers() -> None:
    table = read_table(FIXTURES / "google_contacts.csv")
    formatted = table.headers.index("Address 1 - Formatted")
    first = table.rows[0]
    assert first.line == 2
    assert first.cells[formatted] == "109 Acacia Avenue\nBradford\nBD7 1DP\nUnited Kingdom"
    # The empty row 14 is skipped but still counted, as a spreadsheet would show it.
    assert [r.line for r in table.rows][11:13] == [13, 15]
    assert table.rows[12].cells[0] == "Chidi"
    # Cells are stripped: the Greek first name has a trailing space in the file.
    assert table.rows[5].cells[0] == "Ελένη"


def test_windows_1252(tmp_path: Path) -> None:
    rows = [["Name", "Town"], ["Zoë Hughes", "Malmö"], ["José García Márquez", "Café €"]]
    table = read_table(write_csv(tmp_path / "w.csv", rows, encoding="cp1252"))
    assert table.encoding == "cp1252"
    assert cells(table) == rows[1:]


def test_utf8_with_bom(tmp_path: Path) -> None:
    table = read_table(write_csv(tmp_path / "bom.csv", SAMPLE, encoding="utf-8-sig"))
    assert table.encoding == "utf-8-sig"
    assert table.headers == SAMPLE[0]
    assert cells(table) == SAMPLE[1:]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_excel_unicode_text_utf16_tabs(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "unicode.txt"
    text = "\r\n".join("\t".join(row) for row in SAMPLE) + "\r\n"
    bom = b"\xfe\xff" if encoding == "utf-16-be" else b""
    path.write_bytes(bom + text.encode(encoding))
    table = read_table(path)
    assert table.encoding.startswith("utf-16")
    assert table.delimiter == "\t"
    assert table.headers == SAMPLE[0]
    assert cells(table) == SAMPLE[1:]


def test_utf16_without_bom(tmp_path: Path) -> None:
    path = tmp_path / "nobom.txt"
    path.write_bytes("\r\n".join("\t".join(row) for row in SAMPLE).encode("utf-16-le"))
    table = read_table(path)
    assert (table.encoding, table.delimiter) == ("utf-16-le", "\t")
    assert cells(table) == SAMPLE[1:]


def test_semicolon_separated_with_decimal_commas(tmp_path: Path) -> None:
    rows = [["Name", "Email", "Paid"], ["Łukasz Wróbel", "l@example.org", "12,50"],
            ["Zoë Hughes", "z@example.org", "3,00"]]
    table = read_table(write_csv(tmp_path / "semi.csv", rows, delimiter=";"))
    assert table.delimiter == ";"
    assert cells(table) == rows[1:]


def test_extra_spaces_are_stripped(tmp_path: Path) -> None:
    path = tmp_path / "spaces.csv"
    path.write_text('  First Name ,  Last Name  , Email \n'
                    '  Zoë ,Hughes  ,  zoe.hughes@example.org  \n'
                    ' "Seán" , "O\'Neill, Jr" ,sean@example.org\n', encoding="utf-8")
    table = read_table(path)
    assert table.headers == ["First Name", "Last Name", "Email"]
    assert cells(table) == [["Zoë", "Hughes", "zoe.hughes@example.org"],
                            ["Seán", "O'Neill, Jr", "sean@example.org"]]


def test_ragged_rows_are_padded_and_empty_rows_skipped(tmp_path: Path) -> None:
    path = tmp_path / "ragged.csv"
    path.write_text("Name,Email,Phone,Notes\nAnna\n\n,,,\nBen,ben@example.org\n"
                    "Cat,cat@example.org,07700 900001,note,extra\n", encoding="utf-8")
    table = read_table(path)
    assert table.headers == ["Name", "Email", "Phone", "Notes", ""]
    assert [(r.line, r.cells) for r in table.rows] == [
        (2, ["Anna", "", "", "", ""]),
        (5, ["Ben", "ben@example.org", "", "", ""]),
        (6, ["Cat", "cat@example.org", "07700 900001", "note", "extra"]),
    ]


def test_trailing_delimiters_do_not_make_columns(tmp_path: Path) -> None:
    path = tmp_path / "trailing.csv"
    path.write_text("Name,Email,,\nAnna,a@example.org,,\n", encoding="utf-8")
    assert read_table(path).headers == ["Name", "Email"]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_endings(tmp_path: Path, newline: str) -> None:
    table = read_table(write_csv(tmp_path / "nl.csv", SAMPLE, newline=newline))
    assert cells(table) == SAMPLE[1:]
    assert [r.line for r in table.rows] == [2, 3, 4]


def test_blank_lines_before_the_header(tmp_path: Path) -> None:
    path = tmp_path / "late.csv"
    path.write_text("\n\nName,Email\nAnna,a@example.org\n", encoding="utf-8")
    table = read_table(path)
    assert (table.header_line, table.headers, table.rows[0].line) == (3, ["Name", "Email"], 4)


def test_single_column_file(tmp_path: Path) -> None:
    path = tmp_path / "emails.csv"
    path.write_text("Email\na@example.org\nb@example.org\n", encoding="utf-8")
    table = read_table(path)
    assert table.headers == ["Email"]
    assert cells(table) == [["a@example.org"], ["b@example.org"]]


def test_recognised_by_content_not_extension(tmp_path: Path) -> None:
    table = read_table(write_csv(tmp_path / "members.xlsx", SAMPLE))
    assert table.source_format == "csv"
    book = openpyxl.Workbook()
    book.active.append(SAMPLE[0])
    book.save(tmp_path / "members.csv")
    assert read_table(tmp_path / "members.csv").source_format == "xlsx"


# --- files that must be refused with one clear message --------------------------------------


@pytest.mark.parametrize("content", [b"", b"   \r\n\r\n", b"\xef\xbb\xbf", b"\xff\xfe"])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(content)
    with pytest.raises(TableError, match=r"empty\.csv is empty"):
        read_table(path)


def test_png_renamed_csv(tmp_path: Path) -> None:
    path = tmp_path / "photo.csv"
    path.write_bytes(PNG_BYTES)
    with pytest.raises(TableError, match=r"photo\.csv does not look like a CSV or spreadsheet"):
        read_table(path)


# (0x80 0x81 0x8D 0x8F alone now read as the Cyrillic capitals "ЂЃЌЏ" in cp1251: 0x98 is in no
# code page's reading of a name, so these bytes are still refused as not text.)
@pytest.mark.parametrize("content", [b"Name,Email\nAnna\x07,a@example.org\n", b"\x98\x81\x8d\x8f"])
def test_control_characters_and_undecodable_bytes(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "odd.csv"
    path.write_bytes(content)
    with pytest.raises(TableError, match=r"odd\.csv does not look like"):
        read_table(path)


def test_only_delimiters_is_no_header_row(tmp_path: Path) -> None:
    path = tmp_path / "commas.csv"
    path.write_text(",,,\n,,\n", encoding="utf-8")
    with pytest.raises(TableError, match=r"commas\.csv has no header row"):
        read_table(path)


def test_five_megabyte_cell(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    path.write_text("Name,Email,Notes\nAnna,a@example.org,ok\n"
                    f'Ben,b@example.org,"{"x" * 5_000_000}"\n', encoding="utf-8")
    with pytest.raises(TableError) as info:
        read_table(path)
    message = str(info.value)
    assert "huge.csv" in message and "row 3" in message and 'column C ("Notes")' in message
    assert f"{MAX_CELL_CHARS:,}" in message


def test_cell_at_the_limit_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_text(f'Name,Notes\nAnna,"{"y" * MAX_CELL_CHARS}"\n', encoding="utf-8")
    assert len(read_table(path).rows[0].cells[1]) == MAX_CELL_CHARS


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(TableError, match="cannot read .*nope.csv"):
        read_table(tmp_path / "nope.csv")
    with pytest.raises(TableError, match="is a folder"):
        read_table(tmp_path)


@pytest.mark.parametrize(("content", "message"), [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old Excel 97-2003"),
    (b"PK\x03\x04garbage", "cannot be opened"),
])
def test_other_office_files(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "list.csv"
    path.write_bytes(content)
    with pytest.raises(TableError, match=message):
        read_table(path)


def test_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "archive.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(TableError, match="not an Excel workbook"):
        read_table(path)
    ods = tmp_path / "sheet.ods"
    with zipfile.ZipFile(ods, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    with pytest.raises(TableError, match="OpenDocument"):
        read_table(ods)


def test_errors_are_user_errors_and_value_errors() -> None:
    with pytest.raises(TableError) as info:
        parse_table(b"", name="x.csv")
    assert isinstance(info.value, UserError) and isinstance(info.value, ValueError)


# --- XLSX -----------------------------------------------------------------------------------


def test_xlsx_values_as_text(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([None])  # a blank first row: the header is row 2
    sheet.append(["  Name ", "Joined", "Phone", "Score", "Note", "Met at"])
    sheet.append(["Łukasz Wróbel", dt.date(2026, 1, 31), "+44 7700 900000", 7, 1.5,
                  dt.datetime(2026, 3, 5, 19, 0)])
    sheet.append([])
    sheet.append(["Ελένη Παπαδοπούλου", dt.datetime(2026, 2, 1), 7700900123, 2.0,
                  '=HYPERLINK("http://example.org","x")', None])
    sheet.append(["Дмитрий Иванов"])
    path = tmp_path / "list.xlsx"
    book.save(path)
    table = read_table(path)
    assert (table.source_format, table.encoding, table.delimiter) == ("xlsx", None, None)
    assert table.header_line == 2
    assert table.headers == ["Name", "Joined", "Phone", "Score", "Note", "Met at"]
    assert [(r.line, r.cells) for r in table.rows] == [
        (3, ["Łukasz Wróbel", "2026-01-31", "+44 7700 900000", "7", "1.5", "2026-03-05T19:00"]),
        (5, ["Ελένη Παπαδοπούλου", "2026-02-01", "7700900123", "2",
             '=HYPERLINK("http://example.org","x")', ""]),
        (6, ["Дмитрий Иванов", "", "", "", "", ""]),
    ]


def test_xlsx_empty_sheet_and_huge_cell(tmp_path: Path) -> None:
    empty = tmp_path / "empty.xlsx"
    openpyxl.Workbook().save(empty)
    with pytest.raises(TableError, match="no header row"):
        read_table(empty)
    # openpyxl cuts strings at Excel's 32,767 limit, so put the big cell into the XML directly.
    book = openpyxl.Workbook()
    book.active.append(["Name", "Notes"])
    book.active.append(["Anna", "PLACEHOLDER"])
    buffer = io.BytesIO()
    book.save(buffer)
    path = tmp_path / "huge.xlsx"
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if b"PLACEHOLDER" in data:
                data = data.replace(b"PLACEHOLDER", b"z" * 5_000_000)
            target.writestr(item, data)
    with pytest.raises(TableError, match=r'huge\.xlsx: the cell in row 2, column B \("Notes"\)'):
        read_table(path)


def test_an_unterminated_quote_is_refused_naming_its_row(tmp_path: Path) -> None:
    """#22: one stray quote swallowed 100,000 rows into a cell and said "1 rows were rejected"."""
    lines = ["Name,Email,Notes"] + [f"P{i},p{i}@example.org,ok" for i in range(2000)]
    lines[7] = 'P6,p6@example.org,"said ""hi'  # opens a quote that is never closed
    path = tmp_path / "stray.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(TableError) as info:
        read_table(path)
    message = str(info.value)
    assert "stray.csv" in message and "row 8" in message and "never closed" in message
    assert "1,993 lines" in message


def test_a_quote_closed_thousands_of_lines_later_is_refused(tmp_path: Path) -> None:
    lines = ["Name,Email,Notes"] + [f"P{i},p{i}@example.org,ok" for i in range(3000)]
    lines[5] = 'P4,p4@example.org,"oops'
    lines[2500] = 'P2499,p2499@example.org,oops"'
    path = tmp_path / "stray.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(TableError, match=r'stray\.csv: the cell in row 6, column C \("Notes"\) '
                                         r"runs over 2,495 lines"):
        read_table(path)


def test_quoted_cells_over_several_lines_still_read(tmp_path: Path) -> None:
    path = tmp_path / "ok.csv"
    path.write_text('Name,Address\nAnna,"1 Road\nTown\nLS1 1AA"\nBen,"2 Lane\nCity"\n'
                    'Cy,"5\'6"" tall"\nDee,5\'6" tall\n', encoding="utf-8")
    table = read_table(path)
    assert [row.cells[0] for row in table.rows] == ["Anna", "Ben", "Cy", "Dee"]
    assert table.rows[1].cells[1] == "2 Lane\nCity"
