"""Upgrading a populated database from EVERY earlier revision keeps every row as it was.

The rows are the demo group's (made at head), copied into a database built at
revision X with the columns X has; then X is upgraded to head and every table
is compared row for row on the columns both schemas have. cd0003 used to
rebuild one_to_ones with foreign keys on, so the DROP fired ON DELETE SET NULL
and every ladder move lost its link to the one-to-one that prompted it.
New revisions join the loop by themselves (``migrate.ordered_revisions()``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from itertools import count
from pathlib import Path

import pytest
from sqlalchemy import MetaData, create_engine, select, text
from sqlalchemy.engine import Engine

from communitydesk.db import migrate
from communitydesk.db.engine import Database, sqlite_engine, sqlite_url
from communitydesk.db.models import Base
from communitydesk.services.core.integrity import check_database
from communitydesk.services.demo.fill import fill_demo_data

EARLIER = [r for r in migrate.ordered_revisions() if r != migrate.head_revision()]
_names = count(1)


@pytest.fixture(scope="module")
def demo_rows(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict]]:
    """The demo group, read through the models: table → rows as dicts."""
    from communitydesk.db.engine import open_database

    folder = tmp_path_factory.mktemp("demo-at-head")
    db = open_database(str(folder / "demo.sqlite3"), backups_dir=folder / "b")
    with db.session() as s:
        fill_demo_data(s, seed=7, today=date(2026, 6, 15))
    rows: dict[str, list[dict]] = {}
    with db.engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            rows[table.name] = [dict(r._mapping) for r in conn.execute(select(table))]
    db.dispose()
    assert sum(1 for r in rows["stage_changes"] if r.get("one_to_one_id")) > 0
    return rows


def _fill(engine: Engine, rows: dict[str, list[dict]]) -> None:
    """Copy the demo rows into a database at an older revision, on the columns it has."""
    meta = MetaData()
    meta.reflect(engine)
    with engine.begin() as conn:
        if engine.dialect.name == "sqlite":
            conn.exec_driver_sql("PRAGMA defer_foreign_keys=ON")
        else:
            conn.exec_driver_sql("SET session_replication_role = replica")
        for name, table in meta.tables.items():
            if name == "alembic_version" or not rows.get(name):
                continue
            have = set(table.columns.keys())
            conn.execute(table.delete())  # rows a migration seeds (the receipt counter) come from the demo
            conn.execute(table.insert(), [{k: v for k, v in r.items() if k in have} for r in rows[name]])
        if engine.dialect.name != "sqlite":
            conn.exec_driver_sql("SET session_replication_role = origin")


def _snapshot(engine: Engine) -> dict[str, tuple[list[str], list[tuple]]]:
    meta = MetaData()
    meta.reflect(engine)
    snap = {}
    with engine.connect() as conn:
        for name, table in meta.tables.items():
            if name == "alembic_version":
                continue
            cols = sorted(table.columns.keys())
            order = list(table.primary_key.columns) or [table.c[c] for c in cols]
            result = conn.execute(select(*[table.c[c] for c in cols]).order_by(*order))
            snap[name] = (cols, [tuple(r) for r in result])
    return snap


def _compare(before: dict, after: dict, revision: str) -> None:
    for name, (cols, rows) in before.items():
        assert name in after, f"table {name} vanished upgrading from {revision}"
        after_cols, after_rows = after[name]
        common = [c for c in cols if c in after_cols]
        pick_before = [cols.index(c) for c in common]
        pick_after = [after_cols.index(c) for c in common]
        old = [tuple(r[i] for i in pick_before) for r in rows]
        new = [tuple(r[i] for i in pick_after) for r in after_rows]
        assert len(new) == len(old), f"{name}: {len(old)} rows before, {len(new)} after ({revision})"
        for o, n in zip(old, new, strict=True):
            assert o == n, f"{name} changed upgrading from {revision}: {dict(zip(common, o, strict=True))} → {dict(zip(common, n, strict=True))}"


def _upgrade_and_compare(engine: Engine, revision: str, rows: dict) -> None:
    migrate.upgrade(engine, revision)
    _fill(engine, rows)
    before = _snapshot(engine)
    assert before["stage_changes"][1], "no ladder moves to carry over"
    migrate.upgrade_to_head(engine)
    with engine.connect() as conn:
        assert migrate.current_revision(conn) == migrate.head_revision()
    _compare(before, _snapshot(engine), revision)


def test_every_earlier_revision_is_covered() -> None:
    assert EARLIER, "only one revision: nothing to upgrade from"
    assert {"cd0001", "cd0002", "cd0003", "cd0004"} <= set(migrate.known_revisions())


@pytest.mark.parametrize("revision", EARLIER)
def test_sqlite_upgrade_from_every_revision_keeps_every_row(
        tmp_path: Path, demo_rows: dict, revision: str) -> None:
    path = tmp_path / f"at-{revision}.sqlite3"
    engine = sqlite_engine(path)  # as the app opens it: foreign keys on
    try:
        _upgrade_and_compare(engine, revision, demo_rows)
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
    finally:
        engine.dispose()
    db = Database(url=str(sqlite_url(path)), engine=create_engine(sqlite_url(path)),
                  backups_dir=tmp_path / "b", sqlite_path=path)
    assert check_database(db) == []
    db.dispose()


@pytest.fixture
def pg_engine_factory(pg_server) -> Iterator:
    engines: dict[str, Engine] = {}

    def make() -> Engine:
        name = f"cd_rev_{os.getpid()}_{next(_names)}"
        engines[name] = create_engine(pg_server.create_database(name))
        return engines[name]

    yield make
    for name, engine in engines.items():
        engine.dispose()
        pg_server.drop_database(name)


@pytest.mark.postgres
@pytest.mark.parametrize("revision", EARLIER)
def test_postgres_upgrade_from_every_revision_keeps_every_row(
        pg_engine_factory, demo_rows: dict, revision: str) -> None:
    engine = pg_engine_factory()
    _upgrade_and_compare(engine, revision, demo_rows)
    with engine.connect() as conn:  # every link still points at a row
        orphans = conn.execute(text(
            "SELECT count(*) FROM stage_changes s LEFT JOIN one_to_ones o ON o.id = s.one_to_one_id "
            "WHERE s.one_to_one_id IS NOT NULL AND o.id IS NULL")).scalar()
    assert orphans == 0
