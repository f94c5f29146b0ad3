"""Text helpers for matching and sorting names in any script."""

from __future__ import annotations

import unicodedata

_SPECIAL = {"ł": "l", "ı": "i", "ø": "o", "đ": "d", "ħ": "h", "ß": "ss"}


class _FoldTable(dict):
    """Per-character fold results, computed once: ``str.translate`` then runs at C speed."""

    def __missing__(self, code: int) -> str:
        lowered = chr(code).lower()
        lowered = "".join(_SPECIAL.get(c, c) for c in lowered)
        decomposed = unicodedata.normalize("NFKD", lowered)
        folded = "".join(c for c in decomposed if not unicodedata.combining(c))
        self[code] = folded
        return folded


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """Lower-case and strip accents so "lukasz" finds "Łukasz" and "sukru" finds "Şükrü".

    Plain ASCII (most names and every email) needs only ``lower()``, which is
    many times faster than the per-character table; the result is the same.
    """
    return text.lower() if text.isascii() else text.translate(_FOLD)


def name_sort_key(last: str, first: str) -> tuple[str, str]:
    return fold(last), fold(first)
