"""The migrations produce exactly the models, on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from communitydesk.db import migrate
from communitydesk.db.engine import Database
from communitydesk.db.models import Base


def _drift(db: Database) -> list:
    with db.engine.connect() as conn:
        return compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)


def test_sqlite_migrations_match_models(db: Database) -> None:
    assert _drift(db) == []


@pytest.mark.postgres
def test_postgres_migrations_match_models(pg_db: Database) -> None:
    assert _drift(pg_db) == []


def test_revision_ids_carry_our_prefix() -> None:
    assert all(rev.startswith(migrate.REVISION_PREFIX) for rev in migrate.known_revisions())
    assert migrate.head_revision() in migrate.known_revisions()


def test_database_is_at_head_after_open(any_db: Database) -> None:
    with any_db.engine.connect() as conn:
        assert migrate.current_revision(conn) == migrate.head_revision()


def test_file_name_revisions_agree_with_alembic() -> None:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(migrate.alembic_config())
    assert migrate.known_revisions() == {r.revision for r in script.walk_revisions()}
    assert migrate.head_revision() == script.get_current_head()
