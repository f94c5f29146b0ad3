"""`gui [--smoke-test]`; also used when no command is given. Qt is imported only here, lazily."""

from __future__ import annotations

import argparse

from communitydesk.cli.context import CliContext
from communitydesk.i18n import _


def register(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser("gui", help=_("open the window"))
    p.add_argument("--smoke-test", action="store_true",
                   help=_("build the main window offscreen on the database, then exit 0"))
    p.set_defaults(handler=lambda args, ctx: start_gui(ctx, smoke_test=args.smoke_test))


def start_gui(ctx: CliContext, *, smoke_test: bool) -> int:
    from communitydesk.gui.app import run_gui  # Qt stays out of every other command

    return run_gui(
        paths=ctx.paths, db_target=ctx.db_target, explicit_db=ctx.explicit_db, smoke_test=smoke_test
    )
