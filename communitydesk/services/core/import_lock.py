"""One import at a time per database, so matching holds when the same file is imported twice at once.

Why: an import reads every existing member (and meeting) once, then writes the
new ones. Two imports running side by side both read "nobody here yet" and both
create everyone. Taking an exclusive lock *before* that read makes the second
import wait until the first has committed, and then it sees the first one's rows.

- PostgreSQL: a transaction-scoped advisory lock (released at commit/rollback).
- SQLite: ``BEGIN IMMEDIATE`` takes the file's write lock at once; the legacy
  pysqlite transaction handling opens transactions only on a write, so the reads
  before it were not holding an old snapshot.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from communitydesk.db.engine import BUSY_TIMEOUT_MS
from communitydesk.errors import UserError
from communitydesk.i18n import _

IMPORT_LOCK_KEY = 0x43_44_49_4D_50_4F_52_54  # "CDIMPORT": the same on every copy of the app
IMPORT_WAIT_SECONDS = 120  # another import of 50,000 rows takes well under this


class ImportBusy(UserError):
    """Another import (or writer) kept the database busy for longer than an import waits."""


def _busy() -> ImportBusy:
    return ImportBusy(_(
        "another import (or another program writing to the database) has been running for "
        "over {seconds} seconds; nothing was changed. Try again when it has finished").format(
            seconds=IMPORT_WAIT_SECONDS))


def hold_import_lock(session: Session) -> None:
    """Take the import lock for the rest of ``session``'s transaction (waiting for another import).

    Call it before reading what the import matches against.
    """
    connection = session.connection()
    dialect = connection.dialect.name
    if dialect == "postgresql":
        connection.exec_driver_sql(f"SET LOCAL lock_timeout = '{int(IMPORT_WAIT_SECONDS)}s'")
        try:
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": IMPORT_LOCK_KEY})
        except OperationalError as exc:
            if getattr(exc.orig, "sqlstate", None) != "55P03":  # lock_not_available
                raise
            raise _busy() from None
        connection.exec_driver_sql("SET LOCAL lock_timeout TO DEFAULT")
        return
    if dialect != "sqlite":
        return
    raw = connection.connection.dbapi_connection
    if raw is None or raw.in_transaction:
        return  # a write already began this transaction, and with it holds the write lock
    connection.exec_driver_sql(f"PRAGMA busy_timeout={int(IMPORT_WAIT_SECONDS * 1000)}")
    try:
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    except OperationalError as exc:
        if "locked" not in str(exc.orig).lower() and "busy" not in str(exc.orig).lower():
            raise
        raise _busy() from None
    finally:
        connection.exec_driver_sql(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
