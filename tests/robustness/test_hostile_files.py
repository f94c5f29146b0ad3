"""Files that used to hang an import or eat gigabytes are refused at once, in one short line (#22 item 6).

The bombs are small on disk: their declared sizes, compression ratios and row
counts trip the limits, so every test here runs in a second or two.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from communitydesk.io import limits, tabular
from communitydesk.io.errors import InputError
from communitydesk.io.tabular import TableError, parse_table, read_table
from communitydesk.services.members.importing import read_import_file
from tests.conftest import REPO

MAX_ERROR_LINE = 400


def _cli_import(db: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """`members import` as a user runs it; a hang fails the test after ``timeout`` seconds."""
    return subprocess.run([sys.executable, "-m", "communitydesk", "--db", str(db), *args],
                          capture_output=True, text=True, timeout=timeout, cwd=REPO,
                          env=dict(os.environ))


@pytest.fixture
def cli_db(run_cli, tmp_path: Path) -> Path:
    db = tmp_path / "hostile.sqlite3"
    assert run_cli("db", "upgrade", db=db).returncode == 0
    return db


def _assert_one_short_error(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 1, (result.stdout, result.stderr)
    line = result.stderr.strip()
    assert line.startswith("error: ") and "\n" not in line, result.stderr
    assert len(line) <= MAX_ERROR_LINE + len("error: "), len(line)
    for word in words:
        assert word in line, line


# --- not a file ----------------------------------------------------------------------------

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_refused_without_waiting(cli_db: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "members.csv"
    os.mkfifo(fifo)
    result = _cli_import(cli_db, "members", "import", str(fifo), timeout=30)
    _assert_one_short_error(result, "members.csv", "not a regular file")
    result = _cli_import(cli_db, "attendance", "import", str(fifo), timeout=30)
    _assert_one_short_error(result, "not a regular file")


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_is_refused_without_reading_it(cli_db: Path, device: str) -> None:
    if not Path(device).exists():
        pytest.skip(f"no {device} here")
    result = _cli_import(cli_db, "members", "import", device, timeout=30)
    _assert_one_short_error(result, device, "not a regular file")


def test_a_file_over_the_size_limit_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "everyone.csv"
    with big.open("wb") as fh:  # sparse: nothing is really written
        fh.truncate(tabular.MAX_FILE_BYTES + 1)
    with pytest.raises(TableError, match=r"everyone\.csv is \d+ MB; the most an import reads is 200 MB"):
        read_table(big)


# --- zip bombs -----------------------------------------------------------------------------

def _workbook_bytes(rows: list[list[str]]) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _replace_entries(data: bytes, replacements: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for item in source.infolist():
            target.writestr(item.filename, replacements.pop(item.filename, source.read(item)),
                            compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
        for name, payload in replacements.items():
            target.writestr(name, payload, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    return out.getvalue()


def test_a_workbook_part_that_inflates_enormously_is_refused() -> None:
    book = _workbook_bytes([["Name", "Email"], ["Anna", "anna@example.org"]])
    bomb = _replace_entries(book, {"mimetype": b"\0" * (40 * 1024 * 1024)})
    assert len(bomb) < 200_000
    with pytest.raises(TableError, match=r"bomb\.xlsx: the part mimetype would unpack to 40 MB") as info:
        parse_table(bomb, name="bomb.xlsx")
    assert len(str(info.value)) <= MAX_ERROR_LINE


def test_a_shared_strings_bomb_is_refused() -> None:
    book = _workbook_bytes([["Name", "Email"], ["Anna", "anna@example.org"]])
    strings = (b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/'
               b'spreadsheetml/2006/main">' + b"<si><t>a</t></si>" * 2_500_000 + b"</sst>")
    bomb = _replace_entries(book, {"xl/sharedStrings.xml": strings})
    with pytest.raises(TableError, match="xl/sharedStrings.xml would unpack to"):
        parse_table(bomb, name="strings.xlsx")


def test_declared_sizes_beyond_the_limit_are_refused_unread(monkeypatch: pytest.MonkeyPatch) -> None:
    book = _workbook_bytes([["Name"], ["Anna"]])
    monkeypatch.setattr(limits, "MAX_ZIP_ENTRY_BYTES", 1000)
    with pytest.raises(TableError, match="would unpack to"):
        parse_table(book, name="small.xlsx")


def test_a_sheet_of_thirty_million_rows_stops_at_the_row_limit() -> None:
    book = _workbook_bytes([["Name", "Email"], ["Anna", "anna@example.org"]])
    with zipfile.ZipFile(io.BytesIO(book)) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
    far = b'<row r="30000000"><c r="A30000000" t="inlineStr"><is><t>Zed</t></is></c></row>'
    sheet = sheet.replace(b"</sheetData>", far + b"</sheetData>")
    sheet = sheet.replace(b'<dimension ref="A1:B2"/>', b'<dimension ref="A1:B30000000"/>')
    bomb = _replace_entries(book, {"xl/worksheets/sheet1.xml": sheet})
    with pytest.raises(TableError, match=r"rows\.xlsx has more than 400,000 rows, most of them blank"):
        parse_table(bomb, name="rows.xlsx")


# --- too many rows, columns, characters ----------------------------------------------------

def test_too_many_csv_rows_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_ROWS", 50)
    data = ("Name,Email\n" + "".join(f"P{i},p{i}@example.org\n" for i in range(51))).encode()
    with pytest.raises(TableError, match="has more than 50 rows"):
        parse_table(data, name="long.csv")
    parse_table(("Name,Email\n" + "".join(f"P{i},p{i}@example.org\n" for i in range(50))).encode(),
                name="ok.csv")


def test_blank_lines_count_towards_the_row_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_ROWS", 50)
    monkeypatch.setattr(limits, "MAX_BLANK_ROWS", 100)
    with pytest.raises(TableError, match="has more than 150 rows, most of them blank"):
        parse_table(b"Name\nAnna\n" + b"\n" * 10_000, name="blank.csv")


def test_a_line_of_millions_of_cells_is_refused_in_a_short_message() -> None:
    line = b"," * 5_000_000 + b"x"
    with pytest.raises(TableError) as info:
        parse_table(b"Name,Email\n" + line + b"\n", name="wide.csv")
    message = str(info.value)
    assert "wide.csv" in message and "line 2" in message
    assert len(message) <= MAX_ERROR_LINE


def test_too_many_columns_are_refused() -> None:
    header = ",".join(f"Column {i}" for i in range(tabular.MAX_COLUMNS + 1))
    with pytest.raises(TableError, match=r"wide\.csv has 501 columns; the most is 500") as info:
        parse_table(f"{header}\nAnna\n".encode(), name="wide.csv")
    assert len(str(info.value)) <= MAX_ERROR_LINE


def test_trailing_empty_cells_are_not_columns() -> None:
    table = parse_table(b"Name,Email" + b"," * 2000 + b"\nAnna,a@example.org\n", name="ok.csv")
    assert table.headers == ["Name", "Email"]


def test_an_unusable_header_of_many_columns_gives_a_short_message(tmp_path: Path) -> None:
    path = tmp_path / "nothing.csv"
    path.write_text(",".join(f"Heading number {i}" for i in range(400)) + "\n1\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_import_file(path)
    message = str(info.value)
    assert len(message) <= MAX_ERROR_LINE
    assert "nothing.csv has no usable column" in message and "--map" in message


def test_a_rejected_row_quotes_a_huge_value_briefly(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text("Name,Email\nAnna," + "x" * 200_000 + "\n", encoding="utf-8")
    source = read_import_file(path)
    assert len(source.problems) == 1
    assert len(source.problems[0].reason) <= 300


def test_cli_error_for_a_huge_header_is_one_short_line(cli_db: Path, tmp_path: Path) -> None:
    path = tmp_path / "nothing.csv"
    path.write_text(",".join("h" * 50 for _ in range(450)) + "\n1\n", encoding="utf-8")
    _assert_one_short_error(_cli_import(cli_db, "members", "import", str(path)), "nothing.csv")


def test_cli_refuses_an_unclosed_quote_and_writes_nothing(cli_db: Path, tmp_path: Path) -> None:
    path = tmp_path / "stray.csv"
    rows = ["Name,Email"] + [f"P{i},p{i}@example.org" for i in range(500)]
    rows[3] = 'P2,"p2@example.org'
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = _cli_import(cli_db, "members", "import", str(path))
    _assert_one_short_error(result, "stray.csv", "row 4", "never closed")
    listed = _cli_import(cli_db, "members", "list", "--json")
    assert listed.returncode == 0 and listed.stdout.strip() == "[]"


def test_cli_reports_nested_vcards_as_rejected(cli_db: Path, tmp_path: Path) -> None:
    import json

    card = "BEGIN:VCARD\nVERSION:3.0\nFN:Person {0}\nEMAIL:p{0}@example.org\n"
    text = "".join(card.format(i) + ("" if i == 2 else "END:VCARD\n") for i in range(6))
    path = tmp_path / "phone.vcf"
    path.write_text(text, encoding="utf-8")
    result = _cli_import(cli_db, "members", "import", "--json", str(path))
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["created"] == 3
    assert [r["row"] for r in report["rejected"]] == [15, 20, 25]
    assert all("END:VCARD" in r["reason"] for r in report["rejected"])


def test_a_vcard_of_endless_folded_lines_is_read_in_linear_time(tmp_path: Path) -> None:
    """Folded lines were joined by repeated string concatenation: quadratic, so a 12 MB
    card of continuation lines ran for minutes before being refused."""
    path = tmp_path / "folded.vcf"
    path.write_text("BEGIN:VCARD\nFN:Anna\nNOTE:" + "\n ".join(["x" * 40] * 300_000)
                    + "\nEND:VCARD\n", encoding="utf-8")
    script = ("import sys\nfrom communitydesk.io.tabular import read_table\n"
              "from communitydesk.io.errors import TableError\n"
              "try:\n    read_table(sys.argv[1])\nexcept TableError as exc:\n    print(exc)\n")
    result = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True,
                            text=True, timeout=60, cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert "12,000,000 characters" in result.stdout  # refused for its size, at once


def test_too_many_filled_cells_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """200,000 rows of 500 short cells fit in 200 MB but would take gigabytes in memory."""
    monkeypatch.setattr(limits, "MAX_FILLED_CELLS", 1000)
    row = ",".join(["YY"] * 100)
    with pytest.raises(TableError, match=r"cells\.csv holds more than 1,000 filled cells"):
        parse_table(("\n".join([row] * 11) + "\n").encode(), name="cells.csv")
    parse_table(("\n".join([row] * 10) + "\n").encode(), name="ok.csv")
