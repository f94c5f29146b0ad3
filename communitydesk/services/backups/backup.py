"""Backups and restore, as a person uses them: checked first, never losing the current state."""

from __future__ import annotations

import os
import shutil
import socket
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from communitydesk.db import migrate
from communitydesk.db.engine import SQLITE_MAGIC, Database, upgrade_failed
from communitydesk.db.file_lock import read_holder
from communitydesk.db.sqlite_backup import backup_name, connect_read_only, copy_sqlite
from communitydesk.errors import UserError
from communitydesk.files import replacing
from communitydesk.services.backups.safety import backup_before

LOCK_WAIT_SECONDS = 60.0


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
            broken = con.execute("PRAGMA foreign_key_check").fetchall()
            if broken:  # rows pointing at rows that are not there: restoring would spread the damage
                table, rowid, parent = broken[0][:3]
                raise UserError(f"{path} has {len(broken)} broken link(s) between rows (first: row "
                                f"{rowid} of {table} points at a missing {parent}); choose another backup")
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


def restore_backup(db: Database, backup_file: Path, *,
                   on_wait: Callable[[str], None] | None = None,
                   wait_seconds: float = LOCK_WAIT_SECONDS) -> RestoreResult:
    """Replace the live database with ``backup_file``, keeping a backup of the current state.

    The copy runs through SQLite's backup API into the live file in one
    transaction: an interrupted restore leaves the old contents. If another
    program is writing to the file, ``on_wait`` is told (once) and the restore
    waits up to ``wait_seconds`` before giving up with nothing changed.
    """
    if db.sqlite_path is None:
        raise UserError("restoring a shared PostgreSQL database is done on the server (pg_restore)")
    if db.read_only:
        raise UserError(f"cannot restore while the database is open read-only ({db.read_only_reason})")
    backup_file = backup_file.expanduser().resolve()
    if backup_file == db.sqlite_path:
        raise UserError("that file is the open database itself; choose a backup")
    verify_backup(backup_file)
    db.dispose()
    _wait_until_free(db.sqlite_path, on_wait, wait_seconds)
    saved = backup_before(db, "restore")
    src = connect_read_only(backup_file)
    dst = sqlite3.connect(db.sqlite_path, timeout=wait_seconds)
    try:
        src.backup(dst)  # all pages in one step: one transaction
    finally:
        src.close()
        dst.close()
    try:
        migrate.upgrade_to_head(db.engine)
    except UserError:
        raise
    except Exception as exc:
        raise upgrade_failed(db.sqlite_path, verify_backup(backup_file), saved, exc) from exc
    return RestoreResult(restored_from=backup_file, previous_state_saved_to=saved)


def is_damaged(path: Path) -> bool:
    """An SQLite file (by its header) that SQLite cannot read: the case restore must still handle."""
    try:
        with path.open("rb") as fh:
            if fh.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
                return False
        con = connect_read_only(path)
        try:
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return con.execute("PRAGMA quick_check").fetchone()[0] != "ok"
        finally:
            con.close()
    except sqlite3.DatabaseError:
        return True
    except OSError:
        return False


def restore_over_damaged(path: Path, backup_file: Path, backups_dir: Path) -> RestoreResult:
    """Restore when the live file is too damaged to open: keep its bytes, then swap the file.

    The damaged file (and its WAL) is copied as it is into the backups folder,
    the WAL is moved out of the way (its frames belong to the old file), and
    the checked backup replaces the file in one rename.
    """
    if not is_damaged(path):
        raise UserError(f"{path} is not a damaged CommunityDesk database; nothing was replaced")
    backup_file = backup_file.expanduser().resolve()
    verify_backup(backup_file)
    backups_dir.mkdir(parents=True, exist_ok=True)
    saved = backups_dir / backup_name(path, "before-restore")
    with replacing(saved) as tmp:
        shutil.copyfile(path, tmp)
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            if suffix == "-wal" and side.stat().st_size > 0:
                with replacing(saved.with_name(saved.name + suffix)) as tmp:
                    shutil.copyfile(side, tmp)
            side.unlink()
    copy_sqlite(backup_file, path)
    return RestoreResult(restored_from=backup_file, previous_state_saved_to=saved)


def _wait_until_free(path: Path, on_wait: Callable[[str], None] | None, seconds: float) -> None:
    """The backup API retries a locked file forever, silently: find out first, and say so."""
    deadline = time.monotonic() + seconds
    told = False
    while True:
        con = sqlite3.connect(path, timeout=0.2, isolation_level=None)
        try:
            con.execute("BEGIN IMMEDIATE")
            con.execute("ROLLBACK")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise UserError(f"cannot restore into {path}: {exc}") from exc
        finally:
            con.close()
        holder = read_holder(path)  # the window's writer lock, unless it is our own
        mine = holder is not None and holder.pid == os.getpid() and holder.host == socket.gethostname()
        who = holder.describe() if holder and not mine else "another CommunityDesk command or program"
        if time.monotonic() >= deadline:
            raise UserError(f"cannot restore: {path} is still busy ({who} is writing to it); "
                            "nothing was changed. Close it or wait, then try again")
        if not told and on_wait is not None:
            on_wait(f"waiting: {path} is busy ({who} is writing to it); the restore starts "
                    f"when it is free (giving up after {seconds:.0f} s)…")
            told = True
        time.sleep(0.2)
