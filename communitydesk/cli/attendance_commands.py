"""`attendance mark|import` (and `attendance export`, which the reports module adds when present)."""

from __future__ import annotations

import argparse
import importlib

from communitydesk.cli.context import CliContext, emit
from communitydesk.db.file_lock import sole_writer
from communitydesk.services.attendance import STATUSES, record_attendance
from communitydesk.services.attendance_import import import_register_file


def register(commands: argparse._SubParsersAction) -> None:
    attendance = commands.add_parser("attendance", help="the register: mark, import an old register, export")
    sub = attendance.add_subparsers(dest="attendance_command", metavar="ACTION", required=True)

    p = sub.add_parser("mark", help="one register entry")
    p.add_argument("meeting_id", type=int, metavar="MEETING_ID")
    p.add_argument("member_id", type=int, metavar="MEMBER_ID")
    p.add_argument("--status", required=True, choices=STATUSES)
    p.set_defaults(handler=mark_command)

    p = sub.add_parser("import", help="a legacy register spreadsheet: one row a person, one column a date")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--title", help='title for meetings it creates (default "General meeting")')
    p.add_argument("--monthfirst", action="store_true", help="dates are US month-first (01/31/2026)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=import_command)

    _add_export(sub)


def _add_export(sub: argparse._SubParsersAction) -> None:
    """`attendance export` belongs to the reports capability; join it to this group if it is installed."""
    try:
        export = importlib.import_module("communitydesk.cli.attendance_export_commands")
    except ModuleNotFoundError:
        return
    add = getattr(export, "add_export_parser", None)
    if add is not None:
        add(sub)


def mark_command(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.db.session() as session:
        entry = record_attendance(session, args.meeting_id, member_id=args.member_id, status=args.status)
    print(f"meeting {entry.meeting_id}, member {entry.member_id}: {entry.status}")
    return 0


def import_command(args: argparse.Namespace, ctx: CliContext) -> int:
    with sole_writer(ctx.db_target, "import a register"):  # never under an open window
        if ctx.db.is_sqlite:  # an import may correct existing entries: keep the state before it
            ctx.db.backup(reason="before-register-import")
        with ctx.db.session() as session:
            result = import_register_file(session, args.file, title=args.title, monthfirst=args.monthfirst)
    emit(args, result, result.summary())
    return 0
