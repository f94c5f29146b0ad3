"""The first pages of a long document, to show while the whole one is laid out (#14).

Why: ReportLab lays out a 560-page pack in seconds to tens of seconds; a person who
asked for a preview should see its first page within a second. Every long list in the
gathered data (names on a sign-in sheet, open actions, register rows) is cut to its
start, which lays out in a fraction of a second; the full layout follows.
"""

from __future__ import annotations

import dataclasses
from typing import TypeVar

FIRST_LOOK_ITEMS = 40  # list entries kept per list: a few pages of each section
T = TypeVar("T")


def first_pages_of(data: T, keep: int = FIRST_LOOK_ITEMS) -> T:
    """``data`` with every tuple longer than ``keep`` cut to its first ``keep`` entries,
    in nested frozen dataclasses too; ``data`` itself when nothing was long."""
    if not dataclasses.is_dataclass(data) or isinstance(data, type):
        return data
    changes = {}
    for field in dataclasses.fields(data):
        value = getattr(data, field.name)
        if isinstance(value, tuple) and len(value) > keep:
            changes[field.name] = value[:keep]
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            shortened = first_pages_of(value, keep)
            if shortened is not value:
                changes[field.name] = shortened
    return dataclasses.replace(data, **changes) if changes else data  # type: ignore[type-var]
