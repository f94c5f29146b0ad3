"""Which 8-bit code page an export was saved in, judged by whether its names read as names.

Why our own ranking on top of ``charset-normalizer``: a member list is short words
in several languages, too little text for statistics; charset-normalizer ranks
"Łukasz Wiśniewski" saved as cp1250 as cp1252 ("£ukasz Wiœniewski"). A decoding
is right when every word's letters belong to one language's alphabet that the
code page was made for, and no word holds a symbol such as "£" or "Ÿ" mid-name.
Ties are broken by the machine's own code page, then cp1252, then charset-normalizer.
"""

from __future__ import annotations

import locale
import re
import unicodedata
from dataclasses import dataclass

# Lower-case letters beyond ASCII each language uses (upper case is derived).
_ALPHABETS: dict[str, str] = {
    "polish": "ąćęłńóśźż", "czech": "áčďéěíňóřšťúůýž", "slovak": "áäčďéíĺľňóôŕšťúýž",
    "hungarian": "áéíóöőúüű", "croatian": "čćđšž", "slovene": "čšž", "romanian": "ăâîșțşţ",
    "german": "äöüß", "french": "àâæçéèêëîïôœùûüÿ", "spanish": "áéíñóúü",
    "portuguese": "áâãàçéêíóôõú", "italian": "àèéìíîòóùú", "irish": "áéíóú",
    "welsh": "âêîôûäëïöüÿáéíóú", "nordic": "åäæöøéü", "icelandic": "áðéíóúýþæö",
    "finnish": "äöåšž", "estonian": "äöõüšž", "turkish": "çğıöşüâîû",
    "lithuanian": "ąčęėįšųūž", "latvian": "āčēģīķļņšūž",
    "cyrillic": "абвгдеёжзийклмнопрстуфхцчшщъыьэюяєіїґўђјљњћџѓќѕ",
}
# The languages each code page was made for (a Polish name is never meant in cp1252).
_LATIN1 = ("german", "french", "spanish", "portuguese", "italian", "irish", "welsh", "nordic",
           "icelandic", "finnish")
_CENTRAL = ("polish", "czech", "slovak", "hungarian", "croatian", "slovene", "romanian", "german")
_LANGUAGES: dict[str, tuple[str, ...]] = {
    "cp1252": _LATIN1, "iso8859_15": _LATIN1, "mac_roman": _LATIN1, "cp1250": _CENTRAL,
    "iso8859_2": _CENTRAL, "cp1251": ("cyrillic",), "iso8859_5": ("cyrillic",),
    "cp1254": ("turkish", *_LATIN1), "iso8859_9": ("turkish", *_LATIN1),
    "cp1257": ("lithuanian", "latvian", "estonian", "polish", "german", "nordic"),
    "iso8859_13": ("lithuanian", "latvian", "estonian", "polish", "german", "nordic"),
}
CANDIDATES = tuple(_LANGUAGES)
_SETS = {lang: frozenset(letters + letters.upper() + ("İ" if lang == "turkish" else ""))
         for lang, letters in _ALPHABETS.items()}
_WORD = re.compile(r"[^\s,;\t\"'()/.@:\-]+")


@dataclass(frozen=True)
class Guess:
    """The best reading, and the encodings that read it as well but differently (``close``)."""

    encoding: str
    text: str
    close: tuple[str, ...]

    @property
    def unsure(self) -> bool:
        return len(self.close) > 1


_UPPER_AFTER_LOWER = re.compile(r"[a-z\u00e0-\u024f\u0430-\u045f][^\x00-\x7f]")


def _fits(word: str, extra: set[str], lang: str) -> bool:
    if not extra <= _SETS[lang]:
        return False
    # Cyrillic has no ASCII letters: "Zoл" is a Latin name read in the wrong code page.
    return lang != "cyrillic" or not any(c.isascii() and c.isalpha() for c in word)


def _score(text: str, languages: tuple[str, ...]) -> tuple[int, int]:
    """(words that do not read as a name, languages needed to read all the others).

    A word reads as a name when its letters beyond ASCII are all in one language's
    alphabet and no capital follows a small letter ("ZoÎ", "£ódŸ" do not). Fewer
    languages is better: a Turkish list read as Baltic needs Polish, Estonian and Latvian.
    """
    bad = 0
    fitting: list[set[str]] = []
    for word in _WORD.findall(text):
        if word.isascii():
            continue
        extra = {c for c in word if ord(c) > 127}
        if any(unicodedata.category(c) == "Cc" for c in extra):
            bad += 1  # ISO-8859 reads cp1252's "€" and quotes as control characters
            continue
        if not any(c.isalpha() for c in word):
            continue  # "€" or "£5" alone is a price, not a name read wrong
        langs = {lang for lang in languages if _fits(word, extra, lang)}
        upper_inside = any(m.group()[1].isupper() for m in _UPPER_AFTER_LOWER.finditer(word))
        if not langs or upper_inside or not all(c.isalpha() for c in extra):
            bad += 1
        else:
            fitting.append(langs)
    needed = 0
    while fitting:  # greedy cover: the language reading most of the words left, then the next
        best = max(languages, key=lambda lang: sum(lang in f for f in fitting))
        fitting = [f for f in fitting if best not in f]
        needed += 1
    return bad, needed


def _breadth(text: str, languages: tuple[str, ...]) -> int:
    """How many (word, language) pairs read as names: real names read in their own code page
    fit several related languages each ("José" is French, Spanish, Portuguese…), while the
    same bytes read in a wrong one fit one language each, if any ("Seįn", "Garcķa")."""
    total = 0
    for word in set(_WORD.findall(text)):
        if word.isascii():
            continue
        extra = {c for c in word if ord(c) > 127}
        if all(c.isalpha() for c in extra):
            total += sum(1 for lang in languages if _fits(word, extra, lang))
    return total


def _clearly_better(best: int, other: int) -> bool:
    """A tie on the score is settled only by a wide margin: one "Zoë" stays a question."""
    return best >= 3 * other and best - other >= 6


def _machine_code_page() -> str | None:
    found = locale.getpreferredencoding(False).lower().replace("-", "")
    return {"cp1252": "cp1252", "cp1250": "cp1250", "cp1251": "cp1251", "cp1254": "cp1254",
            "cp1257": "cp1257", "macroman": "mac_roman"}.get(found)


def guess_8bit(data: bytes) -> Guess | None:
    """The code page whose reading has the most words that are names; None if none decodes."""
    readings: dict[str, tuple[str, tuple[int, int]]] = {}  # encoding -> (text, score)
    for encoding in CANDIDATES:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        readings[encoding] = (text, _score(text, _LANGUAGES[encoding]))
    if not readings or all(score[0] and not score[1] for _text, score in readings.values()):
        return None  # no reading has a single word that is a name: binary, not a table
    preference = _preference(data, list(readings))
    ranked = sorted(readings, key=lambda e: (readings[e][1], preference.index(e)))
    best = ranked[0]
    best_text, best_score = readings[best]
    close = [best]
    best_breadth = _breadth(best_text, _LANGUAGES[best])
    for other in ranked[1:]:
        text, score = readings[other]
        if score == best_score and text != best_text and text not in (readings[c][0] for c in close) \
                and not _clearly_better(best_breadth, _breadth(text, _LANGUAGES[other])):
            close.append(other)
    return Guess(best, best_text, tuple(close))


def _preference(data: bytes, encodings: list[str]) -> list[str]:
    """Tie-break order: the machine's code page, then cp1252 (what Excel in the UK and US
    writes), then charset-normalizer's ranking, then ours."""
    order: list[str] = []
    for likely in (_machine_code_page(), "cp1252"):
        if likely in encodings and likely not in order:
            order.append(likely)
    try:
        import charset_normalizer

        for match in charset_normalizer.from_bytes(data[:65536], cp_isolation=encodings):
            if match.encoding in encodings and match.encoding not in order:
                order.append(match.encoding)
    except Exception:  # noqa: BLE001 - a ranking hint only; our own order still applies
        pass
    return order + [e for e in CANDIDATES if e in encodings and e not in order]
