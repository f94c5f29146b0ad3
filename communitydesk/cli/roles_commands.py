"""`db grant LOGIN ROLE`, `db revoke LOGIN ROLE`, `db roles` (#20): who may do what on a shared database.

The rights themselves are PostgreSQL's (db/roles.py); these commands only say who holds
which role. A login without the right to grant gets PostgreSQL's refusal, as every command does.
"""

from __future__ import annotations

import argparse

from communitydesk.cli.context import CliContext, emit
from communitydesk.db import roles
from communitydesk.errors import UserError
from communitydesk.i18n import _
from communitydesk.services.members.refs import find_member_ref


def register(commands: argparse._SubParsersAction) -> None:
    db = commands.choices["db"]
    sub = next(a for a in db._subparsers._group_actions if isinstance(a, argparse._SubParsersAction))  # noqa: SLF001

    p = sub.add_parser("grant", help=_("give a PostgreSQL login one role: {roles}").format(roles=", ".join(roles.ROLES)))
    p.add_argument("login", metavar="LOGIN")
    p.add_argument("role", metavar="ROLE", choices=roles.ROLES)
    p.add_argument("--member", metavar="MEMBER",
                   help=_("the person who uses this login, named in the audit trail"))
    p.set_defaults(handler=grant_command)

    p = sub.add_parser("revoke", help=_("take a role away from a PostgreSQL login"))
    p.add_argument("login", metavar="LOGIN")
    p.add_argument("role", metavar="ROLE", choices=roles.ROLES)
    p.set_defaults(handler=revoke_command)

    p = sub.add_parser("roles", help=_("who holds which role on this shared database"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=roles_command)


def _shared_only(ctx: CliContext) -> None:
    if ctx.db.is_sqlite:
        raise UserError(_("roles are for a shared PostgreSQL database; a database file on one "
                          "computer has no logins to give roles to"))


def grant_command(args: argparse.Namespace, ctx: CliContext) -> int:
    _shared_only(ctx)
    with ctx.db.session() as session:
        member_id = find_member_ref(session, args.member) if args.member else None
        roles.grant(session.connection(), args.login, args.role, member_id)
    print(_("{login} is now {role}").format(login=args.login, role=args.role))
    return 0


def revoke_command(args: argparse.Namespace, ctx: CliContext) -> int:
    _shared_only(ctx)
    with ctx.db.session() as session:
        roles.revoke(session.connection(), args.login, args.role)
    print(_("{login} is no longer {role}").format(login=args.login, role=args.role))
    return 0


def roles_command(args: argparse.Namespace, ctx: CliContext) -> int:
    _shared_only(ctx)
    with ctx.db.session() as session:
        held = roles.holders(session.connection())
    rows = [{"login": h.login, "role": h.role, "member_id": h.member_id, "member_name": h.member_name}
            for h in held]
    text = "\n".join(f"{h.login}\t{h.role}\t{h.member_name or ''}" for h in held) or _("no logins hold a role")
    emit(args, rows, text)
    return 0
