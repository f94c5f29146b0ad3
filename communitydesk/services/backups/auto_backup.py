"""What happens each time the database is opened: the day's first backup and location warnings.

The backups folder comes from the group setting ``backup_dir`` (e.g. a USB
stick) when set and reachable, else the per-user default. The first open of
each day takes a backup there (rotated with the rest), so a laptop that dies
loses at most a day.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from communitydesk.db.encryption import all_errors
from communitydesk.db.engine import Database
from communitydesk.db.sqlite_backup import BACKUP_PATTERN, backups_of
from communitydesk.db.storage_location import storage_warning
from communitydesk.errors import UserError
from communitydesk.i18n import _
from communitydesk.services.privacy.file_scrub import finish_pending_scrub
from communitydesk.services.settings.group_settings import load_settings


@dataclass(frozen=True)
class OpenNotes:
    backup: Path | None = None
    warnings: tuple[str, ...] = field(default_factory=tuple)
    backup_problem: str | None = None  # the day's backup could not be written (disk full…): why


def private_folder(folder: Path) -> Path:
    """Create ``folder`` readable by its owner only (backups hold everyone's details)."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        with contextlib.suppress(OSError):
            os.chmod(folder, 0o700)
    return folder


def choose_backups_dir(db: Database, default: Path) -> tuple[Path, str | None]:
    """The folder backups go to, and a warning if the chosen one is not reachable."""
    with db.session() as session:
        chosen = load_settings(session).backup_dir.strip()
    if not chosen:
        return default, None
    folder = Path(chosen).expanduser()
    if not folder.is_dir():
        return default, _("The backup folder {folder} is not available (is the USB stick "
                          "plugged in?); backups go to {default} for now.").format(folder=folder, default=default)
    return folder, None


def has_backup_from(folder: Path, stem: str, day: date) -> bool:
    return any(BACKUP_PATTERN.match(p.name)["stamp"].startswith(f"{day:%Y%m%d}")  # type: ignore[index]
               for p in backups_of(folder, stem))


def daily_backup_if_due(db: Database, *, today: date | None = None) -> Path | None:
    """Take the day's backup unless there is one already; None if none was needed."""
    if db.sqlite_path is None or db.read_only or db.just_created or not db.sqlite_path.exists():
        return None
    today = today or date.today()
    if has_backup_from(db.backups_dir, db.sqlite_path.stem, today):
        return None
    private_folder(db.backups_dir)
    return db.backup(reason="daily")


def on_open(db: Database, *, default_backups_dir: Path, today: date | None = None) -> OpenNotes:
    """Point backups at the chosen folder, take the daily backup, collect warnings."""
    warnings: list[str] = []
    if db.sqlite_path is not None:
        location = storage_warning(db.sqlite_path)
        if location:
            warnings.append(location)
    taken = None
    problem_with_backup = None
    if not db.read_only:
        folder, problem = choose_backups_dir(db, default_backups_dir)
        db.backups_dir = folder
        if problem:
            warnings.append(problem)
        pending = finish_pending_scrub(db)  # an erasure another program held up
        if pending:
            warnings.append(pending)
        try:
            taken = daily_backup_if_due(db, today=today)
        except (OSError, *all_errors(), UserError) as exc:  # sqlite3's or sqlcipher3's
            # A full or unwritable backups folder must not lock the group out of
            # its data: open anyway, and say so.
            problem_with_backup = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            warnings.append(_("The daily backup could not be taken ({problem}); the database is open, "
                              "but make room or choose another backup folder").format(problem=problem_with_backup))
    return OpenNotes(backup=taken, warnings=tuple(warnings), backup_problem=problem_with_backup)
