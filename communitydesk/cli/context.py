"""What every command handler gets: parsed paths, the database target, output helpers."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from communitydesk.config import DB_ENV, Paths, resolve_database, sqlite_file
from communitydesk.db.busy_wait import limit_from_environment, wait_for_writers
from communitydesk.db.engine import Database, open_database
from communitydesk.errors import UserError
from communitydesk.i18n import _
from communitydesk.services.backups.auto_backup import on_open
from communitydesk.services.core.jsonable import dumps

# Commands that may create a missing SQLite file (the window's first-run screen may too; it
# opens its own database). Any other command refuses it, so a typo never starts an empty list.
CREATING_COMMANDS = frozenset({("demo", None), ("db", "upgrade")})


def may_create_database(args: Any) -> bool:
    """True for ``db upgrade`` and ``demo``: the commands the contract lets create a database."""
    command = getattr(args, "command", None)
    return (command, getattr(args, "db_command", None) if command == "db" else None) in CREATING_COMMANDS


@dataclass
class CliContext:
    paths: Paths
    db_target: str
    explicit_db: bool = False
    may_create: bool = False
    _db: Database | None = field(default=None, init=False)

    @classmethod
    def create(cls, db_option: str | None, *, may_create: bool = False) -> CliContext:
        paths = Paths.from_environment()
        explicit = bool(db_option or os.environ.get(DB_ENV))
        return cls(paths=paths, db_target=resolve_database(db_option, paths), explicit_db=explicit,
                   may_create=may_create)

    def refuse_missing_file(self) -> None:
        """A missing SQLite file is an error, naming how to create one on purpose."""
        path = sqlite_file(self.db_target)
        if self.may_create or path is None or path.exists():
            return
        if self.explicit_db:
            raise UserError(_("there is no database at {path}; check the name, or create one with "
                              "`communitydesk --db {path} db upgrade` (or `demo` for sample data)")
                            .format(path=path))
        raise UserError(_("there is no database yet at {path}; open the window to start one, "
                          "or run `communitydesk db upgrade`").format(path=path))

    def ensure_default_folder(self) -> None:
        if Path(self.db_target) == self.paths.default_database:
            self.paths.data_dir.mkdir(parents=True, exist_ok=True)

    @property
    def db(self) -> Database:
        """Open (create, migrate) the database on first use."""
        if self._db is None:
            self.refuse_missing_file()
            self.ensure_default_folder()
            from communitydesk.cli.db_password_commands import unlock_for_cli  # #20: encrypted file

            unlock_for_cli(self.db_target)
            self._db = open_database(
                self.db_target,
                backups_dir=self.paths.backups_dir,
                on_backup=lambda p: print(_("backup taken before upgrade: {file}").format(file=p),
                                          file=sys.stderr),
            )
            if self._db.sqlite_path is not None:  # another program writing: wait, saying for whom
                wait_for_writers(self._db.engine, self._db.sqlite_path, limit=limit_from_environment(),
                                 on_wait=lambda note: print(note, file=sys.stderr, flush=True))
            notes = on_open(self._db, default_backups_dir=self.paths.backups_dir)
            for warning in notes.warnings:
                print(_("warning: {message}").format(message=warning), file=sys.stderr)
        return self._db

    def close(self) -> None:
        if self._db is not None:
            self._db.dispose()


def said_yes(answer: str) -> bool:
    """"yes"/"y" or the reader's own word for yes ("tak", "так"): the answer typed at a prompt."""
    word = answer.strip().lower()
    return word in ("y", "yes") or word == _("yes").lower()


def emit(args: Any, value: Any, text: str | None = None) -> None:
    """Print JSON with ``--json``, else the human text (or nothing)."""
    if getattr(args, "json", False):
        print(dumps(value))
    elif text is not None:
        print(text)
