"""Turn the bytes of a text export into ``str`` the way Excel, Google and Mailchimp write them.

BOMs, UTF-16 and strict UTF-8 are told apart exactly. An 8-bit file (old Excel
"CSV (Comma delimited)" saves it in the machine's code page) is the hard case: a
Polish cp1250 export read as cp1252 turns "Łukasz" into "£ukasz" without an error.
So every 8-bit candidate is decoded and ranked (``io/encoding_guess.py``); when
two candidates read differently and equally well, we refuse to guess silently.
"""

from __future__ import annotations

import codecs
import re
from typing import NamedTuple

from communitydesk.i18n import N_, _
from communitydesk.io.encoding_guess import guess_8bit
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

_NOT_TEXT = N_(
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


class UnsureEncodingError(TableError):
    """Two 8-bit encodings read the file equally well and differently: the user must choose."""

    def __init__(self, message: str, candidates: tuple[str, ...]) -> None:
        super().__init__(message)
        self.candidates = candidates


def encoding_label(encoding: str) -> str:
    """'cp1250' -> 'cp1250 (Central European, Windows)' for choosers and messages."""
    return f"{encoding} ({_(ENCODING_NAMES[encoding])})" if encoding in ENCODING_NAMES else encoding


ENCODING_NAMES = {
    "utf-8": "Unicode", "utf-8-sig": "Unicode", "cp1252": N_("Western European, Windows"),
    "cp1250": N_("Central European, Windows"), "cp1251": N_("Cyrillic, Windows"),
    "cp1254": N_("Turkish, Windows"), "cp1257": N_("Baltic, Windows"),
    "mac_roman": N_("Western, old Mac"), "iso8859_2": N_("Central European, ISO"),
    "iso8859_5": N_("Cyrillic, ISO"), "iso8859_9": N_("Turkish, ISO"),
    "iso8859_13": N_("Baltic, ISO"), "iso8859_15": N_("Western European, ISO"), "utf-16-le": "Unicode",
    "utf-16-be": "Unicode",
}


class Decoded(NamedTuple):
    text: str
    encoding: str
    close: tuple[str, ...] = ()  # other code pages that read the file as well (a guess to check)


def decode_text(data: bytes, *, name: str, encoding: str | None = None,
                unsure_ok: bool = False) -> tuple[str, str]:
    """``(text, encoding)``: see :func:`decode`."""
    decoded = decode(data, name=name, encoding=encoding, unsure_ok=unsure_ok)
    return decoded.text, decoded.encoding


def decode(data: bytes, *, name: str, encoding: str | None = None,
           unsure_ok: bool = False) -> Decoded:
    """Decode an export to text; return ``(text, encoding)`` or raise ``TableError``.

    ``encoding`` (the user's choice, ``--encoding``) wins. Otherwise: a BOM; then
    UTF-16 without BOM; then strict UTF-8; then the best-reading 8-bit code page.
    When two code pages read the file equally well but differently, raise
    ``UnsureEncodingError`` naming them (unless ``unsure_ok``: the import preview
    shows the guess and a chooser instead). Binary content (NUL bytes, control
    characters) is refused rather than imported as garbage.
    """
    if encoding:
        return Decoded(_check_text(_decode_as(data, encoding, name), name), encoding)
    found = bom_encoding(data)
    if found is None and b"\x00" in data:
        guess = _utf16_without_bom(data)
        if guess is None:
            index = data.index(b"\x00")
            raise TableError(_(_NOT_TEXT).format(
                name=name, detail=_("it contains binary data (a NUL byte on line {line})").format(
                    line=_line_of(data, index))))
        found = (guess, 0)
    if found is not None:
        encoding, skip = found
        try:
            text = data[skip:].decode(encoding)
        except UnicodeDecodeError as exc:
            raise TableError(_(_NOT_TEXT).format(
                name=name, detail=_("it starts like {encoding} text but is not ({problem})").format(
                    encoding=encoding.upper(), problem=exc.reason))) from None
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as exc:
            guess = guess_8bit(data)
            if guess is None:
                detail = _("byte 0x{byte} on line {line} is not text").format(
                    byte=f"{data[exc.start]:02X}", line=_line_of(data, exc.start))
                raise TableError(_(_NOT_TEXT).format(name=name, detail=detail)) from None
            if guess.unsure and not unsure_ok:
                choices = _(" or ").join(encoding_label(c) for c in guess.close)
                raise UnsureEncodingError(_(
                    "{name}: cannot tell which text encoding it uses ({choices}): names would "
                    "come out wrong; choose one with --encoding {encoding} "
                    "(or save the file from Excel as \"CSV UTF-8\")").format(
                        name=name, choices=choices, encoding=guess.close[0]), guess.close) from None
            return Decoded(_check_text(guess.text, name), guess.encoding,
                           guess.close[1:] if guess.unsure else ())
    return Decoded(_check_text(text, name), encoding)


def _decode_as(data: bytes, encoding: str, name: str) -> str:
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise TableError(_("--encoding {encoding} is not a text encoding we know; try utf-8, "
                           "cp1250, cp1251, cp1252, cp1254, cp1257 or mac_roman").format(
                               encoding=repr(encoding))) from None
    skip = len(codecs.BOM_UTF8) if encoding.lower().replace("_", "-") in ("utf-8", "utf8") \
        and data.startswith(codecs.BOM_UTF8) else 0
    try:
        return data[skip:].decode(encoding)
    except UnicodeDecodeError as exc:
        raise TableError(_("{name} is not {encoding} text: byte 0x{byte} on line {line} is not a "
                           "character in {encoding}; choose another encoding").format(
                               name=name, encoding=encoding, byte=f"{data[exc.start]:02X}",
                               line=_line_of(data, exc.start))) from None


def _check_text(text: str, name: str) -> str:
    text = text.rstrip("\x1a")  # DOS end-of-file marker left by very old programs
    bad = _CONTROL.search(text)
    if bad:
        detail = _("it contains the control character U+{code} on line {line}").format(
            code=f"{ord(bad.group()):04X}", line=text.count(chr(10), 0, bad.start()) + 1)
        raise TableError(_(_NOT_TEXT).format(name=name, detail=detail))
    return text
