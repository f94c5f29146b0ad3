"""The life of one read or one write: its session, its transaction, what it changed.

Why here and not in the window: the operation runner (gui/operations.py) only moves
work between threads; everything about sessions lives in services, so no widget
ever opens one. ``run_read`` and ``run_write`` run on the runner's worker thread
(or anywhere else: they know nothing of Qt).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from communitydesk.services.core.changes import Changes, recording_changes

if TYPE_CHECKING:
    from communitydesk.db.engine import Database

T = TypeVar("T")
Progress = Callable[[int, int], bool]

log = logging.getLogger("communitydesk.work")


class ReadWroteError(RuntimeError):
    """A read operation changed the database: reads must never write."""


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """What a write hands back: the service's result and what it changed."""

    result: T
    changes: Changes


def _call(fn: Callable[..., T], session: Any, report: Progress | None) -> T:
    """``fn(session, report)`` for work that reports progress, else ``fn(session)``."""
    return fn(session, report) if report is not None else fn(session)


def run_read(db: Database, fn: Callable[..., T], report: Progress | None = None, *,
             strict: bool = False) -> T:
    """Run ``fn`` in one short session and return its result.

    A read that sent a write to any table (even one no screen shows) is a bug: with
    ``strict`` (tests) it raises ``ReadWroteError``, otherwise it is logged.
    """
    with recording_changes(db.engine) as recorder, db.session() as session:
        result = _call(fn, session, report)
    wrote = sorted(recorder.tables)
    if wrote and strict:
        raise ReadWroteError(f"a read wrote to {wrote}")
    if wrote:
        log.warning("a read wrote to %s", wrote)
    return result


def run_write(db: Database, fn: Callable[..., T], report: Progress | None = None) -> Outcome[T]:
    """Run ``fn`` in one transaction (committed when it returns, rolled back when it
    raises) and return its result with the areas its SQL touched."""
    with recording_changes(db.engine) as recorder:
        with db.session() as session:
            result = _call(fn, session, report)
        return Outcome(result, recorder.changes)
