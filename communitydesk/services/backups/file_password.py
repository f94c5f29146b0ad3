"""A password on a local SQLite file (#20): setting, changing and removing it, all or nothing.

The file is never changed in place. A safety backup is taken first; then
``sqlcipher_export`` writes the whole database into a new private file beside
it with the new key (or none), the new file is checked (integrity, every
table's row count equal to the original's), and only then does one rename put
it in place. A failure at any step leaves the original file as it was.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path

from communitydesk.db.encryption import (
    all_errors,
    apply_key,
    check_password,
    cipher_dbapi,
    connect,
    is_encrypted,
)
from communitydesk.db.engine import Database
from communitydesk.db.sqlite_backup import backups_of, owner_only
from communitydesk.errors import UserError
from communitydesk.files import replacing
from communitydesk.i18n import _
from communitydesk.services.backups.safety import backup_before

MIN_LENGTH = 8


@dataclass(frozen=True)
class PasswordChange:
    path: Path
    encrypted: bool  # the file has a password now
    safety_backup: Path | None
    plain_backups: tuple[Path, ...]  # older backups still readable without a password


def check_new_password(password: str) -> None:
    """A password a person can be asked to remember, but not a trivial one."""
    if len(password) < MIN_LENGTH:
        raise UserError(_("the password must be at least {n} characters long").format(n=MIN_LENGTH))
    if password.strip() != password:
        raise UserError(_("the password must not start or end with a space"))


def set_password(db: Database, new: str) -> PasswordChange:
    """Encrypt a plain file with ``new``."""
    path = _local_file(db)
    if is_encrypted(path):
        raise UserError(_("{path} already has a password; change it instead").format(path=path))
    check_new_password(new)
    return _reencrypt(db, None, new, "set-password")


def change_password(db: Database, old: str, new: str) -> PasswordChange:
    """Re-encrypt an encrypted file: ``old`` must open it."""
    path = _encrypted_file(db)
    check_password(path, old)
    check_new_password(new)
    return _reencrypt(db, old, new, "change-password")


def remove_password(db: Database, old: str) -> PasswordChange:
    """Write the encrypted file back as a plain one: ``old`` must open it."""
    path = _encrypted_file(db)
    check_password(path, old)
    return _reencrypt(db, old, None, "remove-password")


def _local_file(db: Database) -> Path:
    if db.sqlite_path is None:
        raise UserError(_("a password on opening is for a database file on this computer; a shared "
                          "database is protected by its server's logins"))
    if db.read_only:
        raise UserError(_("cannot change the password while the database is open read-only ({why})").format(
            why=db.read_only_reason))
    return db.sqlite_path


def _encrypted_file(db: Database) -> Path:
    path = _local_file(db)
    if not is_encrypted(path):
        raise UserError(_("{path} has no password; set one instead").format(path=path))
    return path


def _reencrypt(db: Database, old: str | None, new: str | None, action: str) -> PasswordChange:
    path = _local_file(db)
    saved = backup_before(db, action)
    db.engine.dispose()  # this process's connections closed: the last one removes the WAL
    try:
        with replacing(path) as tmp:
            counts = export_copy(path, old, tmp, new)
            _verify(tmp, new, counts)
            owner_only(tmp)
            for side in ("-wal", "-shm"):  # they belong to the old file
                with contextlib.suppress(FileNotFoundError):
                    path.with_name(path.name + side).unlink()
    except all_errors() as exc:
        raise UserError(_("could not change the password of {path} ({problem}); the file was left "
                          "as it was").format(path=path, problem=exc)) from exc
    finally:
        for side in ("-wal", "-shm", "-journal"):
            for leftover in path.parent.glob(f".{path.name}*.part{side}"):
                with contextlib.suppress(OSError):
                    leftover.unlink()
    db.use_password(new)
    plain = () if new is None else tuple(
        p for p in backups_of(db.backups_dir, path.stem) if not is_encrypted(p) and p.stat().st_size)
    return PasswordChange(path=path, encrypted=new is not None, safety_backup=saved, plain_backups=plain)


def export_copy(source: Path, old: str | None, dest: Path, new: str | None) -> dict[str, int]:
    """Copy every table, index, trigger and view into ``dest`` keyed with ``new``; return row counts."""
    con = cipher_dbapi().connect(str(source), isolation_level=None)
    try:
        if old:
            apply_key(con, old)
        else:
            con.execute("PRAGMA cipher_log_level = NONE")
        with contextlib.suppress(*all_errors()):  # a read-only backup file cannot checkpoint
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the old file whole in itself, WAL empty
        counts = _row_counts(con)
        version = con.execute("PRAGMA user_version").fetchone()[0]
        con.execute("ATTACH DATABASE ? AS target KEY ?", (str(dest), new or ""))
        con.execute("SELECT sqlcipher_export('target')")
        con.execute(f"PRAGMA target.user_version = {int(version)}")
        con.execute("DETACH DATABASE target")
    finally:
        con.close()
    return counts


def _row_counts(con) -> dict[str, int]:  # noqa: ANN001 - either driver's connection
    tables = [r[0] for r in con.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
    return {t: con.execute(f'SELECT count(*) FROM "{t.replace(chr(34), chr(34) * 2)}"').fetchone()[0]
            for t in tables}


def _verify(path: Path, password: str | None, expected: dict[str, int]) -> None:
    con = connect(path, password)
    try:
        result = con.execute("PRAGMA integrity_check").fetchone()[0]
        if result != "ok":
            raise UserError(_("the re-written copy failed its check ({problem}); the file was left "
                              "as it was").format(problem=result))
        if _row_counts(con) != expected:
            raise UserError(_("the re-written copy does not hold every row; the file was left as it was"))
        con.execute("PRAGMA journal_mode=WAL")
    finally:
        con.close()
