"""Backups and restore, as a person uses them: checked first, never losing the current state."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from communitydesk.db import migrate
from communitydesk.db.engine import SQLITE_MAGIC, Database
from communitydesk.db.sqlite_backup import connect_read_only
from communitydesk.errors import UserError


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    previous_state_saved_to: Path


def backup_now(db: Database, dest: Path | None = None) -> Path:
    return db.backup(reason="manual", dest=dest)


def verify_backup(path: Path) -> str:
    """Check a backup file is a healthy CommunityDesk database; return its schema revision."""
    if not path.is_file():
        raise UserError(f"{path}: no such backup file")
    with path.open("rb") as fh:
        if fh.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
            raise UserError(f"{path} is not a CommunityDesk backup (not an SQLite file)")
    try:
        con = connect_read_only(path)
        try:
            result = con.execute("PRAGMA integrity_check").fetchone()[0]
            if result != "ok":
                raise UserError(f"{path} is damaged ({result}); choose another backup")
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise UserError(f"{path} is not a CommunityDesk backup ({exc})") from exc
    revision = row[0] if row else None
    if revision not in migrate.known_revisions():
        if revision and revision.startswith(migrate.REVISION_PREFIX):
            raise UserError(f"{path} comes from a newer CommunityDesk; update the app first")
        raise UserError(f"{path} is not a CommunityDesk backup")
    return revision


def restore_backup(db: Database, backup_file: Path) -> RestoreResult:
    """Replace the live database with ``backup_file``, keeping a backup of the current state.

    The copy runs through SQLite's backup API into the live file in one
    transaction: an interrupted restore leaves the old contents.
    """
    if db.sqlite_path is None:
        raise UserError("restoring a shared PostgreSQL database is done on the server (pg_restore)")
    if db.read_only:
        raise UserError(f"cannot restore while the database is open read-only ({db.read_only_reason})")
    backup_file = backup_file.expanduser().resolve()
    if backup_file == db.sqlite_path:
        raise UserError("that file is the open database itself; choose a backup")
    verify_backup(backup_file)
    saved = db.backup(reason="before-restore")
    db.dispose()
    src = connect_read_only(backup_file)
    dst = sqlite3.connect(db.sqlite_path, timeout=5)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()
    migrate.upgrade_to_head(db.engine)
    return RestoreResult(restored_from=backup_file, previous_state_saved_to=saved)
