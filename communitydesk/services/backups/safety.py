"""The one place a destructive action takes its safety backup: the service, never a widget or a command.

Deleting or merging members, importing an old register over existing entries, erasing people
and restoring a backup each call ``backup_before`` first, so the window, the CLI and any
later caller get the same copy without having to remember it. A shared PostgreSQL database
is backed up by whoever runs the server (pg_dump), so there the call takes nothing.

Why a backup inside the action's own session is still "as it was": the copy is read by a
separate connection, which sees only committed data, never this session's pending changes.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from communitydesk.db.engine import DATABASE_KEY, Database


def backup_before(where: Session | Database, action: str) -> Path | None:
    """Copy the SQLite file before ``action`` (``"delete"``, ``"merge"``…); None on a server."""
    db = where if isinstance(where, Database) else where.info.get(DATABASE_KEY)
    if db is None:
        raise RuntimeError(f"{action}: a destructive action needs a session from Database.session(), "
                           "which knows the file to back up")
    if not db.is_sqlite:
        return None
    return db.backup(reason=f"before-{action}")
