"""Read a member list or attendance register (CSV/TSV text, XLSX or vCard) into plain rows.

Why: people bring files from Excel on Windows, Google, Mailchimp, Eventbrite
and phones. The format is recognised by content, never by the file name, and
anything that is not a readable table is refused with one clear message naming
the file, so an import never half-reads garbage.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import os
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime, time

from communitydesk.i18n import _
from communitydesk.io import limits
from communitydesk.io.encoding import decode
from communitydesk.io.errors import TableError
from communitydesk.io.text import column_label, split_full_name
from communitydesk.io.vcard import SkippedCard, is_vcard, parse_vcards

__all__ = ["MAX_CELL_CHARS", "VCARD_HEADERS", "RowData", "Table", "TableError",
           "parse_table", "read_table"]

MAX_CELL_CHARS = 1_000_000
MAX_CELL_LINES = 1_000  # more line breaks in one cell: a quote mark opened and closed far later
MAX_FILE_BYTES = limits.MAX_FILE_BYTES
MAX_COLUMNS = limits.MAX_COLUMNS
DELIMITERS = ",;\t"
_SNIFF_CHARS = 4 * 1024  # csv.Sniffer is quadratic on hostile input; 4 KB is a few rows
_CSV_FIELD_LIMIT = 2**31 - 1  # C long on every platform; the real limit is MAX_CELL_CHARS
_XLSX_MAGIC = b"PK\x03\x04"
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# A vCard file becomes a table with our own export's column names.
VCARD_HEADERS = ["first_name", "last_name", "preferred_name", "email", "phone",
                 "address_line1", "address_line2", "town", "postcode", "tags", "notes"]


@dataclass(frozen=True)
class RowData:
    """One non-empty data row; ``line`` is the row number a spreadsheet would show (header = 1)."""

    line: int
    cells: list[str]

    def get(self, index: int) -> str:
        return self.cells[index] if 0 <= index < len(self.cells) else ""


@dataclass(frozen=True)
class Table:
    """Headers and rows, every row exactly ``len(headers)`` cells, all stripped text.

    ``source_format`` is "csv", "xlsx" or "vcard"; ``encoding`` and
    ``delimiter`` are None where they do not apply (xlsx, vcard). ``header_line``
    is the header's row number: 1 unless blank rows come first, 0 for vCards
    (whose headers are ours and whose row lines are the BEGIN:VCARD lines).
    """

    headers: list[str]
    rows: list[RowData]
    source_format: str
    encoding: str | None
    delimiter: str | None
    header_line: int = 1
    skipped: tuple[SkippedCard, ...] = ()  # vCards that could not be read (nested ones)
    encoding_close: tuple[str, ...] = ()  # other code pages that read it as well: ask the user


def read_table(path: str | os.PathLike[str], *, encoding: str | None = None,
               unsure_ok: bool = False) -> Table:
    """Read ``path`` as a table, recognising XLSX, vCard or delimited text by content.

    ``encoding`` overrides the guessed text encoding; ``unsure_ok`` returns a table
    even when two code pages read it equally well (``Table.encoding_close`` names them).
    """
    name = str(path)
    return parse_table(limits.read_file_capped(path), name=name, encoding=encoding,
                       unsure_ok=unsure_ok)


def parse_table(data: bytes, *, name: str = "", encoding: str | None = None,
                unsure_ok: bool = False) -> Table:
    """Like ``read_table`` for bytes already in memory (an upload, a test); ``name`` is for messages."""
    name = name or _("the file")
    if not data:
        raise TableError(_("{name} is empty").format(name=name))
    if data.startswith(_XLSX_MAGIC):
        return _read_xlsx(data, name)
    if data.startswith(_OLE2_MAGIC):
        raise TableError(_("{name} is an old Excel 97-2003 (.xls) or other Office file; "
                           "open it in Excel or LibreOffice and save it as .xlsx or .csv").format(
                               name=name))
    text, encoding, close = decode(data, name=name, encoding=encoding, unsure_ok=unsure_ok)
    if not text.strip():
        raise TableError(_("{name} is empty").format(name=name))
    if is_vcard(text):
        table = _vcard_table(text, name, encoding)
    else:
        delimiter = sniff_delimiter(text)
        if csv.field_size_limit() < _CSV_FIELD_LIMIT:
            csv.field_size_limit(_CSV_FIELD_LIMIT)  # only ever raised: long cells get our own message
        table = _build(name, _csv_records(text, name, delimiter), "csv", encoding, delimiter)
    return dataclasses.replace(table, encoding_close=close) if close else table


def _check_separators(text: str, name: str, delimiter: str) -> None:
    """Refuse a line of millions of separators before csv splits it into millions of cells.

    Only lines long enough to hold that many are counted (``str.find``/``count`` in C,
    without copying the text).
    """
    limit = limits.MAX_SEPARATORS_PER_LINE
    terminator = "\n" if "\n" in text else "\r"
    start = 0
    while start < len(text):
        end = text.find(terminator, start)
        end = len(text) if end < 0 else end
        if end - start > limit and text.count(delimiter, start, end) > limit:
            for line_start, line_end in _old_mac_lines(text, start, end):
                separators = text.count(delimiter, line_start, line_end)
                if separators > limit:
                    shown = _("tab") if delimiter == "\t" else repr(delimiter)
                    raise TableError(_(
                        "{name}: line {line} holds {count} {separator} separators; a row has at "
                        "most {most} columns. Is this the right file?").format(
                            name=name, line=f"{_line_number(text, line_start):,}",
                            count=f"{separators:,}", separator=shown, most=limits.MAX_COLUMNS))
        start = end + 1


def _old_mac_lines(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The lines between ``start`` and ``end`` that a lone CR (old Mac ending) separates."""
    while start <= end:
        cut = text.find("\r", start, end)
        cut = end if cut < 0 else cut
        yield start, cut
        start = cut + 1


def _line_number(text: str, offset: int) -> int:
    """The line (as csv counts them: \\r, \\n or \\r\\n end one) at ``offset``."""
    return len(re.findall(r"\r\n|\r|\n", text[:offset])) + 1


def _start_of_last_lines(text: str, count: int) -> int:
    """Where the last ``count`` lines of the text begin (scanning back line by line, in C)."""
    terminator = "\n" if "\n" in text else "\r"
    position = len(text) - 1 if text.endswith(terminator) else len(text)
    for _step in range(count):
        position = text.rfind(terminator, 0, position)
        if position < 0:
            return 0
    return position + 1


def _csv_records(text: str, name: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells) per CSV record; refuses a quote mark that is never closed.

    With ``strict=False`` csv.reader reads an unclosed quote to the end of the
    file as one cell, which turned 100,000 rows into "1 row rejected".
    """
    _check_separators(text, name, delimiter)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, skipinitialspace=True,
                        strict=False)
    consumed, last_start, last_span, number = 0, 0, 0, 0
    held: tuple[int, list[str]] | None = None  # one record behind: the last one is checked first
    headers: list[str] | None = None
    try:
        for number, record in enumerate(reader, start=1):
            if held is not None:
                if last_span > MAX_CELL_LINES:  # a quote opened there and closed far below
                    _refuse_many_lines(name, held, headers)
                yield held
            held = (number, record)
            last_start, last_span, consumed = consumed + 1, reader.line_num - consumed, reader.line_num
            if headers is None and any(cell.strip() for cell in record):
                headers = [cell.strip() for cell in record]
    except csv.Error as exc:
        raise TableError(_("{name} cannot be read as CSV near line {line}: {problem}").format(
            name=name, line=reader.line_num, problem=exc)) from None
    if held is None:
        return
    if last_span > 1 and _ends_inside_quotes(text[_start_of_last_lines(text, last_span):], delimiter):
        raise TableError(_(
            "{name}: a quote mark (\") in row {row} (line {line} of the file) is never "
            "closed, so the {count} lines after it would become one cell. Check the "
            "quote marks in that row, save the file again and import it again; nothing was "
            "imported").format(name=name, row=number, line=f"{last_start:,}",
                               count=f"{last_span - 1:,}"))
    if last_span > MAX_CELL_LINES:
        _refuse_many_lines(name, held, headers)
    yield held


def _refuse_many_lines(name: str, held: tuple[int, list[str]], headers: list[str] | None) -> None:
    number, record = held
    index = max(range(len(record)), key=lambda i: record[i].count("\n"))
    if record[index].count("\n") > MAX_CELL_LINES:
        _refuse_cell(name, number, index, record[index], headers)


def _ends_inside_quotes(tail: str, delimiter: str) -> bool:
    """True when the text (one record to the end of the file) ends inside a quoted cell."""
    try:
        for _record in csv.reader(io.StringIO(tail, newline=""), delimiter=delimiter,
                            skipinitialspace=True, strict=True):
            pass
    except csv.Error as exc:
        return "unexpected end of data" in str(exc)
    return False


def sniff_delimiter(text: str) -> str:
    """Comma, semicolon or tab: csv.Sniffer over the first rows, checked against the header line."""
    sample = text[:_SNIFF_CHARS]
    if len(text) > _SNIFF_CHARS and "\n" in sample:
        sample = sample[: sample.rindex("\n")]
    header = next((line for line in sample.splitlines() if line.strip()), "")
    counts = {d: _count_unquoted(header, d) for d in DELIMITERS}
    try:
        sniffed: str | None = csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        sniffed = None
    if sniffed in counts and counts[sniffed] and counts[sniffed] == max(counts.values()):
        return sniffed
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _count_unquoted(line: str, delimiter: str) -> int:
    count, quoted = 0, False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif ch == delimiter and not quoted:
            count += 1
    return count


def _build(name: str, records: Iterable[tuple[int, list[str]]], source_format: str,
           encoding: str | None, delimiter: str | None) -> Table:
    """Strip cells, find the header, drop empty rows, check cell sizes, square the table."""
    headers: list[str] | None = None
    header_line = 1
    rows: list[RowData] = []
    max_rows, max_records = limits.MAX_ROWS, limits.MAX_ROWS + limits.MAX_BLANK_ROWS
    cells_left = limits.MAX_FILLED_CELLS
    for count, (line, record) in enumerate(records, start=1):
        if count > max_records or len(rows) >= max_rows:
            limits.check_row_count(name, len(rows) + 1, count)
        cells = [cell.strip() for cell in record]
        if cells and max(map(len, cells)) > MAX_CELL_CHARS:
            index = next(i for i, cell in enumerate(cells) if len(cell) > MAX_CELL_CHARS)
            _refuse_cell(name, line, index, cells[index], headers)
        if not any(cells):
            continue
        cells_left -= len(cells) - cells.count("")
        if cells_left < 0:
            raise limits.too_many_cells(name)
        if len(cells) > limits.MAX_COLUMNS and _last_filled(cells) > limits.MAX_COLUMNS:
            count, most = f"{_last_filled(cells):,}", limits.MAX_COLUMNS
            if headers is None:
                raise TableError(_("{name} has {count} columns; the most is {most}. Is this the "
                                   "right file?").format(name=name, count=count, most=most))
            raise TableError(_("{name}: row {row} has {count} columns; the most is {most}. Is "
                               "this the right file?").format(name=name, row=line, count=count,
                                                              most=most))
        if headers is None:
            cells[0] = cells[0].lstrip("\ufeff").strip()  # a second BOM pasted into the header
            headers, header_line = cells, line
        else:
            rows.append(RowData(line, cells))
    if headers is None:
        raise TableError(_("{name} has no header row: every row is empty").format(name=name))
    width = _last_filled(headers)
    for row in rows:
        width = max(width, _last_filled(row.cells))
    headers = (headers + [""] * width)[:width]
    squared = [RowData(row.line, (row.cells + [""] * width)[:width]) for row in rows]
    return Table(headers, squared, source_format, encoding, delimiter, header_line)


def _refuse_cell(name: str, line: int, index: int, cell: str, headers: list[str] | None) -> None:
    where = column_label(index, headers[index] if headers and index < len(headers) else "")
    if len(cell) > MAX_CELL_CHARS:
        raise TableError(_(
            "{name}: the cell in row {row}, column {column} holds {count} characters "
            "(the limit is {most}); is this the right file?").format(
                name=name, row=line, column=where, count=f"{len(cell):,}",
                most=f"{MAX_CELL_CHARS:,}"))
    raise TableError(_(
        "{name}: the cell in row {row}, column {column} runs over {count} lines: "
        "a quote mark (\") there is probably closed only much later. Check the quote marks in "
        "that row, save the file again and import it again; nothing was imported").format(
            name=name, row=line, column=where, count=f"{cell.count(chr(10)):,}"))


def _last_filled(cells: list[str]) -> int:
    """Index after the last non-empty cell: trailing empty cells are not columns."""
    for index in range(len(cells) - 1, -1, -1):
        if cells[index]:
            return index + 1
    return 0


def _read_xlsx(data: bytes, name: str) -> Table:
    """First worksheet of a workbook; formulas come back as their text, never evaluated."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            limits.check_zip_archive(archive, name)  # before anything is unpacked
            members = set(archive.namelist())
            mimetype = b""
            if "mimetype" in members:
                with archive.open("mimetype") as entry:
                    mimetype = entry.read(100)
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError) as exc:
        raise TableError(_("{name} looks like an Excel workbook but cannot be opened ({problem})")
                         .format(name=name, problem=exc)) from None
    if b"opendocument" in mimetype:
        raise TableError(_("{name} is an OpenDocument (LibreOffice) file; save it as .xlsx or .csv")
                         .format(name=name))
    if "xl/workbook.xml" not in members:
        raise TableError(_("{name} is a zip archive, not an Excel workbook; save the list as .xlsx "
                           "or .csv").format(name=name))

    import openpyxl  # imported here: only workbook imports pay for it

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for broken files
        raise TableError(_("{name} is a damaged or unsupported Excel workbook ({problem})").format(
            name=name, problem=exc)) from None
    try:
        if not book.worksheets:
            raise TableError(_("{name} has no worksheet").format(name=name))
        sheet = book.worksheets[0]
        sheet.reset_dimensions()  # trust the cells, not the stored (often wrong) size
        records = ((line, [_cell_text(v) for v in values])
                   for line, values in enumerate(sheet.iter_rows(min_row=1, values_only=True), 1))
        return _build(name, records, "xlsx", None, None)
    except TableError:
        raise
    except Exception as exc:
        raise TableError(_("{name} is a damaged or unsupported Excel workbook ({problem})").format(
            name=name, problem=exc)) from None
    finally:
        book.close()


def _cell_text(value: object) -> str:
    """Workbook value as the text a person sees: dates ISO, whole numbers without '.0'."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat()
        return value.isoformat(timespec="minutes" if value.second == 0 else "seconds")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    text = getattr(value, "text", None)  # ArrayFormula and friends
    return text if isinstance(text, str) else str(value)


def _vcard_table(text: str, name: str, encoding: str) -> Table:
    """vCards as rows under our own export's headers, so one mapping serves both."""
    cards, skipped = parse_vcards(text)
    if not cards:
        raise TableError(_("{name} starts like a vCard file but holds no contact").format(name=name))
    records = []
    for card in cards:
        first, last = card["n"].get("given") or None, card["n"].get("family") or None
        if not first and not last:
            first, last = split_full_name(card["fn"])
        address = card["addresses"][0] if card["addresses"] else {}
        street_lines = [s.strip() for s in address.get("street", "").splitlines() if s.strip()]
        line2 = ", ".join(street_lines[1:] + ([address["extended"]] if address.get("extended") else []))
        records.append((card["line"], [
            first or "", last or "", card["nickname"],
            card["emails"][0] if card["emails"] else "",
            card["phones"][0] if card["phones"] else "",
            street_lines[0] if street_lines else "", line2,
            address.get("locality", ""), address.get("postal_code", ""),
            "; ".join(card["categories"]), card["note"],
        ]))
    table = _build(name, [(0, list(VCARD_HEADERS)), *records], "vcard", encoding, None)
    return replace(table, skipped=tuple(skipped))
