"""Command line per the contract in DESIGN.md; also the entry point that starts the GUI.

Each capability registers its commands from its own module (``COMMAND_MODULES``).
A ``UserError`` becomes one ``error:`` line and exit 1; argparse misuse exits 2.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from communitydesk import __version__
from communitydesk.cli import argparse_words
from communitydesk.cli.context import CliContext, may_create_database
from communitydesk.config import sqlite_file
from communitydesk.db.busy_wait import is_locked, locked_message
from communitydesk.error_log import safe_message, write_error_log
from communitydesk.errors import UserError
from communitydesk.i18n import _, resolve_language, set_language

COMMAND_MODULES = (  # modules in communitydesk.cli, imported when the parser is built
    "db_commands",
    "roles_commands",  # #20: db grant|revoke|roles, added to the `db` group
    "db_password_commands",  # #20: db password set|change|remove (SQLCipher)
    "demo_commands",
    "members_commands",
    "meetings_commands",
    "agenda_commands",
    "attendance_commands",  # adds `attendance export` from attendance_export_commands
    "one_to_ones_commands",
    "report_commands",
    "print_commands",
    "outreach_commands",  # adds `members emails` and `print labels|badges|letters|phone-tree`
    "privacy_commands",
    "settings_commands",
    "dues_commands",  # #17
    "gui_commands",
    "self_check_commands",
    "motions_commands",  # #16; also adds `meetings quorum`
    "elections_commands",  # #16
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="communitydesk",
        description=_("Members, meetings, attendance and one-to-ones for volunteer groups."),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}",
                        help=_("show the version and exit"))
    parser.add_argument(
        "--db", metavar="URL_OR_PATH",
        help=_("SQLite file or SQLAlchemy URL (default: $COMMUNITYDESK_DB, then the per-user data "
               "folder)"),
    )
    commands = parser.add_subparsers(dest="command", metavar=_("COMMAND"))
    for name in COMMAND_MODULES:
        importlib.import_module(f"communitydesk.cli.{name}").register(commands)
    return parser


def _log_unexpected(ctx: CliContext | None, exc: BaseException, args: argparse.Namespace | None) -> str:
    """Write the report (no personal data: see communitydesk.error_log); say where it is."""
    if ctx is None:
        return ""
    # The command words only ("members add"): its arguments may hold names and emails.
    options = vars(args) if args is not None else {}
    words = [options.get("command")] + [v for k, v in options.items() if k.endswith("_command")]
    doing = " ".join(str(w) for w in words if w)
    if write_error_log(ctx.paths.log_file, exc, doing=doing):
        return _(" (details in {file})").format(file=ctx.paths.log_file)
    return ""


def one_line(text: str) -> str:
    """The contract's errors are one line: show control characters from a file as escapes."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def gui_request(argv: Sequence[str]) -> tuple[str | None, bool] | None:
    """``(db, smoke_test)`` when the command line only asks for the window, else None.

    Opening the window then skips building the full parser, which would import
    every command's services before the window can show.
    """
    rest = list(argv)
    db = None
    if len(rest) >= 2 and rest[0] == "--db":
        db, rest = rest[1], rest[2:]
    elif rest and rest[0].startswith("--db="):
        db, rest = rest[0].removeprefix("--db="), rest[1:]
    if rest in ([], ["gui"]):
        return db, False
    if rest == ["gui", "--smoke-test"]:
        return db, True
    return None


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    set_language(resolve_language())  # the terminal's language (LANG), or COMMUNITYDESK_LANGUAGE
    argparse_words.install()  # argparse's own words ("usage:", "options") in that language too
    window = gui_request(argv)
    args = build_parser().parse_args(argv) if window is None else None
    ctx: CliContext | None = None
    try:
        if args is None:
            from communitydesk.cli.gui_commands import start_gui

            db_option, smoke_test = window  # type: ignore[misc]
            ctx = CliContext.create(db_option, may_create=True)  # the first-run screen creates it
            return start_gui(ctx, smoke_test=smoke_test)
        ctx = CliContext.create(args.db, may_create=args.command is None or may_create_database(args))
        if args.command is None:
            from communitydesk.cli.gui_commands import start_gui

            return start_gui(ctx, smoke_test=False)
        return int(args.handler(args, ctx) or 0)
    except UserError as exc:
        print(f"error: {one_line(str(exc))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("error: " + _("interrupted; nothing was changed by the unfinished step"), file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - last line of defence: no traceback for users
        path = sqlite_file(ctx.db_target) if ctx is not None else None
        if path is not None and is_locked(exc):  # outside a session: same plain answer
            print(f"error: {one_line(locked_message(path))}", file=sys.stderr)
            return 1
        where = _log_unexpected(ctx, exc, args)
        problem = _("unexpected problem: {problem}").format(problem=one_line(safe_message(exc)))
        print(f"error: {problem}{where}", file=sys.stderr)  # "error:" stays: the contract's word
        return 1
    finally:
        if ctx is not None:
            ctx.close()
