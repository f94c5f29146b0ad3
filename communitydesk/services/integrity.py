"""`db check`: the database engine's own checks plus the schema revision."""

from __future__ import annotations

from sqlalchemy import text

from communitydesk.db import migrate
from communitydesk.db.engine import Database


def check_database(db: Database) -> list[str]:
    """Return the problems found; an empty list means the database is healthy."""
    problems: list[str] = []
    with db.engine.connect() as conn:
        if db.is_sqlite:
            for (line,) in conn.execute(text("PRAGMA integrity_check")):
                if line != "ok":
                    problems.append(f"integrity: {line}")
            for row in conn.execute(text("PRAGMA foreign_key_check")):
                problems.append(
                    f"foreign key: row {row[1]} of table {row[0]} points at a missing {row[2]}"
                )
        revision = migrate.current_revision(conn)
    if revision != migrate.head_revision():
        problems.append(f"schema: at {revision}, expected {migrate.head_revision()} (run db upgrade)")
    return problems
