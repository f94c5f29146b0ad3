"""Small tidy-ups shared by the member and register parsers: names, e-mail, postcodes, addresses.

Why here: both importers must split "Name" columns, read e-mails and match
headers exactly the same way, or the same person would be two people.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass

# At least as strict as services.members.records.EMAIL_RE, so what passes here is accepted there.
_EMAIL = re.compile(r"[^@\s\"<>(),;:]+@[^@\s\"<>(),;:]+\.[^@\s\"<>(),;:.]+")
_ANGLE_EMAIL = re.compile(r".*<\s*([^<>\s]+@[^<>\s]+)\s*>\s*")
_UK_POSTCODE = re.compile(r"([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})")
_UK_POSTCODE_IN_TEXT = re.compile(r"\b[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}\b", re.IGNORECASE)
_US_ZIP_IN_TEXT = re.compile(r"\b\d{5}(?:-\d{4})?\b")
_POSTCODE_LIKE = re.compile(r"[A-Za-z0-9][A-Za-z0-9 \-]*")
_COUNTRIES = {
    "united kingdom", "uk", "gb", "great britain", "england", "scotland", "wales",
    "northern ireland", "ireland", "united states", "united states of america", "usa", "us",
}

MULTI_VALUE_SEPARATOR = " ::: "  # Google Contacts joins several values in one cell with this
_GOOGLE_SYSTEM_LABELS = {"mycontacts", "starred", "my contacts"}


def shorten(text: str, limit: int = 300) -> str:
    """At most ``limit`` characters: the start and the end kept, "…" between.

    Why the end too: a message's advice ("… use --map") comes last, and a file
    name or a cell quoted in the middle is what grows without bound.
    """
    if len(text) <= limit:
        return text
    tail = min(limit // 3, 120)
    return text[: limit - tail - 1] + "…" + text[len(text) - tail:]


def quoted(value: str, limit: int = 60) -> str:
    """A value from the file for a message: repr-quoted, cut to ``limit`` characters."""
    return repr(value if len(value) <= limit else value[: limit - 1] + "…")


_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def xml_safe(value: str | None) -> str | None:
    """Control characters XML cannot hold shown as their Unicode pictures (BEL -> ␇).

    Why: one BEL in a name made openpyxl refuse the whole workbook. The picture
    keeps what was there visible (nothing is silently lost); tab, CR and LF stay.
    """
    if not value or not _XML_ILLEGAL.search(value):
        return value
    return _XML_ILLEGAL.sub(lambda m: chr(0x2400 + ord(m.group())), value)


def looks_like_formula(text: str) -> bool:
    """A cell a spreadsheet would run as a formula: kept whole, never split or rewritten."""
    return text[:1] in ("=", "+", "-", "@")


def clean(value: str | None) -> str | None:
    """Stripped text, or None when there is nothing in it."""
    if value is None:
        return None
    value = value.strip()
    return value or None


def one_line(value: str | None) -> str | None:
    """Whitespace runs (including line breaks) collapsed to one space; None when empty."""
    if value is None:
        return None
    return " ".join(value.split()) or None


def first_value(value: str | None) -> str | None:
    """The first of several values Google joins with ' ::: ' (two phones, two e-mails)."""
    if value is None:
        return None
    return clean(value.split(":::", 1)[0])


def header_key(header: str) -> str:
    """Case-, space- and punctuation-insensitive key: 'E-mail 1 - Value' -> 'email1value'.

    '#' reads as 'no', so Eventbrite's US 'Order #' and UK 'Order no.' are one key.
    """
    return "".join(ch for ch in header.casefold().replace("#", "no") if ch.isalnum())


def column_label(index: int, header: str = "") -> str:
    """Spreadsheet-style column name for messages: 'C ("Notes")'."""
    letters = ""
    n = index + 1
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(65 + rest) + letters
    return f'{letters} ("{header}")' if header else letters


def split_full_name(full: str | None) -> tuple[str | None, str | None]:
    """'Aoife Nic Giolla Phádraig' -> ('Aoife', 'Nic Giolla Phádraig'); 'Cher' -> ('Cher', None).

    'Wróbel, Łukasz' (family name first, with a comma) is understood too.
    """
    full = one_line(full)
    if not full:
        return None, None
    if looks_like_formula(full):
        return full, None
    if full.count(",") == 1:
        last, first = (clean(part) for part in full.split(","))
        if first and last:
            return one_line(first), one_line(last)
    first, _, last = full.partition(" ")
    return first, clean(last)


def normalise_email(raw: str | None) -> str | None:
    """Lower-cased, stripped address; 'Name <a@b.org>' and 'mailto:' forms unwrapped."""
    value = clean(raw)
    if value is None:
        return None
    match = _ANGLE_EMAIL.fullmatch(value)
    if match:
        value = match[1]
    if value.lower().startswith("mailto:"):
        value = value[7:].strip()
    return value.lower() or None


def is_valid_email(email: str) -> bool:
    """Plausible address syntax (one @, a dot in the domain, no spaces, <= 254 chars)."""
    if len(email) > 254 or ".." in email or not _EMAIL.fullmatch(email):
        return False
    local, _, domain = email.rpartition("@")
    return len(local) <= 64 and not local.startswith(".") and not domain.startswith(".")


def tidy_postcode(raw: str | None) -> str | None:
    """Upper-case with single spaces ('ls6  1aa' -> 'LS6 1AA', 'bd71dp' -> 'BD7 1DP').

    Anything that is not made of letters, digits, spaces and hyphens (a formula,
    a note) is left exactly as it was: the importer never rewrites what it cannot read.
    """
    value = clean(raw)
    if value is None or not _POSTCODE_LIKE.fullmatch(value):
        return value
    value = " ".join(value.upper().split())
    match = _UK_POSTCODE.fullmatch(value.replace(" ", ""))
    return f"{match[1]} {match[2]}" if match else value


def split_tags(text: str | None, *, separator: str | None = None) -> tuple[str, ...]:
    """Tag names from one cell, duplicates (ignoring case) dropped, first spelling kept.

    With a ``separator`` (our own export: "; ") the cell is split on it and
    nothing else. Without, the cell's own style is recognised: Google labels
    ('* myContacts ::: Tenants'), Mailchimp ('"A","B"'), else ';' or ','; and
    Google's own labels (myContacts, starred) are dropped as not the group's tags.
    """
    text = clean(text)
    if text is None:
        return ()
    if looks_like_formula(text):
        parts = [text]
    elif separator is not None:
        parts = text.split(separator.strip() or separator)
    else:
        if ":::" in text:
            parts = text.split(":::")
        elif text.startswith('"'):
            parts = next(csv.reader([text], skipinitialspace=True), [])
        else:
            parts = text.split(";" if ";" in text else ",")
        parts = [_google_label(part) for part in parts]
    seen: dict[str, str] = {}
    for part in parts:
        name = one_line(part)
        if name and name.casefold() not in seen:
            seen[name.casefold()] = name
    return tuple(seen.values())


def _google_label(label: str) -> str:
    """'* myContacts' / '* starred' / 'System Group: ...' are Google's own, not the group's tags."""
    label = label.strip()
    if label.startswith("* "):
        label = label[2:].strip()
    if label.casefold() in _GOOGLE_SYSTEM_LABELS or label.casefold().startswith("system group:"):
        return ""
    return label


@dataclass(frozen=True)
class AddressParts:
    line1: str | None = None
    line2: str | None = None
    town: str | None = None
    postcode: str | None = None


def split_address(text: str | None, *, has_region: bool = False) -> AddressParts:
    """Read an address held in one cell (Google 'Formatted', Mailchimp 'Address', 'a, b, c').

    Parts are separated by line breaks, else two or more spaces (Mailchimp),
    else commas. A trailing country is dropped, the postcode/ZIP is found from
    the end, and with ``has_region`` (Mailchimp: addr1, addr2, city, state,
    zip, country) a county/state before it is dropped too.
    """
    text = clean(text)
    if text is None:
        return AddressParts()
    if looks_like_formula(text):
        return AddressParts(line1=text)
    if "\n" in text or "\r" in text:
        parts = text.splitlines()
    elif "  " in text:
        raw = text.split("  ")
        if has_region and len(raw) == 6:  # Mailchimp with every component, empty ones kept
            return AddressParts(clean(raw[0]), clean(raw[1]), clean(raw[2]), tidy_postcode(raw[4]))
        parts = re.split(r" {2,}", text)
    else:
        parts = text.split(",")
    parts = [p for p in (one_line(part.strip(" ,")) for part in parts) if p]
    if len(parts) > 1 and (parts[-1].casefold() in _COUNTRIES or re.fullmatch(r"[A-Z]{2}", parts[-1])):
        parts.pop()
    postcode = None
    for index in range(len(parts) - 1, -1, -1):
        match = _UK_POSTCODE_IN_TEXT.search(parts[index]) or _US_ZIP_IN_TEXT.search(parts[index])
        if match and (index > 0 or match.group() == parts[0]):  # not a house number in line 1
            postcode = tidy_postcode(match.group())
            rest = one_line((parts[index][: match.start()] + parts[index][match.end():]).strip(" ,"))
            parts[index: index + 1] = [rest] if rest else []
            break
    if has_region and len(parts) >= 3:
        parts.pop()
    if not parts:
        return AddressParts(postcode=postcode)
    if len(parts) == 1:
        return AddressParts(parts[0], None, None, postcode)
    middle = ", ".join(parts[1:-1]) or None
    return AddressParts(parts[0], middle, parts[-1], postcode)
