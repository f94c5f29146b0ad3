"""Trying a shared database before switching to it: the window runs this off the UI thread.

Reaching a server over a slow or wrong network can take many seconds before it
fails; the connect dialog hands this to the operation runner so the window keeps
painting, and a refusal comes back as a ``UserError`` saying why in words a
volunteer can act on (#20: wrong password, unreachable, TLS required, no role).
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from communitydesk.db import roles
from communitydesk.db.engine import open_database
from communitydesk.errors import UserError
from communitydesk.services.core.credentials import connect_url


@dataclass(frozen=True)
class ServerCheck:
    display_name: str
    roles: tuple[str, ...]  # this login's roles on the database; () for its owner

    @property
    def role_text(self) -> str:
        return ", ".join(self.roles) or "owner"


def server_url(target: str) -> str:
    """The URL to connect with: a password typed just now wins over a remembered one."""
    if target.startswith("postgresql") and make_url(target).password:
        return target
    return connect_url(target)


def connect_problem(url: str, reason: str) -> str | None:
    """A plain sentence for a connection refused by the server or the network; None if unknown."""
    u = make_url(url)
    where, user = f"{u.host or 'localhost'}:{u.port or 5432}", u.username or "?"
    low = reason.lower()
    if "password authentication failed" in low or "no password supplied" in low:
        return f"wrong password for {user} on {where}: type it again (passwords are case-sensitive)"
    if "no encryption" in low or "ssl off" in low:
        return (f"the server {where} only accepts encrypted (TLS) connections: remove "
                "sslmode=disable from the address, or ask whoever runs it for the CA file")
    if "does not support ssl" in low:
        return (f"the server {where} does not offer an encrypted (TLS) connection, which a server "
                "on another computer needs: ask whoever runs it to turn TLS on")
    if "certificate" in low or "ssl error" in low:
        return (f"the server {where} could not prove who it is (its TLS certificate does not match "
                "the CA file or its name): check the server name and the CA file")
    if any(s in low for s in ("connection refused", "could not translate host name", "timeout expired",
                              "no route to host", "network is unreachable", "name or service not known")):
        return f"cannot reach the server {where}: check its name, the port and the network"
    if "does not exist" in low and "database" in low:
        return f"there is no database {u.database!r} on {where}: check its name"
    if "permission denied" in low:  # for the database, or for the schema version it reads first
        return no_role_message(url)
    return None


def no_role_message(url: str) -> str:
    u = make_url(url)
    return (f"the login {u.username} has no role on {u.database} yet: ask the group's admin to "
            f"run `communitydesk db grant {u.username} ROLE` (admin, secretary, treasurer, organiser or door)")


def check_server(target: str) -> ServerCheck:
    """Connect, check it is (or can become) a CommunityDesk database and that this login may use
    it, let go; its display name and the login's roles.

    Nothing is created or upgraded here: that happens when the window opens it.
    """
    url = server_url(target)
    try:
        db = open_database(url, backups_dir=Path(tempfile.gettempdir()), upgrade=False)
    except UserError as exc:
        cause = exc.__cause__
        plain = connect_problem(url, str(getattr(cause, "orig", None) or cause or exc))
        if plain is None:
            raise
        raise UserError(plain) from exc
    try:
        with db.engine.connect() as conn:
            held = tuple(roles.current_roles(conn)) if conn.dialect.name == "postgresql" else ()
            try:
                conn.execute(text("SELECT 1 FROM settings LIMIT 1"))
            except DBAPIError as exc:
                if getattr(exc.orig, "sqlstate", None) == "42501":
                    raise UserError(no_role_message(url)) from exc
                # an empty database (no tables yet) is fine: opening it creates them
        return ServerCheck(db.display_name, held)
    finally:
        db.dispose()
