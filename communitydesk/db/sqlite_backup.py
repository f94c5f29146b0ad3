"""Consistent copies of a live SQLite file, and rotation of the backups folder.

Uses SQLite's online backup API, so a copy taken while the app has the file
open is still consistent. Rotation keeps the newest ``keep_recent`` files plus
the newest file of each of the last ``keep_months`` months.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from communitydesk.db.encryption import all_errors, connect
from communitydesk.errors import UserError
from communitydesk.files import replacing, sweep_stale_parts
from communitydesk.i18n import _

BACKUP_PATTERN = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6}(?:-\d+)?)(?:-(?P<reason>[a-z0-9-]+))?\.sqlite3$")


def owner_only(path: Path) -> None:
    """Member data is personal: files we create are readable by their owner only."""
    if os.name == "posix":
        with contextlib.suppress(OSError):
            os.chmod(path, 0o600)


def connect_read_only(path: Path, password: str | None = None, **kwargs: object) -> sqlite3.Connection:
    """Open an SQLite file read-only, whatever its name holds (with its SQLCipher password if any).

    The URI is built by ``Path.as_uri()`` (in ``encryption.connect``), which
    percent-encodes ``#``, ``?``, ``%`` and the rest: a hand-built
    ``file:{path}?mode=ro`` read ``club#2`` as the file ``club`` with a
    fragment, and backed up an empty database.
    """
    return connect(path, password, read_only=True, **kwargs)


class _AlreadyKept(Exception):
    """The finished copy matched a backup already there: drop the copy, return that one."""

    def __init__(self, kept: Path) -> None:
        self.kept = kept


def copy_sqlite(source: Path, dest: Path, password: str | None = None, *,
                unless_kept: Callable[[Path], Path | None] | None = None) -> Path:
    """Copy ``source`` to ``dest`` through the backup API (safe while in use).

    The copy goes to a private temporary file beside ``dest`` and replaces it
    only when complete: a full disk or a kill leaves no half-written backup
    under the final name, and failures remove their temporary file. An
    encrypted ``source`` (``password``) gives a copy encrypted with the same key.
    ``unless_kept(copy)`` may name a file already holding the same: then the
    copy never takes its name, and that file is returned.
    """
    try:
        dest.parent.mkdir(parents=True)
    except FileExistsError:
        pass  # there already, or made a moment ago by another copy taking its own backup
    else:
        if os.name == "posix":  # backups hold everyone's details: owner-only folder
            with contextlib.suppress(OSError):
                os.chmod(dest.parent, 0o700)
    sweep_stale_parts(dest.parent)
    try:
        with replacing(dest) as tmp:
            src = connect_read_only(source, password)
            try:
                out = connect(tmp, password)
                try:
                    src.backup(out)
                finally:
                    out.close()
            finally:
                src.close()
            if unless_kept is not None and (kept := unless_kept(tmp)) is not None:
                raise _AlreadyKept(kept)
    except _AlreadyKept as same:
        return same.kept
    except all_errors() as exc:
        reason = _("the disk is full") if "full" in str(exc) else str(exc)
        raise UserError(_("could not write the backup {dest}: {reason}; nothing was saved").format(
            dest=dest, reason=reason)) from exc
    return dest


def backup_name(source: Path, reason: str, now: datetime | None = None) -> str:
    now = now or datetime.now()
    reason = re.sub(r"[^a-z0-9-]+", "-", reason.lower()).strip("-") or "manual"
    return f"{source.stem}-{now:%Y%m%d-%H%M%S}-{now.microsecond:06d}-{reason}.sqlite3"


def backups_of(folder: Path, stem: str) -> list[Path]:
    """The backups of the database ``stem`` in ``folder``, newest first.

    ``club`` and ``club-2`` share a prefix: the name is parsed, not globbed
    (a glob also misreads ``[`` or ``*`` in a file name).
    """
    try:
        names = [p for p in folder.iterdir() if p.suffix == ".sqlite3"]
    except OSError:
        return []
    found = [p for p in names if (m := BACKUP_PATTERN.match(p.name)) and m["stem"] == stem]
    return sorted(found, key=lambda p: p.name, reverse=True)


def is_good_backup(path: Path, password: str | None = None) -> bool:
    """Passes ``integrity_check`` and has a schema revision this version knows."""
    from communitydesk.db import migrate

    try:
        con = connect_read_only(path, password)
        try:
            if con.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                return False
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            con.close()
    except all_errors():
        return False
    return bool(row) and row[0] in migrate.known_revisions()


def rotate(folder: Path, stem: str, *, keep_recent: int = 10, keep_months: int = 12,
           password: str | None = None) -> list[Path]:
    """Delete old backups of ``stem``; return what was removed.

    The newest backup that passes ``integrity_check`` is never removed, so a
    run of failed attempts that each left a backup cannot rotate out the last
    good one.
    """
    files = backups_of(folder, stem)
    keep = set(files[:keep_recent])
    months: dict[str, Path] = {}
    for p in files:
        stamp = BACKUP_PATTERN.match(p.name)["stamp"]  # type: ignore[index]
        months.setdefault(stamp[:6], p)
    for month in sorted(months, reverse=True)[:keep_months]:
        keep.add(months[month])
    removed = [p for p in files if p not in keep]
    if removed:
        keep.add(next((p for p in files if is_good_backup(p, password) or is_good_backup(p)), files[0]))
        removed = [p for p in removed if p not in keep]
    for p in removed:
        p.unlink(missing_ok=True)
    return removed


def same_content(a: Path, b: Path) -> bool:
    """Byte for byte; a file removed meanwhile (another process rotating) is not the same."""
    try:
        if a.stat().st_size != b.stat().st_size:
            return False
        with a.open("rb") as fa, b.open("rb") as fb:
            while True:
                chunk = fa.read(1 << 20)
                if chunk != fb.read(1 << 20):
                    return False
                if not chunk:
                    return True
    except FileNotFoundError:
        return False


def backup_sqlite_file(
    source: Path, folder: Path, *, reason: str = "manual", dest: Path | None = None,
    password: str | None = None,
) -> Path:
    """Take a backup into ``folder`` (or to ``dest``) and rotate the folder.

    A backup identical to the newest one taken today for the same reason is
    not kept twice (an upgrade or import that failed and is retried backs up
    the same, unchanged data): that earlier file is returned instead.

    The comparison is made before the copy takes its name, so a backup once
    under its final name is never removed for being a duplicate. (Two imports
    started together each saw the other's finished copy as the identical one,
    deleted their own and returned the other's, already gone.)
    """
    if dest is not None:
        return copy_sqlite(source, dest, password)
    now = datetime.now()
    ours = BACKUP_PATTERN.match(backup_name(source, reason, now))
    assert ours is not None

    def identical_earlier(copy: Path) -> Path | None:
        for earlier in backups_of(folder, source.stem):
            m = BACKUP_PATTERN.match(earlier.name)
            if m is None or m["reason"] != ours["reason"]:
                continue
            if m["stamp"][:8] == f"{now:%Y%m%d}" and same_content(earlier, copy):
                return earlier
            return None  # only the newest backup for this reason is compared
        return None

    target = copy_sqlite(source, folder / ours.string, password, unless_kept=identical_earlier)
    if target.name != ours.string:
        return target
    rotate(folder, source.stem, password=password)
    return target
