"""Opening a database: checks before touching it, pragmas, upgrade-on-open with a backup.

Every refusal is a ``UserError`` raised *before* anything is written, so a file
that is not ours, is newer than us, or sits somewhere unwritable is left as it was.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import create_engine, event, inspect
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import DBAPIError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from communitydesk.config import sqlite_file
from communitydesk.db import migrate, roles
from communitydesk.db.audit import BY_DATABASE_KEY, install_audit_trail
from communitydesk.db.audit import USER_KEY as AUDIT_USER_KEY
from communitydesk.db.busy_wait import is_locked, locked_message
from communitydesk.db.encryption import (
    SQLITE_MAGIC,
    KeyedDBAPI,
    check_password,
    database_errors,
    is_encrypted,
    key_for,
    remember_key,
)
from communitydesk.db.sqlite_backup import backup_sqlite_file, connect_read_only, owner_only
from communitydesk.errors import UserError
from communitydesk.i18n import _

__all__ = ["SQLITE_MAGIC", "Database", "open_database", "sqlite_engine", "sqlite_url"]
BUSY_TIMEOUT_MS = 5000


DATABASE_KEY = "communitydesk.database"  # Session.info key: the Database a session came from

@dataclass
class Database:
    """An open database: the engine, a session factory, and where it is."""

    url: str
    engine: Engine
    backups_dir: Path
    sqlite_path: Path | None = None
    read_only_reason: str | None = None  # set when another copy of the app is the writer
    audit_user: str | None = None
    just_created: bool = False  # a new empty file: nothing to back up yet
    _factory: sessionmaker[Session] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._factory = sessionmaker(self.engine, expire_on_commit=False)
        install_audit_trail(self._factory, user_name=self.audit_user)

    def set_audit_user(self, name: str) -> None:
        """The name the audit trail records for changes made from now on."""
        self.audit_user = name
        self._factory.kw.setdefault("info", {})[AUDIT_USER_KEY] = name

    @property
    def read_only(self) -> bool:
        return self.read_only_reason is not None

    @property
    def is_sqlite(self) -> bool:
        return self.sqlite_path is not None

    @property
    def display_name(self) -> str:
        if self.sqlite_path is not None:
            return str(self.sqlite_path)
        return make_url(self.url).render_as_string(hide_password=True)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One short session per user action: commit on success, roll back on error."""
        session = self._factory()
        session.info[DATABASE_KEY] = self  # destructive services back up the file they work on
        try:
            yield session
            session.commit()
        except DBAPIError as exc:
            with contextlib.suppress(DBAPIError):
                session.rollback()
            explained = self._explain(exc)
            if explained is exc:
                raise
            raise explained from exc
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def _explain(self, exc: DBAPIError) -> Exception:
        """Turn a lost connection or a read-only refusal into a message a person can act on."""
        message = str(exc.orig if exc.orig is not None else exc).lower()
        if self.sqlite_path is not None and is_locked(exc):  # another program is writing
            return UserError(locked_message(self.sqlite_path))
        if getattr(exc.orig, "sqlstate", None) == "42501":  # PostgreSQL refused: a role's rights
            return roles.NotAllowedError(_("not allowed for role {roles}: {refusal}").format(
                roles=self._role_names(), refusal=str(exc.orig).strip().splitlines()[0]))
        if self.read_only or "readonly" in message or "read-only" in message:
            why = self.read_only_reason or _("the file is read-only")
            return UserError(_("nothing was saved: this database is open read-only ({why})").format(why=why))
        if exc.connection_invalidated or isinstance(exc, OperationalError) and not self.is_sqlite:
            return UserError(_(
                "lost the connection to the shared database {name}; nothing was "
                "saved. Your text is kept: check the network and try again").format(name=self.display_name))
        return exc

    def _role_names(self) -> str:
        """The connected login's roles on this database, for a refusal's message."""
        try:
            with self.engine.connect() as conn:
                held = roles.current_roles(conn)
        except SQLAlchemyError:
            held = []
        return ", ".join(held) or make_url(self.url).username or "this login"

    def backup(self, *, reason: str = "manual", dest: Path | None = None) -> Path:
        if self.sqlite_path is None:
            raise UserError(_(
                "backups of a shared PostgreSQL database are made with the server's own "
                "tools (pg_dump); ask whoever runs the server"))
        return backup_sqlite_file(self.sqlite_path, self.backups_dir, reason=reason, dest=dest,
                                  password=self.password)

    @property
    def password(self) -> str | None:
        """The SQLCipher password of this file (None: a plain file or a server)."""
        return key_for(self.sqlite_path) if self.sqlite_path is not None else None

    @property
    def encrypted(self) -> bool:
        return self.sqlite_path is not None and is_encrypted(self.sqlite_path)

    def use_password(self, password: str | None) -> None:
        """After the file was re-encrypted (or decrypted): new connections use ``password``."""
        assert self.sqlite_path is not None
        self.engine.dispose()
        remember_key(self.sqlite_path, password)
        self.engine = sqlite_engine(self.sqlite_path, password)
        if self.read_only:
            event.listen(self.engine, "connect", _set_query_only)
        info = dict(self._factory.kw.get("info", {}))
        self.__post_init__()
        self._factory.kw.setdefault("info", {}).update(info)

    def dispose(self) -> None:
        self.engine.dispose()


def _set_sqlite_pragmas(dbapi_connection, _record) -> None:  # noqa: ANN001 - DBAPI hook
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA secure_delete=ON")  # cleared personal data is overwritten, not left in free pages
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _set_query_only(dbapi_connection, _record) -> None:  # noqa: ANN001 - DBAPI hook
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA query_only=ON")
    cursor.close()


def sqlite_url(path: Path) -> URL:
    """The SQLAlchemy URL of a file, built from parts: ``f"sqlite:///{path}"`` sent a
    name with ``?`` or ``%`` to another file (the rest was read as URL options)."""
    return URL.create("sqlite", database=str(path))


def sqlite_engine(path: Path, password: str | None = None) -> Engine:
    """An engine on the SQLite file ``path`` with our pragmas on every connection.

    With a ``password`` the driver is sqlcipher3, keyed before any other statement;
    without, the standard library's sqlite3 exactly as before.
    """
    if password:
        engine = create_engine(sqlite_url(path), hide_parameters=True, module=KeyedDBAPI(password))
    else:
        engine = create_engine(sqlite_url(path), hide_parameters=True)  # no personal data in errors
    event.listen(engine, "connect", _set_sqlite_pragmas)
    return engine


def _inspect_sqlite_file(path: Path, password: str | None = None) -> str | None:
    """Check an existing file read-only; return its revision (None for an empty database).

    An encrypted file needs its password first: ``PasswordNeeded`` or ``WrongPassword``.
    """
    if path.is_dir():
        raise UserError(_("{path} is a folder, not a database file").format(path=path))
    try:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise UserError(_("cannot read {path}: {problem}").format(path=path, problem=exc.strerror)) from exc
    if not header:
        return None
    if is_encrypted(path):
        check_password(path, password)
    elif header != SQLITE_MAGIC:
        raise UserError(_("{path} is not a CommunityDesk database (it is not an SQLite file)").format(path=path))
    else:
        password = None
    try:
        con = connect_read_only(path, password=password)
        try:
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            revision = None
            if "alembic_version" in tables:
                row = con.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
        finally:
            con.close()
    except database_errors() as exc:
        raise UserError(_("{path} is damaged or not a database ({problem})").format(path=path, problem=exc)) from exc
    if tables and "alembic_version" not in tables:
        raise UserError(_("{path} is not a CommunityDesk database (it holds other tables)").format(path=path))
    return revision


def _check_revision(revision: str | None, where: str) -> None:
    if revision is None or revision in migrate.known_revisions():
        return
    if revision.startswith(migrate.REVISION_PREFIX):
        raise UserError(_(
            "{where} was made by a newer version of CommunityDesk (schema {revision}); "
            "install the latest CommunityDesk to open it").format(where=where, revision=revision))
    raise UserError(_("{where} is not a CommunityDesk database (unknown schema {revision})").format(
        where=where, revision=revision))


def _check_writable(path: Path) -> None:
    folder = path.parent
    if not folder.exists():
        raise UserError(_("cannot create {path}: the folder {folder} does not exist").format(
            path=path, folder=folder))
    try:  # a real probe: os.access says yes to root even on read-only mounts
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".cd-write-probe-"):
            pass
    except OSError:
        raise UserError(_("cannot use {path}: the folder {folder} is not writable").format(
            path=path, folder=folder)) from None
    if path.exists() and not os.access(path, os.R_OK | os.W_OK):
        raise UserError(_("cannot use {path}: the file is read-only for you").format(path=path))


def open_database(
    target: str,
    *,
    backups_dir: Path,
    upgrade: bool = True,
    on_backup: Callable[[Path], None] | None = None,
    read_only_reason: str | None = None,
    password: str | None = None,
) -> Database:
    """Open (creating and migrating if needed) the database at a path or URL.

    With ``read_only_reason`` (another copy of the app is writing to the file)
    every connection is ``query_only`` and nothing is migrated or created.
    An encrypted file opens with ``password``, else the one this process was
    given for it (``remember_key``) or ``COMMUNITYDESK_PASSWORD``; without one
    it raises ``PasswordNeeded``, with a wrong one ``WrongPassword``.
    """
    path = sqlite_file(target)
    if path is None:
        return _open_server(target, backups_dir=backups_dir, upgrade=upgrade)
    existed = path.exists() and path.stat().st_size > 0 if path.exists() else False
    password = password or (key_for(path) if existed else None)
    revision = _inspect_sqlite_file(path, password) if path.exists() else None
    if not (existed and is_encrypted(path)):
        password = None  # a plain file opens exactly as before
    remember_key(path, password)
    _check_revision(revision, str(path))
    if read_only_reason is not None:
        if not existed:
            raise UserError(_("{path} does not exist yet, so it cannot be opened read-only").format(path=path))
        if revision != migrate.head_revision():
            raise UserError(_("{path} needs an upgrade, which only the copy that has it open "
                              "({reason}) can do; close that copy first").format(path=path, reason=read_only_reason))
        engine = sqlite_engine(path, password)
        event.listen(engine, "connect", _set_query_only)
        return Database(url=sqlite_url(path).render_as_string(), engine=engine, backups_dir=backups_dir,
                        sqlite_path=path, read_only_reason=read_only_reason)
    _check_writable(path)
    engine = sqlite_engine(path, password)
    db = Database(url=sqlite_url(path).render_as_string(), engine=engine, backups_dir=backups_dir, sqlite_path=path)
    if not existed:
        with engine.connect():
            pass
        owner_only(path)
        db.just_created = True
    if upgrade and revision != migrate.head_revision():
        taken = None
        if existed and revision is not None:
            taken = db.backup(reason="before-upgrade")
            if on_backup:
                on_backup(taken)
        _upgrade(engine, path, revision, taken)
    return db


def _upgrade(engine: Engine, where: Path | str, revision: str | None, backup: Path | None) -> None:
    """Migrate to head; a failure disposes the engine and says how to get back."""
    try:
        migrate.upgrade_to_head(engine)
    except Exception as exc:
        engine.dispose()
        if isinstance(exc, UserError):
            raise
        raise upgrade_failed(where, revision, backup, exc) from exc


def upgrade_failed(path: Path | str, revision: str | None, backup: Path | None, exc: BaseException) -> UserError:
    """What a person can do when an upgrade failed: the file is as it was (one transaction),
    and the copy taken just before is named with the command that brings it back."""
    reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    why = reason[0][:200] if reason else type(exc).__name__
    if revision is None:
        return UserError(_("could not set up the new database {path} ({why}); nothing was kept, "
                           "try again or choose another file").format(path=path, why=why))
    message = _("could not upgrade {path} from schema {revision} to {head} ({why}); "
                "the file was left as it was.").format(path=path, revision=revision,
                                                       head=migrate.head_revision(), why=why)
    if backup is not None:
        message += " " + _("To go back to the copy taken before the upgrade, run: {command}").format(
            command=f'communitydesk --db "{path}" db restore "{backup}"')
    return UserError(message)


def _open_server(url: str, *, backups_dir: Path, upgrade: bool) -> Database:
    try:
        from communitydesk.services.core.credentials import tls_connect_args  # #20: TLS by default

        engine = create_engine(url, pool_pre_ping=True, hide_parameters=True,
                               connect_args=tls_connect_args(url))
        with engine.connect() as conn:
            revision = migrate.current_revision(conn)
            tables = set(inspect(conn).get_table_names())
    except (OperationalError, SQLAlchemyError) as exc:
        shown = make_url(url).render_as_string(hide_password=True)
        from communitydesk.services.core.connection_check import connect_problem  # #20: plain words

        reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
        plain = connect_problem(url, str(getattr(exc, "orig", exc)))
        raise UserError(_("cannot connect to {server}: {problem}").format(server=shown, problem=plain or reason)) from exc
    except ModuleNotFoundError as exc:
        raise UserError(_("no database driver for {scheme}: {problem}").format(
            scheme=url.split("://")[0], problem=exc)) from exc
    shown = make_url(url).render_as_string(hide_password=True)
    if tables and "alembic_version" not in tables:
        raise UserError(_("{path} is not a CommunityDesk database (it holds other tables)").format(path=shown))
    _check_revision(revision, shown)
    db = Database(url=url, engine=engine, backups_dir=backups_dir)
    if upgrade and revision != migrate.head_revision():
        _upgrade(engine, shown, revision, None)  # one transaction: a failure leaves it as it was
    with engine.connect() as conn:  # #20: the trigger writes the audit trail; the app stands aside
        if roles.audited_by_database(conn):
            db._factory.kw.setdefault("info", {})[BY_DATABASE_KEY] = True
    return db
