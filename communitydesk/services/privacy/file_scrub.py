"""Making erased values unrecoverable from the SQLite file itself, now or on the next open.

Why not always VACUUM: every connection of ours has ``secure_delete`` on, so a
value we clear or overwrite is zeroed in the page that held it; once a
``TRUNCATE`` checkpoint has copied the new pages over the old ones and emptied
the WAL, nothing of it is left. What ``secure_delete`` cannot reach are stale
copies written *without* it (an older CommunityDesk, a database browser) on
pages the erase never touches: only rewriting the whole file (VACUUM) removes
those. So the first scrub of a file rewrites it end to end and records that in
``FILE_REWRITTEN_KEY``; later scrubs only checkpoint (tests/services/
test_privacy_scrub.py shows both cases on a file big enough to tell them apart).

A scrub cannot finish while another program holds a read transaction (its
snapshot pins the old pages). Then ``PENDING_KEY`` is set and the scrub runs
again the next time CommunityDesk opens the file (``finish_pending_scrub``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import text
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from communitydesk.db.busy_wait import NO_WAIT_OPTION
from communitydesk.db.engine import Database
from communitydesk.db.models import Setting
from communitydesk.errors import UserError
from communitydesk.i18n import N_, _

PENDING_KEY = "privacy_scrub_pending"  # an erasure's old values may still be in the file
FILE_REWRITTEN_KEY = "privacy_file_rewritten_at"  # VACUUMed since; only secure_delete writes after
OPEN_WAIT_MS = 200  # on open, do not hold every command up waiting for a reader to finish
PENDING_NOTE = N_("the erased details are still in the database file because another program is "
                  "reading it; they are wiped the next time CommunityDesk opens the file")


@dataclass(frozen=True)
class ScrubOutcome:
    done: bool  # nothing erased is left in the file or the WAL
    vacuumed: bool  # the whole file was rewritten


def _setting(db: Database, key: str) -> str | None:
    with db.session() as s:
        row = s.get(Setting, key)
        return row.value if row is not None else None


def _set_marker(db: Database, key: str, present: bool, *, no_wait: bool = False) -> None:
    """Housekeeping rows, kept out of the audit trail (they say nothing about anyone)."""
    with db.session() as s:
        s.info["audit_off"] = True
        if no_wait:  # on open: another writer now means "next time", not a long wait
            s.connection(execution_options={NO_WAIT_OPTION: True})
        row = s.get(Setting, key)
        if present and row is None:
            s.add(Setting(key=key, value=json.dumps(datetime.now().replace(microsecond=0)
                                                    .isoformat())))
        elif not present and row is not None:
            s.delete(row)


def scrub_pending(db: Database) -> bool:
    return db.is_sqlite and _setting(db, PENDING_KEY) is not None


def scrub_deleted_data(db: Database, *, wait_ms: int | None = None,
                       full: bool | None = None) -> ScrubOutcome:
    """Remove cleared values from the file: VACUUM if the file was never rewritten, then a
    TRUNCATE checkpoint. ``full`` forces (True) or skips (False) the VACUUM; ``wait_ms``
    bounds the wait for readers and writers. PostgreSQL: VACUUM the personal tables."""
    if not db.is_sqlite:
        if db.engine.dialect.name != "postgresql":
            return ScrubOutcome(done=False, vacuumed=False)
        with db.engine.connect() as conn:
            conn = conn.execution_options(isolation_level="AUTOCOMMIT")
            for table in ("members", "one_to_ones", "stage_changes", "member_tags",
                          "action_items", "agenda_items", "meetings"):
                conn.execute(text(f"VACUUM {table}"))
        return ScrubOutcome(done=True, vacuumed=True)
    vacuum = full if full is not None else _setting(db, FILE_REWRITTEN_KEY) is None
    with db.engine.connect() as conn:
        conn = conn.execution_options(isolation_level="AUTOCOMMIT",
                                      **({NO_WAIT_OPTION: True} if wait_ms is not None else {}))
        previous = conn.exec_driver_sql("PRAGMA busy_timeout").scalar()
        try:
            if wait_ms is not None:
                conn.exec_driver_sql(f"PRAGMA busy_timeout={int(wait_ms)}")
            conn.exec_driver_sql("PRAGMA secure_delete=ON")
            if vacuum:
                conn.exec_driver_sql("VACUUM")
            busy, _log, _done = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
        except OperationalError:  # another program is writing: try again on the next open
            return ScrubOutcome(done=False, vacuumed=False)
        finally:
            conn.exec_driver_sql(f"PRAGMA busy_timeout={int(previous)}")
    done = busy == 0
    if done and vacuum:
        _set_marker(db, FILE_REWRITTEN_KEY, True)
        with db.engine.connect() as conn:  # the marker row itself: keep the WAL empty
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return ScrubOutcome(done=done, vacuumed=vacuum)


def scrub_or_mark_pending(db: Database) -> bool:
    """Scrub now; if another program holds the file, leave a note so the next open finishes it."""
    outcome = scrub_deleted_data(db)
    if db.is_sqlite and (not outcome.done or scrub_pending(db)):
        _set_marker(db, PENDING_KEY, not outcome.done)  # done now covers any earlier erasure too
    return outcome.done


def finish_pending_scrub(db: Database) -> str | None:
    """On open: finish a scrub an earlier erasure could not; a warning if it still cannot."""
    if db.read_only:
        return None
    try:
        if not scrub_pending(db):
            return None
        if scrub_deleted_data(db, wait_ms=OPEN_WAIT_MS).done:
            # Cleared only once done, so a failure on the way leaves the note for next time.
            _set_marker(db, PENDING_KEY, False, no_wait=True)
            return None
    except (SQLAlchemyError, UserError):  # busy now: this open goes on, the next one tries again
        pass
    return _("An erasure is not finished: {note}.").format(note=_(PENDING_NOTE))
