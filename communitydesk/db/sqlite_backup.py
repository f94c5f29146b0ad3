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
from datetime import datetime
from pathlib import Path

BACKUP_PATTERN = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6}(?:-\d+)?)(?:-(?P<reason>[a-z0-9-]+))?\.sqlite3$")


def owner_only(path: Path) -> None:
    """Member data is personal: files we create are readable by their owner only."""
    if os.name == "posix":
        with contextlib.suppress(OSError):
            os.chmod(path, 0o600)


def connect_read_only(path: Path, **kwargs: object) -> sqlite3.Connection:
    """Open an SQLite file read-only, whatever its name holds.

    The URI is built by ``Path.as_uri()``, which percent-encodes ``#``, ``?``,
    ``%`` and the rest: a hand-built ``file:{path}?mode=ro`` read ``club#2`` as
    the file ``club`` with a fragment, and backed up an empty database.
    """
    uri = Path(os.path.abspath(path)).as_uri() + "?mode=ro"
    return sqlite3.connect(uri, uri=True, **kwargs)  # type: ignore[arg-type]


def copy_sqlite(source: Path, dest: Path) -> Path:
    """Copy ``source`` to ``dest`` through the backup API (safe while in use)."""
    if not dest.parent.exists():
        dest.parent.mkdir(parents=True)
        if os.name == "posix":  # backups hold everyone's details: owner-only folder
            with contextlib.suppress(OSError):
                os.chmod(dest.parent, 0o700)
    tmp = dest.with_name(dest.name + ".part")
    src = connect_read_only(source)
    try:
        out = sqlite3.connect(tmp)
        try:
            src.backup(out)
        finally:
            out.close()
    finally:
        src.close()
    owner_only(tmp)
    os.replace(tmp, dest)
    return dest


def backup_name(source: Path, reason: str, now: datetime | None = None) -> str:
    now = now or datetime.now()
    reason = re.sub(r"[^a-z0-9-]+", "-", reason.lower()).strip("-") or "manual"
    return f"{source.stem}-{now:%Y%m%d-%H%M%S}-{now.microsecond:06d}-{reason}.sqlite3"


def rotate(folder: Path, stem: str, *, keep_recent: int = 10, keep_months: int = 12) -> list[Path]:
    """Delete old backups of ``stem``; return what was removed."""
    files = sorted(
        (p for p in folder.glob(f"{stem}-*.sqlite3") if BACKUP_PATTERN.match(p.name)),
        key=lambda p: p.name,
        reverse=True,
    )
    keep = set(files[:keep_recent])
    months: dict[str, Path] = {}
    for p in files:
        stamp = BACKUP_PATTERN.match(p.name)["stamp"]  # type: ignore[index]
        months.setdefault(stamp[:6], p)
    for month in sorted(months, reverse=True)[:keep_months]:
        keep.add(months[month])
    removed = [p for p in files if p not in keep]
    for p in removed:
        p.unlink(missing_ok=True)
    return removed


def backup_sqlite_file(
    source: Path, folder: Path, *, reason: str = "manual", dest: Path | None = None
) -> Path:
    """Take a backup into ``folder`` (or to ``dest``) and rotate the folder."""
    if dest is not None:
        return copy_sqlite(source, dest)
    target = copy_sqlite(source, folder / backup_name(source, reason))
    rotate(folder, source.stem)
    return target
