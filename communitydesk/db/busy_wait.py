"""When another program is writing to the SQLite file: wait a while, say for whom, then say so plainly.

SQLite lets one writer at a time. The connection's busy timeout waits a
little inside SQLite; ``wait_for_writers`` (the command line installs it)
keeps retrying the statement that found the file busy for up to ``limit``
seconds, telling the person once who they are waiting for. Retrying is safe:
a statement refused with SQLITE_BUSY changed nothing, and with pysqlite's
transaction handling it is the first write of its transaction (the moment
the write lock is taken). ``locked_message`` is the one sentence shown when
the wait runs out: who holds the file (the window's writer lock names them),
never the SQL or its values.
"""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine

from communitydesk.db.encryption import operational_errors
from communitydesk.db.file_lock import _pid_alive, read_holder

SQLITE_BUSY = 5  # plain "database is locked"; BUSY_SNAPSHOT (517) cannot succeed by waiting
DEFAULT_LIMIT_S = 30.0
STEP_MS = 1000  # SQLite's own wait per attempt: the note comes after about a second
NO_WAIT_OPTION = "no_wait_for_writers"  # execution option: housekeeping that can wait for later


def who_is_writing(db_path: Path) -> str:
    """The window's writer lock names a live holder; else it is some other program."""
    holder = read_holder(db_path)
    if holder is not None and holder.pid > 0 and (holder.host != socket.gethostname()
                                                  or _pid_alive(holder.pid)):
        return f"CommunityDesk, open by {holder.describe()}"
    return "another program"


def locked_message(db_path: Path) -> str:
    who = who_is_writing(db_path)
    return (f"nothing was saved: {db_path} is busy ({who} is writing to it). "
            "Try again when it has finished" + ("" if who == "another program" else
                                                 ", or close CommunityDesk there"))


def is_locked(exc: BaseException) -> bool:
    """SQLite's "database is locked", raw or wrapped by SQLAlchemy."""
    orig = getattr(exc, "orig", exc)
    return isinstance(orig, operational_errors()) and "database is locked" in str(orig)  # #20: sqlcipher3 too


def wait_for_writers(engine: Engine, db_path: Path, *, on_wait: Callable[[str], None],
                     limit: float = DEFAULT_LIMIT_S) -> None:
    """Retry statements refused because another program writes, for up to ``limit`` seconds."""

    def set_step(dbapi_connection, _record) -> None:  # noqa: ANN001 - DBAPI hook
        dbapi_connection.execute(f"PRAGMA busy_timeout={STEP_MS}")

    def retrying(run: Callable[[], object], context: object = None) -> bool:
        if context is not None and context.execution_options.get(NO_WAIT_OPTION):  # type: ignore[attr-defined]
            run()
            return True
        started = time.monotonic()
        told = False
        while True:
            attempt = time.monotonic()
            try:
                run()
                return True
            except operational_errors() as exc:  # #20: sqlite3's or sqlcipher3's
                if getattr(exc, "sqlite_errorcode", None) != SQLITE_BUSY or \
                        time.monotonic() - started >= limit:
                    raise
                if time.monotonic() - attempt < STEP_MS / 2000:  # refused at once: do not spin
                    time.sleep(STEP_MS / 4000)
                if not told:
                    on_wait(f"waiting for {who_is_writing(db_path)} to finish writing to "
                            f"{db_path.name} (up to {limit:.0f} s)…")
                    told = True

    event.listen(engine, "connect", set_step)
    event.listen(engine, "do_execute",
                 lambda cursor, statement, parameters, context:
                 retrying(lambda: cursor.execute(statement, parameters), context))
    event.listen(engine, "do_execute_no_params",
                 lambda cursor, statement, context:
                 retrying(lambda: cursor.execute(statement), context))
    event.listen(engine, "do_executemany",
                 lambda cursor, statement, parameters, context:
                 retrying(lambda: cursor.executemany(statement, parameters), context))
    engine.dispose()  # connections opened from now on take the short per-attempt wait


def limit_from_environment(default: float = DEFAULT_LIMIT_S) -> float:
    """``COMMUNITYDESK_LOCK_WAIT`` (seconds) lets a script wait longer, or not at all."""
    try:
        return max(0.0, float(os.environ.get("COMMUNITYDESK_LOCK_WAIT", default)))
    except ValueError:
        return default
