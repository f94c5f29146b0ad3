"""Backups and restore, as a person uses them: checked first, never losing the current state."""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from communitydesk.db import migrate
from communitydesk.db.encryption import (
    all_errors,
    check_password,
    connect,
    database_errors,
    is_encrypted,
    key_for,
)
from communitydesk.db.engine import SQLITE_MAGIC, Database, upgrade_failed
from communitydesk.db.file_lock import read_holder
from communitydesk.db.sqlite_backup import backup_name, connect_read_only, copy_sqlite
from communitydesk.errors import UserError
from communitydesk.files import replacing
from communitydesk.i18n import _
from communitydesk.services.backups.safety import backup_before

LOCK_WAIT_SECONDS = 60.0


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    previous_state_saved_to: Path


def backup_now(db: Database, dest: Path | None = None) -> Path:
    return db.backup(reason="manual", dest=dest)


def verify_backup(path: Path, password: str | None = None) -> str:
    """Check a backup file is a healthy CommunityDesk database; return its schema revision.

    An encrypted backup needs its password (``PasswordNeeded``/``WrongPassword`` otherwise).
    """
    if not path.is_file():
        raise UserError(_("{path}: no such backup file").format(path=path))
    if is_encrypted(path):
        check_password(path, password)
    else:
        password = None
        with path.open("rb") as fh:
            if fh.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
                raise UserError(_("{path} is not a CommunityDesk backup (not an SQLite file)").format(path=path))
    try:
        con = connect_read_only(path, password)
        try:
            result = con.execute("PRAGMA integrity_check").fetchone()[0]
            if result != "ok":
                raise UserError(_("{path} is damaged ({problem}); choose another backup").format(
                    path=path, problem=result))
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
            broken = con.execute("PRAGMA foreign_key_check").fetchall()
            if broken:  # rows pointing at rows that are not there: restoring would spread the damage
                table, rowid, parent = broken[0][:3]
                raise UserError(_("{path} has {n} broken link(s) between rows (first: row {row} of {table} "
                                  "points at a missing {parent}); choose another backup").format(
                    path=path, n=len(broken), row=rowid, table=table, parent=parent))
        finally:
            con.close()
    except database_errors() as exc:
        raise UserError(_("{path} is not a CommunityDesk backup ({problem})").format(path=path, problem=exc)) from exc
    revision = row[0] if row else None
    if revision not in migrate.known_revisions():
        if revision and revision.startswith(migrate.REVISION_PREFIX):
            raise UserError(_("{path} comes from a newer CommunityDesk; update the app first").format(path=path))
        raise UserError(_("{path} is not a CommunityDesk backup").format(path=path))
    return revision


def backup_password(db: Database, backup_file: Path, password: str | None = None) -> str | None:
    """The password that opens ``backup_file``: the one given, else the open database's own
    (a backup is encrypted with the key the database had when it was taken)."""
    if not is_encrypted(backup_file):
        return None
    if password:
        return password
    own = db.password
    if own:
        try:
            check_password(backup_file, own)
            return own
        except UserError:
            pass
    return key_for(backup_file) or own  # a password given for the backup (prompt, COMMUNITYDESK_PASSWORD)


def restore_backup(db: Database, backup_file: Path, *,
                   on_wait: Callable[[str], None] | None = None,
                   wait_seconds: float = LOCK_WAIT_SECONDS,
                   password: str | None = None) -> RestoreResult:
    """Replace the live database with ``backup_file``, keeping a backup of the current state.

    The copy runs through SQLite's backup API into the live file in one
    transaction: an interrupted restore leaves the old contents. If another
    program is writing to the file, ``on_wait`` is told (once) and the restore
    waits up to ``wait_seconds`` before giving up with nothing changed.

    An encrypted backup opens with ``password``, else the open database's own;
    the restored data keeps the open database's current password (or none).
    """
    if db.sqlite_path is None:
        raise UserError(_("restoring a shared PostgreSQL database is done on the server (pg_restore)"))
    if db.read_only:
        raise UserError(_("cannot restore while the database is open read-only ({why})").format(
            why=db.read_only_reason))
    backup_file = backup_file.expanduser().resolve()
    if backup_file == db.sqlite_path:
        raise UserError(_("that file is the open database itself; choose a backup"))
    from_key = backup_password(db, backup_file, password)
    verify_backup(backup_file, from_key)
    db.dispose()
    _wait_until_free(db.sqlite_path, on_wait, wait_seconds, db.password)
    saved = backup_before(db, "restore")
    _copy_into(backup_file, from_key, db.sqlite_path, db.password, wait_seconds)
    try:
        migrate.upgrade_to_head(db.engine)
    except UserError:
        raise
    except Exception as exc:
        raise upgrade_failed(db.sqlite_path, verify_backup(backup_file, from_key), saved, exc) from exc
    return RestoreResult(restored_from=backup_file, previous_state_saved_to=saved)


def _copy_into(source: Path, source_key: str | None, live: Path, live_key: str | None,
               wait_seconds: float) -> None:
    """All of ``source``'s pages into ``live`` in one transaction, under ``live``'s own key.

    SQLite's backup API copies between two plain files or two encrypted ones (re-keying
    each page); between a plain and an encrypted file it refuses, so the backup is first
    exported to a private temporary copy under the live key.
    """
    if bool(source_key) != bool(live_key):
        from communitydesk.services.backups.file_password import export_copy

        fd, name = tempfile.mkstemp(dir=live.parent, prefix=f".{live.name}.restore-", suffix=".part")
        os.close(fd)  # private (0600), beside the live file
        tmp = Path(name)
        try:
            export_copy(source, source_key, tmp, live_key)
            _copy_into(tmp, live_key, live, live_key, wait_seconds)
        finally:
            for leftover in (tmp, tmp.with_name(tmp.name + "-wal"), tmp.with_name(tmp.name + "-shm")):
                leftover.unlink(missing_ok=True)
        return
    src = connect_read_only(source, source_key)
    dst = connect(live, live_key, timeout=wait_seconds)
    try:
        src.backup(dst)  # all pages in one step: one transaction
    finally:
        src.close()
        dst.close()


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
    except database_errors():
        return True
    except OSError:
        return False


def restore_over_damaged(path: Path, backup_file: Path, backups_dir: Path,
                         password: str | None = None) -> RestoreResult:
    """Restore when the live file is too damaged to open: keep its bytes, then swap the file.

    The damaged file (and its WAL) is copied as it is into the backups folder,
    the WAL is moved out of the way (its frames belong to the old file), and
    the checked backup replaces the file in one rename.
    """
    if not is_damaged(path):
        raise UserError(_("{path} is not a damaged CommunityDesk database; nothing was replaced").format(path=path))
    backup_file = backup_file.expanduser().resolve()
    password = (password or key_for(backup_file)) if is_encrypted(backup_file) else None
    verify_backup(backup_file, password)
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
    copy_sqlite(backup_file, path, password)  # the file takes the backup's password, if any
    return RestoreResult(restored_from=backup_file, previous_state_saved_to=saved)


def _wait_until_free(path: Path, on_wait: Callable[[str], None] | None, seconds: float,
                     password: str | None = None) -> None:
    """The backup API retries a locked file forever, silently: find out first, and say so."""
    deadline = time.monotonic() + seconds
    told = False
    while True:
        con = connect(path, password, timeout=0.2, isolation_level=None)
        try:
            con.execute("BEGIN IMMEDIATE")
            con.execute("ROLLBACK")
            return
        except all_errors() as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise UserError(_("cannot restore into {path}: {problem}").format(path=path, problem=exc)) from exc
        finally:
            con.close()
        holder = read_holder(path)  # the window's writer lock, unless it is our own
        mine = holder is not None and holder.pid == os.getpid() and holder.host == socket.gethostname()
        who = holder.describe() if holder and not mine else _("another CommunityDesk command or program")
        if time.monotonic() >= deadline:
            raise UserError(_("cannot restore: {path} is still busy ({who} is writing to it); "
                              "nothing was changed. Close it or wait, then try again").format(path=path, who=who))
        if not told and on_wait is not None:
            on_wait(_("waiting: {path} is busy ({who} is writing to it); the restore starts "
                      "when it is free (giving up after {seconds:.0f} s)…").format(
                path=path, who=who, seconds=seconds))
            told = True
        time.sleep(0.2)
