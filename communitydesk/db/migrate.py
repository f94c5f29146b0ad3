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


def upgrade_to_head(engine: Engine) -> None:
    from alembic import command

    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")
