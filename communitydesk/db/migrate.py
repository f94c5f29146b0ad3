"""Alembic, driven from code: what revision a database is at, and upgrading it.

Our revision ids are ``cd0001``, ``cd0002``… and each file in ``versions/`` starts
with its id, so opening a database can tell "up to date", "older" and "newer"
from file names alone; Alembic itself is imported only when there is work to do.
An unknown ``cd…`` revision means "made by a newer CommunityDesk"; anything else
means "not a CommunityDesk database".
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text

from communitydesk.errors import UserError
from communitydesk.i18n import ngettext

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy.engine import Connection, Engine

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
REVISION_PREFIX = "cd"
_REVISION_FILE = re.compile(r"^(cd\d{4})_\w+\.py$")


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


@cache
def known_revisions() -> frozenset[str]:
    return frozenset(
        m.group(1) for p in (MIGRATIONS_DIR / "versions").iterdir()
        if (m := _REVISION_FILE.match(p.name))
    )


def head_revision() -> str:
    return max(known_revisions())


def current_revision(connection: Connection) -> str | None:
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def ordered_revisions() -> list[str]:
    """Every revision, oldest first (ids sort in order: cd0001, cd0002…)."""
    return sorted(known_revisions())


class MigrationRefused(UserError):
    """An upgrade would have left broken links between rows; nothing was changed."""


def upgrade_to_head(engine: Engine) -> None:
    upgrade(engine, "head")


def upgrade(engine: Engine, target: str = "head") -> None:
    """Migrate to ``target`` in ONE transaction: all of it happens, or none of it.

    On SQLite the migration runs on its own connection with foreign keys off
    (``PRAGMA foreign_keys`` is ignored inside a transaction, so it is set when
    the connection opens) and with the driver's implicit transaction handling
    off, so DDL cannot autocommit half-way: batch mode rebuilds a table by
    DROP + RENAME, and with foreign keys on, the DROP fired ``ON DELETE SET
    NULL`` on every row pointing at it. ``foreign_key_check`` afterwards
    refuses (rolls back) if the upgrade broke a link that was sound before.
    """
    from alembic import command

    if engine.dialect.name != "sqlite" or engine.url.database in (None, "", ":memory:"):
        with engine.begin() as connection:  # PostgreSQL: DDL is transactional as it is
            command.upgrade(alembic_config(connection), target)
        return
    migration_engine = _sqlite_migration_engine(engine)
    try:
        with migration_engine.begin() as connection:
            before = _foreign_key_problems(connection)
            command.upgrade(alembic_config(connection), target)
            new = _foreign_key_problems(connection) - before
            if new:
                raise MigrationRefused(ngettext(
                    "the upgrade to {target} would break {count} link between rows "
                    "(first: {first}); nothing was changed",
                    "the upgrade to {target} would break {count} links between rows "
                    "(first: {first}); nothing was changed", len(new)).format(
                        target=target, count=len(new), first=sorted(new)[0]))
    finally:
        migration_engine.dispose()


def _sqlite_migration_engine(engine: Engine) -> Engine:
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import NullPool

    # the same driver as the app's engine: an encrypted file's keyed sqlcipher3 (#20)
    migration_engine = create_engine(engine.url, poolclass=NullPool, module=engine.dialect.loaded_dbapi)

    @event.listens_for(migration_engine, "connect")
    def _connect(dbapi_connection, _record) -> None:  # noqa: ANN001 - DBAPI hook
        dbapi_connection.isolation_level = None  # we say BEGIN ourselves (below)
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=OFF")
        cursor.execute("PRAGMA secure_delete=ON")  # a rebuilt table leaves no personal data in free pages
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()

    @event.listens_for(migration_engine, "begin")
    def _begin(connection) -> None:  # noqa: ANN001 - SQLAlchemy hook
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return migration_engine


def _foreign_key_problems(connection: Connection) -> set[tuple]:
    return {tuple(row) for row in connection.exec_driver_sql("PRAGMA foreign_key_check")}
