"""Read contacts from vCard 2.1 / 3.0 / 4.0 text, the "export contacts" format of phones and mail apps.

Why our own reader: only a handful of properties matter to a member list
(FN, N, NICKNAME, EMAIL, TEL, ADR, NOTE, CATEGORIES), and the parts that break
naive readers are small: folded lines, escaped commas and semicolons, quoted
parameters, and vCard 2.1's quoted-printable values with a CHARSET and "=" soft line breaks. Everything else (PHOTO, X-... properties) is skipped unread.
"""

from __future__ import annotations

import quopri
import re
from dataclasses import dataclass
from typing import TypedDict

from communitydesk.io.encoding import bom_encoding

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_N_PARTS = ("family", "given", "additional", "prefix", "suffix")
_ADR_PARTS = ("po_box", "extended", "street", "locality", "region", "postal_code", "country")


class VCard(TypedDict):
    """One contact. ``line`` is the line of its BEGIN:VCARD; lists are preferred-first."""

    line: int
    version: str
    fn: str
    n: dict[str, str]  # family, given, additional, prefix, suffix
    nickname: str
    emails: list[str]
    phones: list[str]
    addresses: list[dict[str, str]]  # po_box, extended, street, locality, region, postal_code, country
    note: str
    categories: list[str]


@dataclass(frozen=True)
class SkippedCard:
    """A card that could not be read as a contact of its own: reported, never dropped silently."""

    line: int
    reason: str


def is_vcard(data: bytes | str) -> bool:
    """True when the file starts (after any BOM and blank lines) with BEGIN:VCARD."""
    if isinstance(data, bytes):
        head = data[:4096]
        found = bom_encoding(head)
        data = head[found[1]:].decode(found[0], errors="ignore") if found else head.decode("latin-1")
    return data[:4096].lstrip("\ufeff \t\r\n").upper().startswith("BEGIN:VCARD")


def read_vcards(text: str) -> list[VCard]:
    """Every contact in the text, in file order; malformed lines are skipped, not fatal."""
    return parse_vcards(text)[0]


def parse_vcards(text: str) -> tuple[list[VCard], list[SkippedCard]]:
    """Contacts in file order, and the cards found inside another card (not imported).

    A BEGIN:VCARD inside a card is usually an END:VCARD missing before it; which
    lines belong to which person is then a guess, so those cards are reported
    with their line for the person to fix, instead of vanishing.
    """
    cards: list[VCard] = []
    skipped: list[SkippedCard] = []
    card: _CardBuilder | None = None
    depth = 0
    for line_no, line in _unfolded(text):
        parsed = _split_property(line)
        if parsed is None:
            continue
        name, params, value = parsed
        if name == "BEGIN" and value.strip().upper() == "VCARD":
            depth += 1
            if depth == 1:
                card = _CardBuilder(line_no)
            elif card is not None:
                skipped.append(SkippedCard(line_no, (
                    f"this contact card starts inside the card of line {card.card['line']} "
                    "(is an END:VCARD missing before it?), so it was not imported; "
                    "fix the file and import it again")))
            continue
        if name == "END" and value.strip().upper() == "VCARD":
            depth = max(depth - 1, 0)
            if depth == 0 and card is not None:
                cards.append(card.finish())
                card = None
            continue
        if card is not None and depth == 1:
            card.apply(name, params, value)
    if card is not None:  # a missing END:VCARD at the end of the file
        cards.append(card.finish())
    return cards, skipped


def _unfolded(text: str) -> list[tuple[int, str]]:
    """Logical lines with the file line each starts on (a leading space/tab continues a line).

    The pieces of a folded line are joined once at the end: adding them one by one
    was quadratic, and a card of 300,000 continuation lines ran for minutes.
    """
    lines: list[tuple[int, str]] = []
    start, pieces = 0, None
    for number, raw in enumerate(_LINE_BREAK.split(text), start=1):
        if pieces is not None and pieces[-1].endswith("=") and _is_quoted_printable(pieces[0]):
            pieces[-1] = pieces[-1][:-1]  # vCard 2.1 soft line break: "=" at the end joins
            pieces.append(raw)            # the next line, which has no leading space
        elif raw[:1] in (" ", "\t") and pieces is not None:
            pieces.append(raw[1:])
        elif raw.strip():
            if pieces is not None:
                lines.append((start, "".join(pieces)))
            start, pieces = number, [raw]
    if pieces is not None:
        lines.append((start, "".join(pieces)))
    return lines


def _is_quoted_printable(first_piece: str) -> bool:
    head = first_piece.partition(":")[0].upper()
    return "QUOTED-PRINTABLE" in head


def _decode_quoted_printable(value: str, params: dict[str, list[str]]) -> str:
    """vCard 2.1 (Android's export): "=C5=81ukasz" is the bytes of "Łukasz" in the CHARSET
    parameter (UTF-8 when none); a CHARSET we do not know is read as UTF-8 with
    replacement characters rather than dropped."""
    data = quopri.decodestring(value.encode("utf-8"))
    charset = (params.get("CHARSET") or ["utf-8"])[0]
    try:
        text = data.decode(charset)
    except (LookupError, UnicodeDecodeError):
        text = data.decode("utf-8", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")  # =0D=0A is one line break


def _split_unquoted(text: str, separator: str) -> list[str]:
    parts, current, quoted = [], [], False
    for ch in text:
        if ch == '"':
            quoted = not quoted
        if ch == separator and not quoted:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return parts


def _unquoted_colon(line: str) -> int:
    """Index of the ':' ending the name and parameters (parameters may quote a ':')."""
    quoted = False
    for index, ch in enumerate(line):
        if ch == '"':
            quoted = not quoted
        elif ch == ":" and not quoted:
            return index
    return -1


def _split_property(line: str) -> tuple[str, dict[str, list[str]], str] | None:
    """'item1.TEL;TYPE="cell,pref":+44…' -> ('TEL', {'TYPE': ['cell', 'pref']}, '+44…')."""
    colon = _unquoted_colon(line)
    if colon < 0:
        return None
    head, value = line[:colon], line[colon + 1:]
    pieces = _split_unquoted(head, ";")
    name = pieces[0].rsplit(".", 1)[-1].strip().upper()
    params: dict[str, list[str]] = {}
    for piece in pieces[1:]:
        key, sep, values = piece.partition("=")
        if not sep:  # vCard 2.1 style bare type: TEL;CELL:...
            key, values = "TYPE", piece
        params.setdefault(key.strip().upper(), []).extend(
            v.strip().strip('"') for v in _split_unquoted(values, ","))
    if any(v.upper() in ("QUOTED-PRINTABLE", "QP") for v in params.get("ENCODING", [])
           + params.get("TYPE", [])):
        value = _decode_quoted_printable(value, params)
    return name, params, value


def _split_escaped(value: str, separator: str) -> list[str]:
    """Split on separators that are not backslash-escaped, keeping the escapes for later."""
    parts, current, escaped = [], [], False
    for ch in value:
        if escaped:
            current.append("\\" + ch)
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == separator:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    if escaped:
        current.append("\\")
    parts.append("".join(current))
    return parts


def _unescape(value: str) -> str:
    r"""'\n' -> line break, '\,' -> ',', '\;' -> ';', '\\' -> '\'."""
    return re.sub(r"\\(.)", lambda m: "\n" if m[1] in "nN" else m[1], value, flags=re.DOTALL)


def _text(value: str) -> str:
    return _unescape(value).strip()


def _structured(value: str, names: tuple[str, ...], joiner: str) -> dict[str, str]:
    """N / ADR: ';'-separated components, each maybe a ','-list of values."""
    components = _split_escaped(value, ";")
    out = {}
    for name, component in zip(names, components, strict=False):
        values = [_text(v) for v in _split_escaped(component, ",")]
        out[name] = joiner.join(v for v in values if v)
    return out


def _preference(params: dict[str, list[str]]) -> int:
    """Lower is more preferred: vCard 4 PREF=1..100, vCard 3 TYPE=pref."""
    for value in params.get("PREF", []):
        if value.isdigit():
            return int(value)
    if any(t.lower() == "pref" for t in params.get("TYPE", [])):
        return 1
    return 101


class _CardBuilder:
    """Collects one card's properties; several e-mails/phones/addresses are ranked by preference."""

    def __init__(self, line: int) -> None:
        self.card = VCard(line=line, version="", fn="", n={}, nickname="", emails=[], phones=[],
                          addresses=[], note="", categories=[])
        self.emails: list[tuple[int, str]] = []
        self.phones: list[tuple[int, str]] = []
        self.addresses: list[tuple[int, dict[str, str]]] = []

    def apply(self, name: str, params: dict[str, list[str]], value: str) -> None:
        card = self.card
        if name == "VERSION":
            card["version"] = value.strip()
        elif name == "FN":
            card["fn"] = " ".join(_text(value).split())
        elif name == "N":
            card["n"] = _structured(value, _N_PARTS, " ")
        elif name == "NICKNAME":
            card["nickname"] = next((_text(v) for v in _split_escaped(value, ",") if v.strip()), "")
        elif name == "NOTE":
            card["note"] = _text(value)
        elif name == "CATEGORIES":
            card["categories"] += [t for t in (_text(v) for v in _split_escaped(value, ",")) if t]
        elif name in ("EMAIL", "TEL"):
            text = _text(value)
            for prefix in ("tel:", "mailto:"):
                if text.lower().startswith(prefix):
                    text = text[len(prefix):].strip()
            if text:
                (self.emails if name == "EMAIL" else self.phones).append((_preference(params), text))
        elif name == "ADR":
            address = _structured(value, _ADR_PARTS, ", ")
            address["street"] = _street(value)
            if any(address.values()):
                self.addresses.append((_preference(params), address))

    def finish(self) -> VCard:
        """The card with e-mails, phones and addresses preferred-first (ties in file order)."""
        self.card["emails"] = [v for _, v in sorted(self.emails, key=lambda item: item[0])]
        self.card["phones"] = [v for _, v in sorted(self.phones, key=lambda item: item[0])]
        self.card["addresses"] = [a for _, a in sorted(self.addresses, key=lambda item: item[0])]
        return self.card


def _street(value: str) -> str:
    """The street component keeps its line breaks (flat / building / street)."""
    components = _split_escaped(value, ";")
    if len(components) < 3:
        return ""
    return "\n".join(_text(v) for v in _split_escaped(components[2], ",") if _text(v))
