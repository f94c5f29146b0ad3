"""`members add|list|import|export`: the member list from the command line."""

from __future__ import annotations

import argparse
import contextlib

from communitydesk.cli.context import CliContext, emit
from communitydesk.db.file_lock import sole_writer
from communitydesk.services.member_export import FORMATS, export_members
from communitydesk.services.member_import import (
    import_people,
    parse_mapping_options,
    read_import_file,
)
from communitydesk.services.members import add_member, list_members
from communitydesk.services.settings import load_settings


def register(commands: argparse._SubParsersAction) -> None:
    members = commands.add_parser("members", help="the member list")
    sub = members.add_subparsers(dest="members_command", metavar="ACTION", required=True)

    p = sub.add_parser("list", help="list members")
    p.add_argument("--status", choices=["prospect", "active", "lapsed", "left"])
    p.add_argument("--tag")
    p.add_argument("--search")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=list_command)

    p = sub.add_parser("add", help="add a member")
    p.add_argument("--first-name", required=True)
    p.add_argument("--last-name", required=True)
    p.add_argument("--email")
    p.add_argument("--phone")
    p.add_argument("--postcode")
    p.add_argument("--status", default="active")
    p.add_argument("--tag", action="append", default=[])
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=add_command)

    p = sub.add_parser(
        "import", help="import a member list (CSV, XLSX or vCard; Google, Mailchimp, Eventbrite...)")
    p.add_argument("file")
    p.add_argument("--dry-run", action="store_true", help="report what would change, write nothing")
    p.add_argument("--map", action="append", default=[], metavar="HEADER=FIELD",
                   help="use a column for a field, e.g. --map \"Mobile=phone\" (repeatable)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=import_command)

    p = sub.add_parser("export", help="write every member to CSV, XLSX or vCard")
    p.add_argument("-o", "--output", required=True, metavar="FILE")
    p.add_argument("--format", choices=FORMATS, help="default: from the file name, else csv")
    p.set_defaults(handler=export_command)


def list_command(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.db.session() as session:
        rows = list_members(session, status=args.status, tag=args.tag, search=args.search)
    text = "\n".join(
        f"{m.id:>6}  {m.full_name:<32} {m.email or '':<32} {m.status}" for m in rows
    ) or "no members match"
    emit(args, rows, text)
    return 0


def add_command(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.db.session() as session:
        member = add_member(
            session, first_name=args.first_name, last_name=args.last_name, email=args.email,
            phone=args.phone, postcode=args.postcode, status=args.status, tags=args.tag,
        )
    emit(args, member, str(member.id))
    return 0


def import_command(args: argparse.Namespace, ctx: CliContext) -> int:
    overrides = parse_mapping_options(args.map)
    source = read_import_file(args.file, overrides=overrides)
    # The window's writer lock is honoured: an import under an open window is refused.
    with (contextlib.nullcontext() if args.dry_run else sole_writer(ctx.db_target, "import members")),\
            ctx.db.session() as session:
        region = load_settings(session).phone_region
        result = import_people(session, source, dry_run=args.dry_run, phone_region=region)
        if args.dry_run:
            session.rollback()
    lines = [f"{args.file} ({source.format}): {result.summary()}"]
    lines += [f"  row {p.line}: {p.field}: {p.reason}" for p in result.rejected]
    lines += [f"  row {p.line}: {p.field}: {p.reason}" for p in result.warnings]
    lines += [f"  row {c.row}: {c.name}: {c.field} is {c.existing!r} here, {c.incoming!r} in the "
              "file (kept)" for c in result.conflicts]
    emit(args, result, "\n".join(lines))
    return 0


def export_command(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.db.session() as session:
        count = export_members(session, args.output, fmt=args.format)
    print(f"{count} members written to {args.output}")
    return 0
