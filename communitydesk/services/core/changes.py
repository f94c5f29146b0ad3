"""What a write changed, so each screen refreshes exactly what it shows.

A write never has to say by hand what it touched: every INSERT, UPDATE or DELETE
that goes through the engine while a ``ChangeRecorder`` is attached to the
session is mapped from its table to an ``Area``. The window's operation runner
attaches one to every write and hands the resulting ``Changes`` to the screens;
the CLI can do the same to print what a command did.
"""

from __future__ import annotations

import enum
import threading
import weakref
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.sql.dml import UpdateBase


class Area(enum.StrEnum):
    """The kinds of data screens show; a screen refreshes when one of its areas changed."""

    MEMBERS = "members"
    TAGS = "tags"
    LADDER = "ladder"
    MEETINGS = "meetings"
    AGENDA = "agenda"
    ACTIONS = "actions"
    ATTENDANCE = "attendance"
    ONE_TO_ONES = "one_to_ones"
    SETTINGS = "settings"
    AUDIT = "audit"
    DUES = "dues"  # #17


TABLE_AREAS: dict[str, frozenset[Area]] = {
    "members": frozenset({Area.MEMBERS}),
    "member_tags": frozenset({Area.MEMBERS, Area.TAGS}),
    "tags": frozenset({Area.TAGS}),
    "stage_changes": frozenset({Area.LADDER, Area.MEMBERS}),
    "meetings": frozenset({Area.MEETINGS}),
    "meeting_series": frozenset({Area.MEETINGS}),
    "agenda_items": frozenset({Area.AGENDA, Area.MEETINGS}),
    "action_items": frozenset({Area.ACTIONS}),
    "attendance": frozenset({Area.ATTENDANCE}),
    # Fixed once, when a sheet is first printed or a register first opened; only the register
    # and the kiosk show them, and they fix them themselves: nothing else need reload.
    "sheet_numbers": frozenset(),
    "one_to_ones": frozenset({Area.ONE_TO_ONES}),
    "settings": frozenset({Area.SETTINGS}),
    "audit_log": frozenset({Area.AUDIT}),
    **dict.fromkeys(("dues_plans", "dues_payments", "dues_member_plans", "dues_receipt_counter"),
                    frozenset({Area.DUES})),  # #17
    # #16: motions and elections belong to their meeting; officer terms to the member's record
    "motions": frozenset({Area.MEETINGS}), "motion_votes": frozenset({Area.MEETINGS}),
    "election_offices": frozenset({Area.MEETINGS}), "nominations": frozenset({Area.MEETINGS}),
    "officer_terms": frozenset({Area.MEMBERS}),
}


@dataclass(frozen=True)
class Changes:
    """The areas a write touched; empty for a read or a write that changed nothing."""

    areas: frozenset[Area] = frozenset()

    @classmethod
    def of(cls, *areas: Area | str) -> Changes:
        return cls(frozenset(Area(a) for a in areas))

    @classmethod
    def from_tables(cls, tables: Iterable[str]) -> Changes:
        areas: set[Area] = set()
        for table in tables:
            areas |= TABLE_AREAS.get(table, frozenset())
        return cls(frozenset(areas))

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.areas | other.areas)

    def __bool__(self) -> bool:
        return bool(self.areas - {Area.AUDIT})

    def touches(self, areas: Iterable[Area | str]) -> bool:
        return bool(self.areas & {Area(a) for a in areas})


class ChangeRecorder:
    """The tables written while it was active (in this thread or task)."""

    def __init__(self) -> None:
        self.tables: set[str] = set()

    @property
    def changes(self) -> Changes:
        return Changes.from_tables(self.tables)


_active: ContextVar[ChangeRecorder | None] = ContextVar("communitydesk_changes", default=None)
_watched: weakref.WeakSet[Engine] = weakref.WeakSet()
_watch_lock = threading.Lock()


def _record_statement(_conn: Connection, clause: object, *_args: object) -> None:
    recorder = _active.get()
    if recorder is not None and isinstance(clause, UpdateBase):
        name = getattr(getattr(clause, "table", None), "name", None)
        if name:
            recorder.tables.add(name)


def _watch(engine: Engine) -> None:
    """One permanent listener per engine: adding and removing listeners per write would race."""
    with _watch_lock:
        if engine not in _watched:
            event.listen(engine, "before_execute", _record_statement)
            _watched.add(engine)


@contextmanager
def recording_changes(engine: Engine) -> Iterator[ChangeRecorder]:
    """Record every INSERT, UPDATE and DELETE this thread sends to ``engine`` in the block.

    ORM flushes and Core statements both pass through ``before_execute``, so a
    service needs no bookkeeping of its own to say what it changed.
    """
    _watch(engine)
    recorder = ChangeRecorder()
    token = _active.set(recorder)
    try:
        yield recorder
    finally:
        _active.reset(token)
