"""Write tables a treasurer opens in Excel or LibreOffice: CSV and XLSX, streamed.

Why one place: every export must neutralise text that a spreadsheet would run
as a formula (``= + - @``, tab, CR at the start) while numbers and dates stay
real numbers and dates, and must never leave half a file behind (written to a
temporary file, moved into place only when complete).
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import re
import tempfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from communitydesk.errors import UserError
from communitydesk.files import PART_SUFFIX, sync_folder, temporary_name, write_failed
from communitydesk.i18n import _
from communitydesk.io.text import xml_safe

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
PERCENT_FORMAT = "0.0%"
FORMATS = ("csv", "xlsx")


_PHONE_LIKE = re.compile(r"\+?[0-9 ()\-.]{3,}(?:\s*(?:ext\.?|x)\s*\d+)?")


def neutralise(value: str | None, *, fmt: str = "csv", column: str = "") -> str | None:
    """The one rule for text a spreadsheet would run as a formula (``= + - @``, tab, CR first).

    CSV has no cell types, so a ``'`` goes in front (the OWASP advice; a readable phone such
    as ``+44 7700 900123`` in the phone column stays as it is). XLSX keeps the text exactly:
    the writers store it as a string cell (see :func:`text_cells`), which Excel never runs,
    so no apostrophe shows ("'-5 Smith").
    """
    value = xml_safe(value)  # a BEL in a name made every XLSX export fail
    if not value or not value.startswith(FORMULA_STARTS) or fmt == "xlsx":
        return value
    if column == "phone" and _PHONE_LIKE.fullmatch(value):
        return value
    return "'" + value


def safe_text(value: str | None) -> str | None:
    """Text for a workbook cell (the funder workbook): :func:`neutralise` for XLSX; the
    workbook is saved through :func:`workbook_bytes`, which keeps "=..." a string cell."""
    return neutralise(value, fmt="xlsx")


def text_cells(sheet: Any, row: Sequence[Any]) -> list[Any]:
    """A write-only row where text starting with ``=`` is a string cell, not a formula
    (openpyxl reads "=..." as a formula; every other text is a string cell already)."""
    out = list(row)
    for i, value in enumerate(out):
        if isinstance(value, str) and value[:1] == "=":
            out[i] = string_cell(sheet, value)
    return out


def string_cell(sheet: Any, value: str) -> Any:
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    return cell


def check_format(fmt: str | None, path: Path) -> str:
    """The format asked for, else the file's extension, else CSV."""
    chosen = (fmt or path.suffix.lstrip(".") or "csv").lower()
    if chosen not in FORMATS:
        raise UserError(_("--format: {value} is not one of {values}").format(
            value=repr(chosen), values=", ".join(FORMATS)))
    return chosen


class TableWriter:
    """One table to one file. ``write_row`` takes plain values (str, int, float, date, datetime).

    Text cells must already be passed through :func:`neutralise` (callers do that
    once per distinct name, not once per row). Column ``kinds`` give XLSX number
    formats: "date", "datetime", "percent" or "" for as-is.
    """

    def __init__(self, path: Path, fmt: str, *, sheet_title: str = "Attendance",
                 headers: Sequence[str], kinds: Sequence[str] = ()) -> None:
        self.path = Path(path)
        self.fmt = fmt
        self.rows_written = 0
        parent = self.path.parent if str(self.path.parent) else Path(".")
        if not parent.is_dir():
            raise UserError(_("{file}: the folder {folder} does not exist").format(
                file=self.path, folder=parent))
        try:  # private (0600) temporary file beside the target, moved into place when complete
            fd, tmp = tempfile.mkstemp(prefix=temporary_name(self.path), suffix=PART_SUFFIX, dir=parent)
        except OSError as exc:
            raise write_failed(self.path, exc) from exc
        os.close(fd)
        self._tmp = Path(tmp)
        self._kinds = list(kinds) + [""] * (len(headers) - len(kinds))
        if fmt == "csv":
            self._handle = open(self._tmp, "w", encoding="utf-8-sig", newline="")  # noqa: SIM115
            self._csv = csv.writer(self._handle)
            self._csv.writerow(headers)
        else:
            from openpyxl import Workbook

            self._book = Workbook(write_only=True)
            self._sheet = self._book.create_sheet(sheet_title)
            self._sheet.append(list(headers))
            self._styled = [i for i, k in enumerate(self._kinds) if k]

    def write_rows(self, rows: Iterable[Sequence[Any]]) -> None:
        """Rows of typed values; CSV gets ISO dates, XLSX real dates with a format."""
        if self.fmt == "csv":
            self._csv.writerows(_csv_row(r) for r in rows)
            return
        for row in rows:
            self._sheet.append(xlsx_row(self._sheet, row, self._kinds, self._styled))

    def write_plain_rows(self, rows: Iterable[Sequence[Any]]) -> None:
        """CSV fast path: rows whose values are already strings/numbers/None."""
        if self.fmt == "csv":
            self._csv.writerows(rows)
        else:
            self.write_rows(rows)

    def close(self) -> None:
        """Move the finished file into place (flushed to disk first)."""
        try:
            if self.fmt == "csv":
                self._handle.close()
            else:
                self._tmp.write_bytes(workbook_bytes(self._book))
            fd = os.open(self._tmp, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
            os.replace(self._tmp, self.path)
        except OSError as exc:
            self.abort()
            raise write_failed(self.path, exc) from exc
        except BaseException:
            self.abort()
            raise
        sync_folder(self.path.parent if str(self.path.parent) else Path("."))

    def abort(self) -> None:
        """Drop the unfinished file (cancel or error): nothing half-written is left."""
        if self.fmt != "csv":
            discard_workbook(self._book)
        try:
            if self.fmt == "csv":
                with contextlib.suppress(OSError):  # a full disk fails the final flush too
                    self._handle.close()
        finally:
            self._tmp.unlink(missing_ok=True)

    def __enter__(self) -> TableWriter:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:  # noqa: ANN001
        if exc_type is None:
            self.close()
            return
        self.abort()
        if isinstance(exc, OSError):  # the disk filled up while writing rows
            raise write_failed(self.path, exc) from exc


def workbook_bytes(book: Any) -> bytes:
    """The workbook as bytes: openpyxl writing straight to a full disk left a half-closed
    ZIP that printed tracebacks when collected; a disk error now comes from one plain write."""
    buffer = io.BytesIO()
    if not getattr(book, "write_only", False):
        _no_formulas(book)
    try:
        book.save(buffer)
    except BaseException:
        discard_workbook(book)
        raise
    return buffer.getvalue()


def _no_formulas(book: Any) -> None:
    """We never write formulas: a text that starts with "=" (a name, a title) is a string cell."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"


def discard_workbook(book: Any) -> None:
    """After a disk error, close openpyxl's write-only streams quietly.

    Each write-only sheet streams rows through generators into a temporary
    file; left suspended, they try to write again when collected and print a
    traceback under the one-line error.
    """
    for sheet in getattr(book, "_sheets", []):
        writer = getattr(sheet, "_writer", None)
        for stream in (getattr(sheet, "_rows", None), getattr(writer, "xf", None)):
            if stream is not None:
                with contextlib.suppress(Exception):
                    stream.close()


def _csv_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    return value


def _csv_row(row: Sequence[Any]) -> list[Any]:
    return [_csv_value(v) for v in row]


def xlsx_row(sheet: Any, row: Sequence[Any], kinds: Sequence[str], styled: Sequence[int]) -> list:
    """Typed cells for a write-only sheet: number formats only where a column needs one."""
    out = text_cells(sheet, row)
    if not styled:
        return out
    from openpyxl.cell import WriteOnlyCell

    for i in styled:
        value = out[i]
        if value is None or value == "":
            continue
        cell = WriteOnlyCell(sheet, value=value)
        kind = kinds[i]
        cell.number_format = (
            DATE_FORMAT if kind == "date" else DATETIME_FORMAT if kind == "datetime"
            else PERCENT_FORMAT if kind == "percent" else "General"
        )
        out[i] = cell
    return out
