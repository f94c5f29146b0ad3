"""`db upgrade|check|backup|restore`."""

from __future__ import annotations

import argparse
from pathlib import Path

from communitydesk.cli.context import CliContext, emit
from communitydesk.db import migrate
from communitydesk.db.file_lock import sole_writer
from communitydesk.errors import UserError
from communitydesk.services.backup import backup_now, restore_backup
from communitydesk.services.integrity import check_database


def register(commands: argparse._SubParsersAction) -> None:
    db = commands.add_parser("db", help="create, check, back up and restore the database")
    sub = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)

    p = sub.add_parser("upgrade", help="create or migrate the database (backup first)")
    p.set_defaults(handler=upgrade)

    p = sub.add_parser("check", help="integrity and foreign-key check")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=check)

    p = sub.add_parser("backup", help="consistent copy while in use")
    p.add_argument("-o", "--output", type=Path, help="file to write (default: the backups folder)")
    p.set_defaults(handler=backup)

    p = sub.add_parser("restore", help="replace the database with a checked backup")
    p.add_argument("file", type=Path)
    p.set_defaults(handler=restore)


def upgrade(args: argparse.Namespace, ctx: CliContext) -> int:
    db = ctx.db
    print(f"{db.display_name}: schema {migrate.head_revision()} (up to date)")
    return 0


def check(args: argparse.Namespace, ctx: CliContext) -> int:
    problems = check_database(ctx.db)
    emit(args, {"ok": not problems, "problems": problems},
         "\n".join(problems) if problems else f"{ctx.db.display_name}: no problems found")
    if problems and not args.json:
        raise UserError(f"{len(problems)} problem(s) found in {ctx.db.display_name}")
    return 1 if problems else 0


def backup(args: argparse.Namespace, ctx: CliContext) -> int:
    out = args.output.expanduser().resolve() if args.output else None
    if out is not None and out.exists():
        raise UserError(f"{out} already exists; choose a new file name")
    print(backup_now(ctx.db, dest=out))
    return 0


def restore(args: argparse.Namespace, ctx: CliContext) -> int:
    with sole_writer(ctx.db_target, "restore a backup"):
        result = restore_backup(ctx.db, args.file)
    print(f"restored {result.restored_from}; the previous state is saved in {result.previous_state_saved_to}")
    return 0
