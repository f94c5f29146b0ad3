"""How a person's name is written, on screen and on paper: one place, so they always agree.

A member who goes by a preferred name ("Kasia" for Katarzyna) is called by it
everywhere people read their name: lists, the register, badges, minutes. Their
legal first name stays on the record and in exports.
"""

from __future__ import annotations


def person_name(first: str | None, last: str | None, preferred: str | None = None) -> str:
    """"Kasia Nowak": the preferred name if any, else the first name, then the surname."""
    called = preferred if preferred and preferred.strip() else first
    return f"{(called or '').strip()} {(last or '').strip()}".strip()  # no generator: 20,000 a list


def formal_name(first: str | None, last: str | None) -> str:
    """"Katarzyna Nowak": first name and surname as recorded (exports, matching, receipts)."""
    return " ".join(p.strip() for p in (first, last) if p and p.strip())


def optional_person_name(first: str | None, last: str | None,
                         preferred: str | None = None) -> str | None:
    """``person_name``, or None when the person is gone (an outer join found nobody)."""
    if first is None and last is None:
        return None
    return person_name(first, last, preferred)
