"""An SQLite file encrypted with SQLCipher: telling it apart, opening it with its password.

A plain file starts with ``SQLite format 3\\0``; an SQLCipher file starts with
random salt, so its first 16 bytes say nothing. Plain files keep using the
standard library's ``sqlite3`` (nothing changes for them, not even speed);
``sqlcipher3`` is imported only when an encrypted file is met.

The password is a passphrase (``PRAGMA key = '…'``, SQLCipher 4 defaults), so
the file also opens in other SQLCipher tools (DB Browser for SQLite) with it.
Passwords given in this process are kept in memory by file (``remember_key``)
so every connection to that file (engine, backups, checks) finds them; they are
never written anywhere except the keyring when the person asks.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from types import ModuleType
from typing import Any

from communitydesk.errors import UserError
from communitydesk.i18n import _

SQLITE_MAGIC = b"SQLite format 3\x00"
PASSWORD_ENV = "COMMUNITYDESK_PASSWORD"  # scripts give the password this way


def wrong_password_text() -> str:
    """The one sentence for a wrong password, in the person's language (CLI and window)."""
    return _("That password does not open this file.")


_keys: dict[Path, str] = {}


class PasswordNeeded(UserError):
    """The file is encrypted and no password was given: ask for one."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(_("{path} is protected by a password: enter it (scripts: set {env})").format(
            path=path, env=PASSWORD_ENV))


class WrongPassword(UserError):
    """The password given does not decrypt the file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"{wrong_password_text()} ({path})")


def _key_of(path: Path) -> Path:
    return Path(os.path.abspath(path))


def remember_key(path: Path, password: str | None) -> None:
    """Use ``password`` for every connection to ``path`` in this process (None: plain file)."""
    if password:
        _keys[_key_of(path)] = password
    else:
        _keys.pop(_key_of(path), None)


def key_for(path: Path) -> str | None:
    """The password this process was given for ``path``, else ``COMMUNITYDESK_PASSWORD``."""
    return _keys.get(_key_of(path)) or (os.environ.get(PASSWORD_ENV) or None if is_encrypted(path) else None)


def is_encrypted(path: Path) -> bool:
    """An SQLCipher file: not an SQLite header, and sized in whole pages (a text file is not)."""
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_MAGIC))
    except OSError:
        return False
    return header != SQLITE_MAGIC and size >= 1024 and size % 512 == 0


def cipher_dbapi() -> ModuleType:
    """``sqlcipher3.dbapi2``, or a plain message when this installation lacks it."""
    try:
        import sqlcipher3.dbapi2 as dbapi
    except ImportError as exc:
        raise UserError(_("this CommunityDesk cannot open password-protected files: the "
                          "sqlcipher3 package is missing ({problem})").format(problem=exc)) from exc
    return dbapi


def quote(password: str) -> str:
    """``password`` as an SQL string literal (PRAGMA takes no bound parameters)."""
    return "'" + password.replace("'", "''") + "'"


def apply_key(connection: Any, password: str) -> None:
    """Quiet SQLCipher's own stderr log, then the key: the first statement on the file."""
    connection.execute("PRAGMA cipher_log_level = NONE")
    connection.execute(f"PRAGMA key = {quote(password)}")


def connect(path: Path, password: str | None, *, read_only: bool = False, **kwargs: Any) -> Any:
    """A DB-API connection to ``path``: ``sqlite3`` when plain, ``sqlcipher3`` with the key.

    Read-only opens use a ``Path.as_uri()`` URI, which percent-encodes ``#``, ``?`` and
    ``%`` (a hand-built ``file:`` URI read ``club#2`` as ``club``).
    """
    target: str | Path = path
    if read_only:
        target = Path(os.path.abspath(path)).as_uri() + "?mode=ro"
        kwargs["uri"] = True
    if not password:
        return sqlite3.connect(target, **kwargs)
    con = cipher_dbapi().connect(target, **kwargs)
    try:
        apply_key(con, password)
    except BaseException:
        con.close()
        raise
    return con


def database_errors() -> tuple[type[BaseException], ...]:
    """``DatabaseError`` of both drivers (sqlcipher3's is not sqlite3's)."""
    try:
        import sqlcipher3.dbapi2 as dbapi
    except ImportError:
        return (sqlite3.DatabaseError,)
    return (sqlite3.DatabaseError, dbapi.DatabaseError)


def all_errors() -> tuple[type[BaseException], ...]:
    """``Error`` of both drivers."""
    try:
        import sqlcipher3.dbapi2 as dbapi
    except ImportError:
        return (sqlite3.Error,)
    return (sqlite3.Error, dbapi.Error)


def operational_errors() -> tuple[type[BaseException], ...]:
    """``OperationalError`` of both drivers: "database is locked" comes as either."""
    try:
        import sqlcipher3.dbapi2 as dbapi
    except ImportError:
        return (sqlite3.OperationalError,)
    return (sqlite3.OperationalError, dbapi.OperationalError)


def check_password(path: Path, password: str | None) -> None:
    """Raise ``PasswordNeeded``/``WrongPassword`` unless ``password`` opens the encrypted ``path``."""
    if not is_encrypted(path):
        return
    if not password:
        raise PasswordNeeded(path)
    try:
        con = connect(path, password, read_only=True)
        try:
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            con.close()
    except database_errors() as exc:
        if "not a database" in str(exc) or "encrypted" in str(exc):
            raise WrongPassword(path) from None
        raise UserError(_("{path} is damaged or not a database ({problem})").format(
            path=path, problem=exc)) from exc


class KeyedDBAPI:
    """``sqlcipher3.dbapi2`` whose ``connect`` applies the key first: given to SQLAlchemy as
    ``module=``, so every pooled connection (and the migration engine, which reuses
    ``engine.dialect.dbapi``) is keyed before any other statement."""

    def __init__(self, password: str) -> None:
        self._dbapi = cipher_dbapi()
        self._password = password

    def __getattr__(self, name: str) -> Any:
        return getattr(self._dbapi, name)

    def connect(self, *args: Any, **kwargs: Any) -> Any:
        con = self._dbapi.connect(*args, **kwargs)
        try:
            apply_key(con, self._password)
        except BaseException:
            con.close()
            raise
        return con
