"""`members add|list` (import and export live beside them as the members capability grows)."""

from __future__ import annotations

import argparse

from communitydesk.cli.context import CliContext, emit
from communitydesk.services.members import add_member, list_members


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
