"""`attendance mark|import` (and `attendance export`, which the reports module adds when present)."""

from __future__ import annotations

import argparse
import importlib

from communitydesk.cli.context import CliContext, emit
from communitydesk.db.file_lock import sole_writer
from communitydesk.i18n import _
from communitydesk.services.attendance.importing import import_register_file
from communitydesk.services.attendance.register import STATUSES, record_attendance
from communitydesk.services.attendance.sheet_numbers import person_at_row
from communitydesk.services.members.refs import find_member_ref


def register(commands: argparse._SubParsersAction) -> None:
    attendance = commands.add_parser("attendance", help=_("the register: mark, import an old register, export"))
    sub = attendance.add_subparsers(dest="attendance_command", metavar="ACTION", required=True)

    p = sub.add_parser(
        "mark", help=_("one register entry: a member, or the person printed at a row of the sign-in sheet"),
        usage="%(prog)s MEETING_ID MEMBER_ID --status S | MEETING_ID --row N [--status S]")
    p.add_argument("meeting_id", type=int, metavar="MEETING_ID")
    p.add_argument("member_id", metavar="MEMBER", nargs="?",
                   help=_("the member's id, email, or full name"))
    p.add_argument("--row", type=int, metavar="N",
                   help=_("the row number on the printed sign-in sheet (status defaults to present)"))
    p.add_argument("--status", choices=STATUSES)
    p.set_defaults(handler=mark_command, mark_parser=p)

    p = sub.add_parser("import", help=_("a legacy register spreadsheet: one row a person, one column a date"))
    p.add_argument("file", metavar="FILE")
    p.add_argument("--title", help=_('title for meetings it creates (default "General meeting")'))
    p.add_argument("--monthfirst", action="store_true", help=_("dates are US month-first (01/31/2026)"))
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
    parser: argparse.ArgumentParser = args.mark_parser
    if (args.member_id is None) == (args.row is None):
        parser.error(_("give either MEMBER or --row N"))
    if args.row is not None:
        return _mark_row(args, ctx)
    if args.status is None:
        parser.error(_("the following arguments are required: %s") % "--status")
    with ctx.db.session() as session:
        member_id = find_member_ref(session, args.member_id, field="MEMBER")
        entry = record_attendance(session, args.meeting_id, member_id=member_id, status=args.status)
    print(f"meeting {entry.meeting_id}, member {entry.member_id}: {entry.status}")
    return 0


def _mark_row(args: argparse.Namespace, ctx: CliContext) -> int:
    """The paper sheet's row N: the numbers are fixed (as printed) before the person is looked up."""
    status = args.status or "present"
    with ctx.db.session() as session:
        person = person_at_row(session, args.meeting_id, args.row)
        entry = record_attendance(session, args.meeting_id, member_id=person.member_id, status=status)
    print(f"meeting {entry.meeting_id}, row {person.number} ({person.display_name}, "
          f"member {entry.member_id}): {entry.status}")
    return 0


def import_command(args: argparse.Namespace, ctx: CliContext) -> int:
    # never under an open window; the import backs the file up first
    with sole_writer(ctx.db_target, _("import a register")), ctx.db.session() as session:
        result = import_register_file(session, args.file, title=args.title, monthfirst=args.monthfirst)
    emit(args, result, result.summary())
    return 0
