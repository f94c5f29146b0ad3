"""Writing a user's file all or nothing: never a truncated file under the name they asked for.

Every file we hand a person (exports, PDFs, calendars, backups) is written to a
private temporary file beside the target (mode 0600: they hold personal data),
flushed to disk, then renamed over the target in one step. If anything fails,
a full disk included, the temporary file is removed and the target is left as
it was; the error is one line naming the file.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from communitydesk.errors import UserError
from communitydesk.i18n import N_, _

PART_SUFFIX = ".part"
_OUR_TEMPORARY = re.compile(r"^\..+\.[a-z0-9_]{8}\.part$")  # mkstemp(prefix=".name.", suffix=".part")
STALE_PART_SECONDS = 3600  # a temporary file this old belongs to a write that was killed

_WHY = {
    errno.ENOSPC: N_("the disk is full"),
    errno.EDQUOT: N_("the disk quota is used up"),
    errno.EFBIG: N_("the file is larger than this system allows"),
    errno.EACCES: N_("permission denied"),
    errno.EPERM: N_("permission denied"),
    errno.EROFS: N_("the disk is read-only"),
}


def temporary_name(dest: Path) -> str:
    """Hidden, recognisable, unique: ``.members.xlsx.<random>.part``."""
    return f".{dest.name}."


def write_failed(dest: Path, exc: OSError) -> UserError:
    """One line a person can act on (the operating system's text varies and can be long)."""
    if exc.errno == errno.ENOENT and not dest.parent.is_dir():
        why = _("the folder {folder} does not exist").format(folder=dest.parent)
    else:
        known = _WHY.get(exc.errno or 0)
        why = _(known) if known else (exc.strerror or str(exc)).splitlines()[0]
    return UserError(_("cannot write {file}: {problem}; nothing was saved under that name").format(
        file=dest, problem=why))


def sync_folder(folder: Path) -> None:
    """Make a rename durable (POSIX; a no-op elsewhere)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def sweep_stale_parts(folder: Path, *, older_than: float = STALE_PART_SECONDS) -> list[Path]:
    """Remove temporary files left by writes that were killed; return what was removed.

    Only our own names are touched (``.<name>.<random>.part`` and the older
    ``<name>.sqlite3.part``), and only when nothing has written to them for a
    while, so a copy in progress in another process is left alone.
    """
    removed: list[Path] = []
    limit = time.time() - older_than
    with contextlib.suppress(OSError):
        for p in folder.iterdir():
            if not (_OUR_TEMPORARY.match(p.name) or p.name.endswith(".sqlite3" + PART_SUFFIX)):
                continue
            with contextlib.suppress(OSError):
                if p.is_file() and p.stat().st_mtime < limit:
                    p.unlink()
                    removed.append(p)
    return removed


@contextmanager
def replacing(dest: Path) -> Iterator[Path]:
    """Yield a private temporary path beside ``dest``; on success it replaces ``dest``.

    For writers that want a path (SQLite, ReportLab, openpyxl). On any error,
    the temporary file is removed and ``dest`` is untouched; an ``OSError``
    becomes a one-line ``UserError``.
    """
    dest = Path(dest)
    folder = dest.parent if str(dest.parent) else Path(".")
    try:
        fd, name = tempfile.mkstemp(dir=folder, prefix=temporary_name(dest), suffix=PART_SUFFIX)
    except OSError as exc:
        raise write_failed(dest, exc) from exc
    os.close(fd)  # mkstemp made it 0600
    tmp = Path(name)
    try:
        yield tmp
        _fsync_file(tmp)
        os.replace(tmp, dest)
    except OSError as exc:
        _remove(tmp)
        raise write_failed(dest, exc) from exc
    except BaseException:
        _remove(tmp)
        raise
    sync_folder(folder)


@contextmanager
def atomic_open(dest: Path, mode: str = "w", **kwargs: Any) -> Iterator[IO[Any]]:
    """``open()`` for writing a whole file at once: ``with atomic_open(p, "w", newline="") as fh``."""
    if not any(m in mode for m in "wx"):
        raise ValueError("atomic_open writes a new file: use mode 'w' or 'wb'")
    with replacing(dest) as tmp, tmp.open(mode.replace("x", "w"), **kwargs) as fh:
        yield fh
        fh.flush()


def atomic_write(dest: Path, data: bytes | str, *, encoding: str = "utf-8") -> Path:
    """Write ``data`` to ``dest`` all or nothing, readable by the owner only."""
    with replacing(dest) as tmp:
        tmp.write_bytes(data.encode(encoding) if isinstance(data, str) else data)
    return dest


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove(path: Path) -> None:
    for leftover in (path, path.with_name(path.name + "-journal")):
        with contextlib.suppress(OSError):
            leftover.unlink()
