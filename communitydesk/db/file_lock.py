"""One writer per SQLite file: a lock file next to the database says who has it open.

``<db>.lock`` holds the pid, host, user and start time of the copy of the app
that writes to the file, and (on POSIX) that process holds an ``flock`` on it,
which the operating system drops when the process dies, even on ``kill -9``.
A second copy finds the lock held and opens read-only, telling the person who
has the file. A lock left by a crash (the flock is free, or the pid is dead on
this host) is taken over silently.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from communitydesk.config import sqlite_file
from communitydesk.errors import UserError
from communitydesk.i18n import _

try:  # POSIX
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


@dataclass(frozen=True)
class LockHolder:
    pid: int
    host: str
    user: str
    since: str

    def describe(self) -> str:
        return _("{user} on {host} (process {pid}, since {since})").format(
            user=self.user, host=self.host, pid=self.pid, since=self.since)


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


def _me() -> LockHolder:
    try:
        user = getpass.getuser()
    except (OSError, KeyError):
        user = "unknown"
    return LockHolder(os.getpid(), socket.gethostname(), user,
                      datetime.now().strftime("%Y-%m-%d %H:%M"))


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def read_holder(path: Path) -> LockHolder | None:
    try:
        data = json.loads(lock_path(path).read_text(encoding="utf-8"))
        return LockHolder(int(data["pid"]), str(data["host"]), str(data["user"]), str(data["since"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


class WriterLock:
    """Hold it for as long as the app writes to the file; ``release()`` on close."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self.path = lock_path(db_path)
        self._fd: int | None = None
        self.holder: LockHolder | None = None  # someone else, when acquire() failed

    def acquire(self) -> bool:
        """True if we are now the writer; False (``holder`` set) if another live copy is."""
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                os.close(fd)
                self.holder = read_holder(self.db_path) or LockHolder(0, "?", _("another program"), "?")
                return False
        else:  # no flock: trust the recorded pid when it is on this host
            other = read_holder(self.db_path)
            me = _me()
            if other and other.pid != me.pid and (other.host != me.host or _pid_alive(other.pid)):
                os.close(fd)
                self.holder = other
                return False
        me = _me()
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(me.__dict__).encode("utf-8"), 0) if hasattr(os, "pwrite") \
            else os.write(fd, json.dumps(me.__dict__).encode("utf-8"))
        with contextlib.suppress(OSError):
            os.chmod(self.path, 0o600)
        self._fd = fd
        return True

    def release(self) -> None:
        if self._fd is None:
            return
        with contextlib.suppress(OSError):
            os.ftruncate(self._fd, 0)
        os.close(self._fd)  # closing drops the flock
        self._fd = None
        with contextlib.suppress(OSError):
            self.path.unlink()

    @property
    def held(self) -> bool:
        return self._fd is not None


@contextlib.contextmanager
def sole_writer(target: str, doing: str) -> Iterator[None]:
    """Refuse to ``doing`` (e.g. "restore a backup") while a window has the file open:
    replacing the data under a running copy would lose what it shows and saves."""
    path = sqlite_file(target)
    if path is None or not path.parent.is_dir():
        yield
        return
    lock = WriterLock(path)
    if not lock.acquire():
        raise UserError(_("cannot {doing}: the database is open in CommunityDesk by {holder}; "
                          "close it there first, then try again").format(
                              doing=doing,
                              holder=lock.holder.describe() if lock.holder else _("another program")))
    try:
        yield
    finally:
        lock.release()
