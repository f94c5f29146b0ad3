"""Opening a database from the GUI: one writer per SQLite file, keyring passwords, open-time notes.

Qt-free on purpose (the GUI shows the result): ``open_guarded`` takes the
writer lock next to an SQLite file, or opens read-only and says who has it.
It touches no widget, so a caller may run it on a worker thread; a password
typed in the connect dialog wins over one remembered in the keyring.
"""

from __future__ import annotations

from dataclasses import dataclass

from communitydesk.config import Paths, sqlite_file
from communitydesk.db.engine import Database, open_database
from communitydesk.db.file_lock import WriterLock
from communitydesk.i18n import _
from communitydesk.services.backups.auto_backup import OpenNotes, on_open
from communitydesk.services.core.connection_check import server_url


@dataclass
class GuardedDatabase:
    db: Database
    lock: WriterLock | None
    notes: OpenNotes

    def close(self) -> None:
        self.db.dispose()
        if self.lock is not None:
            self.lock.release()
            self.lock = None


def open_guarded(target: str, paths: Paths, *, audit_user: str | None = None) -> GuardedDatabase:
    """Open for the GUI; raises UserError like ``open_database``."""
    path = sqlite_file(target)
    lock = None
    reason = None
    if path is not None and path.parent.is_dir():
        lock = WriterLock(path)
        if not lock.acquire():
            reason = _("it is open in CommunityDesk by {holder}").format(
                holder=lock.holder.describe())  # type: ignore[union-attr]
            lock = None
    try:
        db = open_database(server_url(target) if path is None else target,
                           backups_dir=paths.backups_dir, read_only_reason=reason)
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    if audit_user:
        db.set_audit_user(audit_user)
    return GuardedDatabase(db=db, lock=lock, notes=on_open(db, default_backups_dir=paths.backups_dir))
