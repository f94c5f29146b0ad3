"""Text helpers for matching and sorting names in any script."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager

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


def name_sort_key(last: str, first: str) -> tuple[str, str, str, str]:
    """Sort by surname then first name in the user's language (Żak after Zimmer in Polish),
    then as written, so "Lee" and "lee" keep one order."""
    if last.isascii() and first.isascii():  # most names: no language sorts plain letters differently
        return last.lower(), first.lower(), last, first
    language = sort_language()
    return collation_key(last, language), collation_key(first, language), last, first


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


# --- sorting names as a reader of the language expects (#21) --------------------------------
# Why our own small tailoring and not PyICU or pyuca: PyICU needs the ICU C library (no
# wheels for Windows or macOS on PyPI, so the bundles would have to build it); pyuca sorts by
# the default Unicode order, which puts Å with A and Ż with Z, exactly the bug. The letters a
# language sorts after their base letter are few and stable, so each tailoring is one line.
# Each listed letter sorts after its base letter and after the letters listed before it.
_AFTER: dict[str, dict[str, str]] = {
    "pl": {"ą": "a", "ć": "c", "ę": "e", "ł": "l", "ń": "n", "ó": "o", "ś": "s", "ź": "z", "ż": "z"},
    "sv": {"å": "z", "ä": "z", "æ": "z", "ö": "z", "ø": "z"},
    "fi": {"å": "z", "ä": "z", "æ": "z", "ö": "z", "ø": "z"},
    "da": {"æ": "z", "ä": "z", "ø": "z", "ö": "z", "å": "z"},
    "nb": {"æ": "z", "ä": "z", "ø": "z", "ö": "z", "å": "z"},
    "tr": {"ç": "c", "ğ": "g", "ı": "h", "ö": "o", "ş": "s", "ü": "u"},
    "cs": {"č": "c", "ř": "r", "š": "s", "ž": "z"},
    "sk": {"ä": "a", "č": "c", "ô": "o", "š": "s", "ž": "z"},
    "hu": {"ö": "o", "ő": "o", "ü": "u", "ű": "u"},
    "lt": {"č": "c", "š": "s", "ž": "z"}, "lv": {"č": "c", "ģ": "g", "ķ": "k", "ļ": "l", "ņ": "n",
                                                 "š": "s", "ž": "z"},
    "et": {"š": "s", "ž": "s", "õ": "w", "ä": "w", "ö": "w", "ü": "w"},
}
_AFTER["no"] = _AFTER["nn"] = _AFTER["nb"]
_LAST = "\x7f"  # sorts after every ASCII letter and before every other script


class _CollationTable(dict):
    """Per-character primary keys for one language: tailored letters become their base letter
    plus one ``\\x7f`` per place after it; Latin letters fold; other scripts keep their own order
    (a Cyrillic list sorts by its alphabet, not by a Latin spelling)."""

    def __init__(self, language: str) -> None:
        super().__init__()
        after = _AFTER.get(language, {})
        places: dict[str, int] = {}
        for letter, base in after.items():
            places[base] = places.get(base, 0) + 1
            self[ord(letter)] = base + _LAST * places[base]
            if letter.upper() != letter and len(letter.upper()) == 1:
                self[ord(letter.upper())] = self[ord(letter)]

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if char.isalpha() and not _is_latin(char):
            key = char.lower()
        else:
            decomposed = unicodedata.normalize("NFKD", char.lower())
            latin = "".join(_SPECIAL.get(c, c) for c in decomposed if not unicodedata.combining(c))
            key = _FOLD[code] if not latin.isascii() else latin
        self[code] = key
        return key


def _is_latin(char: str) -> bool:
    return "LATIN" in unicodedata.name(char, "") or char.isascii()


_COLLATION: dict[str, _CollationTable] = {}
_SORT_LANGUAGE: str | None = None
_COMPUTER_LANGUAGE: str | None = None  # told by the window (QLocale), where no LANG is set


def _code(language: str | None) -> str | None:
    return (language or "").split("_")[0].split("-")[0].split(".")[0].lower() or None


def set_computer_language(language: str | None) -> None:
    """The computer's language as the window knows it (QLocale: Windows and macOS set no LANG)."""
    global _COMPUTER_LANGUAGE
    _COMPUTER_LANGUAGE = _code(language)


def set_sort_language(language: str | None) -> None:
    """The language names sort in (a two-letter code); None follows the computer's locale."""
    global _SORT_LANGUAGE
    _SORT_LANGUAGE = _code(language)


def sort_language() -> str:
    """The chosen language, else the computer's (LC_ALL, LC_COLLATE, LANG, else what the
    window's QLocale says), else English."""
    if _PINNED_LANGUAGE:
        return _PINNED_LANGUAGE
    if _SORT_LANGUAGE:
        return _SORT_LANGUAGE
    import os

    for variable in ("LC_ALL", "LC_COLLATE", "LANG"):
        value = os.environ.get(variable, "")
        if value and value not in ("C", "POSIX") and not value.startswith("C."):
            return _code(value) or "en"
    if _COMPUTER_LANGUAGE:
        return _COMPUTER_LANGUAGE
    import locale

    found = locale.getlocale(locale.LC_COLLATE)[0] or ""
    return found.split("_")[0].lower() or "en"


_PINNED_LANGUAGE: str | None = None


@contextmanager
def one_sort_language() -> Iterator[str]:
    """Inside, ``sort_language()`` is looked up once: a list's 20,000 sort keys would otherwise
    read the environment 40,000 times (0.2 s on the UI thread, #14)."""
    global _PINNED_LANGUAGE
    outer = _PINNED_LANGUAGE
    _PINNED_LANGUAGE = language = sort_language()
    try:
        yield language
    finally:
        _PINNED_LANGUAGE = outer


def collation_key(text: str, language: str | None = None) -> str:
    """A key that sorts ``text`` as a reader of ``language`` expects (default: sort_language())."""
    if text.isascii():
        return text.lower()
    code = language or sort_language()
    table = _COLLATION.get(code)
    if table is None:
        table = _COLLATION.setdefault(code, _CollationTable(code))
    return text.translate(table)
