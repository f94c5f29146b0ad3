"""`db password set|change|remove` (#20): an optional password on a local SQLite file.

Passwords come from a hidden prompt, or for scripts from the environment:
``COMMUNITYDESK_PASSWORD`` is the file's current password (every command uses it
to open an encrypted file), ``COMMUNITYDESK_NEW_PASSWORD`` the new one for
``set`` and ``change``. Without a terminal a prompt reads one line of stdin.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from communitydesk.config import sqlite_file
from communitydesk.db.encryption import (
    PASSWORD_ENV,
    check_password,
    is_encrypted,
    key_for,
    remember_key,
)
from communitydesk.db.file_lock import sole_writer
from communitydesk.errors import UserError
from communitydesk.i18n import _

if TYPE_CHECKING:
    from communitydesk.cli.context import CliContext

NEW_PASSWORD_ENV = "COMMUNITYDESK_NEW_PASSWORD"


def register(commands: argparse._SubParsersAction) -> None:
    db = commands.choices["db"]
    sub = next(a for a in db._subparsers._group_actions if isinstance(a, argparse._SubParsersAction))  # noqa: SLF001
    pw = sub.add_parser("password", help=_("an optional password on a database file on this computer"))
    actions = pw.add_subparsers(dest="password_command", metavar="ACTION", required=True)
    for name, handler, text in (
        ("set", set_command, _("encrypt the file: it opens only with the password")),
        ("change", change_command, _("change the file's password")),
        ("remove", remove_command, _("decrypt the file: it opens without a password again")),
    ):
        p = actions.add_parser(name, help=text)
        p.set_defaults(handler=handler)


def ask(prompt: str) -> str:
    """A hidden prompt on a terminal; one line of stdin otherwise (scripts, tests)."""
    if sys.stdin is not None and sys.stdin.isatty():
        try:
            return getpass.getpass(prompt)
        except EOFError:
            return ""
    line = sys.stdin.readline() if sys.stdin is not None else ""
    return line.rstrip("\r\n")


def unlock_for_cli(target: str, *, also: Path | None = None) -> None:
    """Before a command opens an encrypted file: its password from the environment or a prompt.

    ``also``: a second file whose password may open this one too (a backup of it).
    """
    path = sqlite_file(target)
    if path is None or not path.is_file() or not is_encrypted(path) or key_for(path):
        return
    if also is not None and (known := key_for(also)):
        try:
            check_password(path, known)
        except UserError:
            pass
        else:
            remember_key(path, known)
            return
    password = ask(_("Password for {name}: ").format(name=path.name))
    if not password:
        raise UserError(_("{path} is protected by a password: type it when asked, or set {env}").format(
            path=path, env=PASSWORD_ENV))
    check_password(path, password)
    remember_key(path, password)


def _new_password() -> str:
    given = os.environ.get(NEW_PASSWORD_ENV)
    if given:
        return given
    first = ask(_("New password: "))
    if not first:
        raise UserError(_("no new password given: type it when asked, or set {env}").format(env=NEW_PASSWORD_ENV))
    if ask(_("Repeat the new password: ")) != first:
        raise UserError(_("the two passwords differ; nothing was changed"))
    return first


def _current_password(ctx: CliContext) -> str:
    password = ctx.db.password
    if not password:
        raise UserError(_("{path} has no password; set one with `db password set`").format(path=ctx.db.display_name))
    return password


def _report(change) -> None:  # noqa: ANN001 - file_password.PasswordChange
    if change.safety_backup is not None:
        print(_("safety backup taken before the change: {path}").format(path=change.safety_backup), file=sys.stderr)
    if change.plain_backups:
        print("warning: " + _("{n} older backup(s) of this database in {folder} are not encrypted; delete "
                              "them if this computer could be lost or shared").format(
            n=len(change.plain_backups), folder=change.plain_backups[0].parent), file=sys.stderr)


def set_command(args: argparse.Namespace, ctx: CliContext) -> int:
    from communitydesk.services.backups.file_password import check_new_password, set_password

    with sole_writer(ctx.db_target, _("set a password")):
        db = ctx.db
        if db.encrypted:
            raise UserError(_("{path} already has a password; use `db password change`").format(path=db.display_name))
        new = os.environ.get(NEW_PASSWORD_ENV) or os.environ.get(PASSWORD_ENV) or _new_password()
        check_new_password(new)
        change = set_password(db, new)
    print(_("{path} is now encrypted: it opens only with the password").format(path=change.path))
    _report(change)
    return 0


def change_command(args: argparse.Namespace, ctx: CliContext) -> int:
    from communitydesk.services.backups.file_password import change_password, check_new_password

    with sole_writer(ctx.db_target, _("change the password")):
        old = _current_password(ctx)
        new = _new_password()
        check_new_password(new)
        change = change_password(ctx.db, old, new)
    print(_("the password of {path} was changed").format(path=change.path))
    _report(change)
    return 0


def remove_command(args: argparse.Namespace, ctx: CliContext) -> int:
    from communitydesk.services.backups.file_password import remove_password

    with sole_writer(ctx.db_target, _("remove the password")):
        change = remove_password(ctx.db, _current_password(ctx))
    print(_("{path} has no password now: anyone with the file can read it").format(path=change.path))
    _report(change)
    return 0
