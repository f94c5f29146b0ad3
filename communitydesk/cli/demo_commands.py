"""`demo`: realistic data for trying the app."""

from __future__ import annotations

import argparse

from communitydesk.cli.context import CliContext, emit
from communitydesk.i18n import _
from communitydesk.services.demo.fill import fill_demo_data
from communitydesk.services.members.records import count_members


def register(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser("demo", help=_("fill an empty database with realistic demo data"))
    p.add_argument("--members", type=int, default=60)
    p.add_argument("--meetings", type=int, default=12)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--if-empty", action="store_true",
                   help=_("do nothing (exit 0) when the database already has members"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=demo)


def demo(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.db.session() as session:
        if args.if_empty and count_members(session):
            print(_("{database} already has members; left as it is").format(
                database=ctx.db.display_name))
            return 0
        summary = fill_demo_data(session, members=args.members, meetings=args.meetings, seed=args.seed)
    emit(args, summary, _("demo data: {members} members, {meetings} meetings, {entries} register "
                          "entries, {actions} actions, {talks} one-to-ones").format(
                              members=summary.members, meetings=summary.meetings,
                              entries=summary.attendance, actions=summary.actions,
                              talks=summary.one_to_ones))
    return 0
