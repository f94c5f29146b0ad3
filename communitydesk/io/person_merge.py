"""Folding several rows of one person into one record (Eventbrite lists a buyer once per ticket).

Why its own module: the rules (first row wins, later rows fill gaps and add
tags) must stay linear in the number of rows, because a hostile or just odd
file may hold tens of thousands of rows under one e-mail address.
"""

from __future__ import annotations

from dataclasses import fields, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from communitydesk.io.member_columns import PersonRecord


_NOT_FILLED = ("line", "tags", "merged_lines")


def exact_name(record: PersonRecord) -> tuple[str, str, str]:
    """E-mail and case-folded names: how people past the first few of one address are told apart."""
    return (record.email or "", (record.first_name or "").casefold(),
            (record.last_name or "").casefold())


class Merging:
    """One person while later rows of the same e-mail are folded in (the record is built once)."""

    def __init__(self, record: PersonRecord) -> None:
        self.record = record
        self.gaps: dict[str, object] = {}
        self.tags = list(record.tags)
        self.seen_tags = {t.casefold() for t in record.tags}
        self.lines = list(record.merged_lines)
        self.fillable = [f.name for f in fields(record) if f.name not in _NOT_FILLED]

    @property
    def first_name(self) -> str | None:
        return self.gaps.get("first_name", self.record.first_name)  # type: ignore[return-value]

    @property
    def last_name(self) -> str | None:
        return self.gaps.get("last_name", self.record.last_name)  # type: ignore[return-value]

    def add(self, later: PersonRecord) -> None:
        """Fill the gaps (first value wins), add new tags, remember the row."""
        for name in self.fillable:
            if getattr(self.record, name) is None and name not in self.gaps:
                value = getattr(later, name)
                if value is not None:
                    self.gaps[name] = value
        for tag in later.tags:
            if tag.casefold() not in self.seen_tags:
                self.seen_tags.add(tag.casefold())
                self.tags.append(tag)
        self.lines.append(later.line)

    def finish(self) -> PersonRecord:
        return replace(self.record, **self.gaps, tags=tuple(self.tags), merged_lines=tuple(self.lines))


def same_name(a: PersonRecord | Merging, b: PersonRecord) -> bool:
    """Equal names ignoring case, or one of them missing: the same person under one e-mail."""
    def compatible(x: str | None, y: str | None) -> bool:
        return not x or not y or x.casefold() == y.casefold()
    return compatible(a.first_name, b.first_name) and compatible(a.last_name, b.last_name)
