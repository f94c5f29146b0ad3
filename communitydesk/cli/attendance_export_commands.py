"""`attendance export`: the register as CSV/XLSX (entry, member, meeting or month rows).

``add_export_parser(attendance_subparsers)`` adds the command to an existing
``attendance`` group (``attendance mark|import`` live in the attendance
module); ``register`` creates the group only when nobody has yet.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from communitydesk.cli.context import CliContext, emit
from communitydesk.i18n import _, ngettext
from communitydesk.services.attendance.export import BY_CHOICES, export_attendance
from communitydesk.services.meetings.planning import parse_day
from communitydesk.services.reports.periods import Period


def register(commands: argparse._SubParsersAction) -> None:
    sub = attendance_subparsers(commands)
    if "export" not in sub.choices:
        add_export_parser(sub)


def attendance_subparsers(commands: argparse._SubParsersAction) -> argparse._SubParsersAction:
    """The ``attendance`` group's sub-commands, creating the group if it does not exist."""
    parser = commands.choices.get("attendance")
    if parser is None:
        parser = commands.add_parser("attendance", help=_("take, import and export the register"))
        return parser.add_subparsers(dest="attendance_command", metavar="ACTION", required=True)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    return parser.add_subparsers(dest="attendance_command", metavar="ACTION", required=True)


def add_export_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "export", help=_("export the register to CSV or XLSX"),
        description=_("Export attendance. --by entry (default): one row per meeting and person "
                    "with the status; member / meeting / month: the report's totals per row."),
    )
    p.add_argument("-o", "--output", required=True, metavar="FILE")
    p.add_argument("--format", choices=("csv", "xlsx"),
                   help=_("default: from the file name's extension, else csv"))
    p.add_argument("--from", dest="from_date", metavar="D", help=_("first meeting date (inclusive)"))
    p.add_argument("--to", dest="to_date", metavar="D", help=_("last meeting date (inclusive)"))
    p.add_argument("--by", choices=BY_CHOICES, default="entry")
    p.add_argument("--json", action="store_true", help=_("print {path, format, by, rows}"))
    p.set_defaults(handler=export_command)


def period_from_args(args: argparse.Namespace) -> Period:
    start = parse_day(args.from_date, field="--from") if args.from_date else None
    end = parse_day(args.to_date, field="--to") if args.to_date else None
    return Period(start, end)


def export_command(args: argparse.Namespace, ctx: CliContext) -> int:
    period = period_from_args(args)
    with ctx.db.session() as session:
        result = export_attendance(session, Path(args.output), period=period, fmt=args.format,
                                   by=args.by)
    emit(args, result, ngettext("{count} row written to {file} ({format}, by {by})",
                                "{count} rows written to {file} ({format}, by {by})",
                                result.rows).format(count=result.rows, file=result.path,
                                                    format=result.format, by=result.by))
    return 0
