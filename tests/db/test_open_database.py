"""Opening refuses what is not ours, newer than us, or unwritable, and leaves it untouched."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from communitydesk.db.engine import open_database
from communitydesk.errors import UserError


def _open(path: Path, tmp_path: Path):
    return open_database(str(path), backups_dir=tmp_path / "backups")


def test_new_file_is_created_migrated_with_pragmas(tmp_path: Path) -> None:
    db = _open(tmp_path / "new.sqlite3", tmp_path)
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 5000
        tables = {r[0] for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type='table'"))}
    assert {"members", "meetings", "attendance", "one_to_ones", "settings", "alembic_version"} <= tables
    assert (tmp_path / "new.sqlite3").stat().st_mode & 0o077 == 0
    db.dispose()


def test_text_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_text("shopping list\n")
    with pytest.raises(UserError, match="not a CommunityDesk database"):
        _open(path, tmp_path)
    assert path.read_text() == "shopping list\n"
    assert not Path(str(path) + "-wal").exists()


def test_foreign_sqlite_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(UserError, match="not a CommunityDesk database"):
        _open(path, tmp_path)
    assert path.read_bytes() == before


def test_newer_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "newer.sqlite3"
    _open(path, tmp_path).dispose()
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = 'cd9999'")
    con.commit()
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    before = path.read_bytes()
    with pytest.raises(UserError, match="newer version of CommunityDesk"):
        _open(path, tmp_path)
    assert path.read_bytes() == before


def test_missing_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="does not exist"):
        _open(tmp_path / "nowhere" / "db.sqlite3", tmp_path)


def test_unwritable_folder_is_refused() -> None:
    with pytest.raises(UserError, match="not writable"):
        open_database("/proc/communitydesk.sqlite3", backups_dir=Path("/tmp/unused"))


def test_folder_instead_of_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="is a folder"):
        _open(tmp_path, tmp_path)


def test_unreachable_server_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="cannot connect to postgresql"):
        open_database("postgresql+psycopg://nobody:secret@127.0.0.1:1/none", backups_dir=tmp_path)


def test_older_database_is_backed_up_then_upgraded(tmp_path: Path) -> None:
    """A database from an older CommunityDesk (schema cd0001) is copied to backups, then migrated."""
    from alembic import command
    from sqlalchemy import create_engine

    from communitydesk.db import migrate

    path = tmp_path / "old.sqlite3"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        command.upgrade(migrate.alembic_config(conn), "cd0001")
        conn.execute(text("INSERT INTO members (first_name, last_name, status, version) "
                          "VALUES ('Łucja', 'Stara', 'active', 1)"))
    engine.dispose()
    db = _open(path, tmp_path)
    backups = list((tmp_path / "backups").glob("old-*-before-upgrade.sqlite3"))
    assert len(backups) == 1
    con = sqlite3.connect(backups[0])
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "cd0001"
    assert con.execute("SELECT first_name FROM members").fetchall() == [("Łucja",)]
    con.close()
    with db.engine.connect() as conn:
        assert migrate.current_revision(conn) == migrate.head_revision()
        assert conn.execute(text("SELECT first_name FROM members")).scalar() == "Łucja"
    db.dispose()
