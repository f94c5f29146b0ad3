"""`db upgrade|check|backup|restore`."""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path

from communitydesk.cli.context import CliContext, emit
from communitydesk.config import sqlite_file
from communitydesk.db import migrate
from communitydesk.db.engine import Database, open_database
from communitydesk.db.file_lock import sole_writer
from communitydesk.errors import UserError
from communitydesk.i18n import _
from communitydesk.services.backups.auto_backup import choose_backups_dir
from communitydesk.services.backups.backup import (
    backup_now,
    is_damaged,
    restore_backup,
    restore_over_damaged,
)
from communitydesk.services.core.integrity import (
    check_database,
    find_lost_links,
    restore_lost_links,
)


def register(commands: argparse._SubParsersAction) -> None:
    db = commands.add_parser("db", help=_("create, check, back up and restore the database"))
    sub = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)

    p = sub.add_parser("upgrade", help=_("create or migrate the database (backup first)"))
    p.set_defaults(handler=upgrade)

    p = sub.add_parser("check", help=_("integrity and foreign-key check"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=check)

    p = sub.add_parser("backup", help=_("consistent copy while in use"))
    p.add_argument("-o", "--output", type=Path, help=_("file to write (default: the backups folder)"))
    p.set_defaults(handler=backup)

    p = sub.add_parser("restore", help=_("replace the database with a checked backup"))
    p.add_argument("file", type=Path)
    p.set_defaults(handler=restore)


def upgrade(args: argparse.Namespace, ctx: CliContext) -> int:
    db = ctx.db
    print(f"{db.display_name}: schema {migrate.head_revision()} (up to date)")
    lost = find_lost_links(db)
    if lost is not None:
        done = restore_lost_links(db, lost)
        print(f"restored the one-to-one link of {done} ladder moves from {lost.backup}")
    return 0


def _open_as_is(ctx: CliContext) -> Database:
    """The database without upgrading it: restore and check must work on a file whose
    upgrade fails, or there is no way back to the backup taken before it."""
    from communitydesk.cli.db_password_commands import unlock_for_cli  # #20: encrypted file

    unlock_for_cli(ctx.db_target)
    db = open_database(ctx.db_target, backups_dir=ctx.paths.backups_dir, upgrade=False)
    with contextlib.suppress(Exception):  # an older schema may not read the settings yet
        db.backups_dir, _ = choose_backups_dir(db, ctx.paths.backups_dir)
    return db


def check(args: argparse.Namespace, ctx: CliContext) -> int:
    ctx.refuse_missing_file()  # a mistyped name is not "a failed upgrade"
    problems: list[str] = []
    try:
        db = ctx.db
    except UserError as exc:  # the upgrade on open failed: still check what is there
        problems.append(f"upgrade: {exc}")
        db = _open_as_is(ctx)
    try:
        problems += check_database(db)
        name = db.display_name
    finally:
        if db is not ctx._db:
            db.dispose()
    emit(args, {"ok": not problems, "problems": problems},
         "\n".join(problems) if problems else f"{name}: no problems found")
    if problems and not args.json:
        raise UserError(f"{len(problems)} problem(s) found in {name}")
    return 1 if problems else 0


def backup(args: argparse.Namespace, ctx: CliContext) -> int:
    out = args.output.expanduser().resolve() if args.output else None
    if out is not None and out.exists():
        raise UserError(f"{out} already exists; choose a new file name")
    print(backup_now(ctx.db, dest=out))
    return 0


def restore(args: argparse.Namespace, ctx: CliContext) -> int:
    from communitydesk.cli.db_password_commands import unlock_for_cli  # #20: an encrypted backup

    with sole_writer(ctx.db_target, _("restore a backup")):
        unlock_for_cli(ctx.db_target)
        unlock_for_cli(str(args.file.expanduser().resolve()), also=sqlite_file(ctx.db_target))
        path = sqlite_file(ctx.db_target)
        if path is not None and path.is_file() and is_damaged(path):  # nothing opens it: swap the file
            result = restore_over_damaged(path, args.file, ctx.paths.backups_dir)
            ctx.db  # noqa: B018 - open it now: upgrades the restored copy, or says why not
            print(f"restored {result.restored_from}; the damaged file is saved in "
                  f"{result.previous_state_saved_to}")
            return 0
        db = _open_as_is(ctx)
        try:
            result = restore_backup(db, args.file, on_wait=lambda why: print(why, file=sys.stderr, flush=True))
        finally:
            db.dispose()
    print(f"restored {result.restored_from}; the previous state is saved in {result.previous_state_saved_to}")
    return 0
