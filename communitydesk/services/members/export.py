"""Write members to CSV, XLSX or vCard, safe to open in a spreadsheet.

Why: a cell that starts with ``= + - @``, a tab or a CR is run as a formula by
Excel and LibreOffice (CSV injection). CSV text columns get a leading apostrophe
(the OWASP advice), while a phone such as ``+44 7700 900123`` is left readable;
XLSX stores text as string cells, which never run (``io/sheet_writer.neutralise``).
Only member fields are written: never one-to-one notes or anything confidential.
The columns are our own import format, so an export imports back unchanged.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from communitydesk.db.models import Member
from communitydesk.errors import UserError
from communitydesk.files import replacing
from communitydesk.i18n import _
from communitydesk.io.member_columns import OWN_EXPORT_COLUMNS
from communitydesk.io.sheet_writer import discard_workbook, neutralise, text_cells, workbook_bytes
from communitydesk.services.core.text import name_sort_key
from communitydesk.services.members.records import member_tag_names

FORMATS = ("csv", "xlsx", "vcf")
_NOT_TEXT = {"id", "joined_on", "consent_date", "consent_email", "consent_phone", "consent_post"}
_FIELDS = tuple(c for c in OWN_EXPORT_COLUMNS if c not in ("id", "tags"))


def format_for(path: str | os.PathLike[str], requested: str | None = None) -> str:
    """The format asked for, else the file's extension (.csv .xlsx .vcf/.vcard), else CSV."""
    if requested:
        if requested not in FORMATS:
            raise UserError(_("--format {value}: use one of {values}").format(
                value=repr(requested), values=", ".join(FORMATS)))
        return requested
    suffix = Path(path).suffix.lower().lstrip(".")
    return {"vcard": "vcf"}.get(suffix, suffix) if suffix in (*FORMATS, "vcard") else "csv"


def member_rows(session: Session, member_ids: Iterable[int] | None = None) -> list[dict[str, object]]:
    """Every member (or those ids) as a dict of the export columns, sorted by name."""
    columns = [getattr(Member, name) for name in _FIELDS]
    query = select(Member.id, *columns).where(Member.anonymised_at.is_(None))
    wanted = set(member_ids) if member_ids is not None else None
    tags = member_tag_names(session)
    rows = []
    for row in session.connection().execute(query):
        if wanted is not None and row[0] not in wanted:
            continue
        values: dict[str, object] = {"id": row[0], **dict(zip(_FIELDS, row[1:], strict=True))}
        values["status"] = getattr(values["status"], "value", values["status"])
        values["tags"] = list(tags.get(row[0], ()))
        rows.append(values)
    rows.sort(key=lambda v: (*name_sort_key(str(v["last_name"] or ""), str(v["first_name"])), v["id"]))
    return rows


def _cell(column: str, value: object, fmt: str = "csv") -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        value = "; ".join(value)
    text = str(value)
    return text if column in _NOT_TEXT else neutralise(text, fmt=fmt, column=column) or ""


def export_members(session: Session, path: str | os.PathLike[str], *, fmt: str | None = None,
                   member_ids: Iterable[int] | None = None) -> int:
    """Write the members to ``path``; return how many. Raises UserError if it cannot be written."""
    fmt = format_for(path, fmt)
    rows = member_rows(session, member_ids)
    target = Path(path)
    # All or nothing, owner-only: a full disk never leaves half a member list under the name.
    with replacing(target) as tmp:
        if fmt == "csv":
            _write_csv(tmp, rows)
        elif fmt == "xlsx":
            _write_xlsx(tmp, rows)
        else:
            tmp.write_text("".join(vcard(row) for row in rows), encoding="utf-8", newline="")
    return len(rows)


def _write_csv(target: Path, rows: list[dict[str, object]]) -> None:
    # UTF-8 with BOM: Excel on Windows then shows Ł and Ş instead of mojibake.
    with target.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(OWN_EXPORT_COLUMNS)
        for row in rows:
            writer.writerow([_cell(c, row.get(c)) for c in OWN_EXPORT_COLUMNS])


def _write_xlsx(target: Path, rows: list[dict[str, object]]) -> None:
    import openpyxl  # only exports to a workbook pay for it

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Members")
    sheet.append(list(OWN_EXPORT_COLUMNS))
    try:
        _append_members(sheet, rows)
    except BaseException:
        discard_workbook(book)  # a full temporary folder: no tracebacks from half-written streams
        raise
    target.write_bytes(workbook_bytes(book))


def _append_members(sheet: Any, rows: list[dict[str, object]]) -> None:
    for row in rows:
        cells: list[object] = []
        for column in OWN_EXPORT_COLUMNS:
            value = row.get(column)
            if column == "id" or (isinstance(value, date) and value is not None):
                cells.append(value)  # numbers and dates stay typed in a workbook
            else:
                cells.append(_cell(column, value, "xlsx"))
        sheet.append(text_cells(sheet, cells))



def _escape(text: str) -> str:
    """vCard text escapes; every line break (CR LF, a lone CR or LF) becomes ``\\n``: a raw
    CR ended the property, and the reader kept only "line one" of a note."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return (text.replace("\\", "\\\\").replace("\n", "\\n").replace(",", "\\,")
            .replace(";", "\\;"))


def _fold(line: str) -> str:
    """RFC 6350 3.2: lines of at most 75 octets, continued after CRLF + space, never cut
    inside a UTF-8 character (phones show "Å" cut in two as two question marks)."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    pieces, start, limit = [], 0, 75
    while len(data) - start > limit:
        cut = start + limit
        while data[cut] & 0xC0 == 0x80:  # a continuation byte: step back to the character start
            cut -= 1
        pieces.append(data[start:cut])
        start, limit = cut, 74  # the leading space of a continuation line counts
    pieces.append(data[start:])
    return "\r\n ".join(p.decode("utf-8") for p in pieces)


def vcard(row: dict[str, object]) -> str:
    """One vCard 3.0 (what phones and mail apps import), lines ending CRLF, folded at 75 octets."""
    def text(key: str) -> str:
        return _escape(str(row.get(key) or ""))

    first, last = text("first_name"), text("last_name")
    lines = ["BEGIN:VCARD", "VERSION:3.0",
             f"FN:{' '.join(p for p in (first, last) if p)}", f"N:{last};{first};;;"]
    if row.get("preferred_name"):
        lines.append(f"NICKNAME:{text('preferred_name')}")
    if row.get("email"):
        lines.append(f"EMAIL;TYPE=INTERNET:{text('email')}")
    if row.get("phone"):
        lines.append(f"TEL;TYPE=CELL:{text('phone')}")
    if any(row.get(k) for k in ("address_line1", "address_line2", "town", "postcode")):
        street = "\\n".join(_escape(str(row[k])) for k in ("address_line1", "address_line2")
                            if row.get(k))
        lines.append(f"ADR;TYPE=HOME:;;{street};{text('town')};;{text('postcode')};")
    if row.get("tags"):
        lines.append("CATEGORIES:" + ",".join(_escape(str(t)) for t in row["tags"]))  # type: ignore[union-attr]
    if row.get("notes"):
        lines.append(f"NOTE:{text('notes')}")
    lines.append("END:VCARD")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
