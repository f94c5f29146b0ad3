"""Turn the bytes of a text export into ``str`` the way Excel, Google and Mailchimp write them.

Why not a guessing library: the encodings people actually bring are few and can
be told apart exactly (BOMs, strict UTF-8), and Windows-1252 is the only
sensible fallback for old Excel "CSV (Comma delimited)" files in the UK/US.
"""

from __future__ import annotations

import codecs
import re

from communitydesk.io.errors import TableError

# Longest first: the UTF-32 LE BOM starts with the UTF-16 LE one.
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Control characters never seen in a real table (tab, CR, LF, VT and FF are allowed).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")

_NOT_TEXT = (
    "{name} does not look like a CSV or spreadsheet file: {detail}. "
    "If it is a spreadsheet, save it as .xlsx or .csv and try again"
)


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    """The encoding announced by a byte-order mark and the BOM's length, if any."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'-be' when the bytes look like mostly-ASCII UTF-16 with no BOM."""
    head = data[:4096]
    if len(data) % 2 or len(head) < 4:
        return None
    even_zeros = head[0::2].count(0)
    odd_zeros = head[1::2].count(0)
    pairs = len(head) // 2
    if odd_zeros > pairs * 0.6 and even_zeros < pairs * 0.05:
        return "utf-16-le"
    if even_zeros > pairs * 0.6 and odd_zeros < pairs * 0.05:
        return "utf-16-be"
    return None


def _line_of(data: bytes, index: int) -> int:
    return data.count(b"\n", 0, index) + 1


def decode_text(data: bytes, *, name: str) -> tuple[str, str]:
    """Decode an export to text; return ``(text, encoding)`` or raise ``TableError``.

    Order: a BOM wins; then UTF-16 without BOM; then strict UTF-8; then
    Windows-1252. Binary content (NUL bytes, control characters) is refused
    rather than imported as garbage.
    """
    found = bom_encoding(data)
    if found is None and b"\x00" in data:
        guess = _utf16_without_bom(data)
        if guess is None:
            index = data.index(b"\x00")
            raise TableError(_NOT_TEXT.format(
                name=name, detail=f"it contains binary data (a NUL byte on line {_line_of(data, index)})"))
        found = (guess, 0)
    if found is not None:
        encoding, skip = found
        try:
            text = data[skip:].decode(encoding)
        except UnicodeDecodeError as exc:
            raise TableError(_NOT_TEXT.format(
                name=name, detail=f"it starts like {encoding.upper()} text but is not ({exc.reason})")) from None
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            try:
                text, encoding = data.decode("cp1252"), "cp1252"
            except UnicodeDecodeError as exc:
                detail = f"byte 0x{data[exc.start]:02X} on line {_line_of(data, exc.start)} is not text"
                raise TableError(_NOT_TEXT.format(name=name, detail=detail)) from None
    text = text.rstrip("\x1a")  # DOS end-of-file marker left by very old programs
    bad = _CONTROL.search(text)
    if bad:
        detail = (f"it contains the control character U+{ord(bad.group()):04X} "
                  f"on line {text.count(chr(10), 0, bad.start()) + 1}")
        raise TableError(_NOT_TEXT.format(name=name, detail=detail))
    return text, encoding
