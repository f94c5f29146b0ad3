"""Text helpers for matching and sorting names in any script."""

from __future__ import annotations

import unicodedata

from anyascii import anyascii

_SPECIAL = {"ł": "l", "ı": "i", "ø": "o", "đ": "d", "ħ": "h", "ß": "ss"}
# Apostrophes people and phones type in names (O’Neill, Oʼ Brien) are one apostrophe.
_APOSTROPHES = {"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u02bb": "'", "\u00b4": "'"}


class _FoldTable(dict):
    """Per-character fold results, computed once: ``str.translate`` then runs at C speed."""

    def __missing__(self, code: int) -> str:
        if chr(code) in _APOSTROPHES:
            self[code] = _APOSTROPHES[chr(code)]
            return self[code]
        lowered = chr(code).lower()
        lowered = "".join(_SPECIAL.get(c, c) for c in lowered)
        decomposed = unicodedata.normalize("NFKD", lowered)
        folded = "".join(c for c in decomposed if not unicodedata.combining(c))
        if not folded.isascii() and unicodedata.category(chr(code))[0] == "L":
            # Letters of other scripts and æ/œ/þ: their Latin spelling (anyascii), so "Дмитрий"
            # meets "Dmitriy". Only letters: anyascii writes an emoji as ":grinning:", a word.
            folded = anyascii(lowered).lower() or folded  # "й" is "y", not "и" unaccented
        if folded != chr(code):  # "ℌ" decomposes to "H": fold what it became, so fold(fold(x)) == fold(x)
            folded = "".join(self[ord(c)] if ord(c) != code else c for c in folded)
        self[code] = folded
        return folded


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """Lower-case, strip accents and spell other scripts in Latin letters, so "lukasz" finds
    "Łukasz", "sukru" finds "Şükrü", "dmitriy" finds "Дмитрий" and O’Neill meets O'Neill.

    Plain ASCII (most names and every email) needs only ``lower()``, which is
    many times faster than the per-character table; the result is the same.
    """
    return text.lower() if text.isascii() else text.translate(_FOLD)


def name_sort_key(last: str, first: str) -> tuple[str, str]:
    return fold(last), fold(first)


def search_words(text: str | None) -> list[str]:
    """What a search box holds, as folded words: every word must be found for a row to match."""
    return fold(text or "").split()


def search_text(*parts: str | None) -> str:
    """One folded haystack from a row's fields (blank fields skipped), to test words against."""
    return fold(" ".join(p for p in parts if p))


def matches(words: list[str], haystack: str) -> bool:
    """True when every folded word is in the folded haystack (the rule of every search box)."""
    return all(w in haystack for w in words)


_CONTROL = {c: f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}"
            for c in (*range(0x20), 0x7F, *range(0x80, 0xA0), 0x2028, 0x2029)}


def has_control_characters(text: str) -> bool:
    """ESC, BEL, CR, LF and friends: never part of a name, and a terminal would act on them."""
    return any(c in _CONTROL for c in map(ord, text))


def printable(text: str) -> str:
    """Show stored control characters as escapes (``\\x1b``) so printing them acts on nothing."""
    return text.translate(_CONTROL)


def strip_control_characters(text: str) -> str:
    """Drop control characters (a tag read from a file keeps its letters, loses a stray BEL)."""
    return "".join(c for c in text if ord(c) not in _CONTROL)


LIKE_ESCAPE = "\\"


def like_contains(text: str) -> str:
    """A LIKE pattern finding ``text`` anywhere, with the user's ``%``, ``_`` and ``\\`` taken
    literally (use with ``escape=LIKE_ESCAPE``): a search for "%" must not match every row."""
    escaped = (text.replace(LIKE_ESCAPE, LIKE_ESCAPE * 2).replace("%", LIKE_ESCAPE + "%")
               .replace("_", LIKE_ESCAPE + "_"))
    return f"%{escaped}%"
