"""#20 item 5: an SQLite file encrypted with SQLCipher, on real files (no mocks)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from communitydesk.db import migrate
from communitydesk.db.encryption import PasswordNeeded, WrongPassword, is_encrypted, remember_key
from communitydesk.db.engine import Database, open_database
from communitydesk.errors import UserError
from communitydesk.services.backups.auto_backup import on_open
from communitydesk.services.backups.backup import restore_backup, verify_backup
from communitydesk.services.backups.file_password import (
    change_password,
    export_copy,
    remove_password,
    set_password,
)
from communitydesk.services.core.integrity import check_database
from communitydesk.services.members.records import add_member
from tests.paths import FIXTURES

SECRET_NAME = "Quixotically"
PASSWORD = "correct horse"


def _names(db: Database) -> list[tuple[str, str]]:
    with db.session() as s:
        return [tuple(r) for r in s.execute(text("SELECT first_name, last_name FROM members ORDER BY id"))]


def _all_rows(db: Database) -> dict[str, list[tuple]]:
    with db.engine.connect() as conn:
        tables = [r[0] for r in conn.execute(text(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name"))]
        return {t: sorted(map(tuple, conn.execute(text(f'SELECT * FROM "{t}"'))), key=repr) for t in tables}


def _plain_sqlite_refuses(path: Path) -> None:
    con = sqlite3.connect(path)
    try:
        with pytest.raises(sqlite3.DatabaseError, match="file is not a database"):
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()
    finally:
        con.close()


@pytest.fixture
def encrypted(db: Database) -> Database:
    with db.session() as s:
        add_member(s, first_name="Zoë", last_name=SECRET_NAME, email="zoe@example.org")
        add_member(s, first_name="Łukasz", last_name="Nowak")
    set_password(db, PASSWORD)
    return db


def test_encrypted_file_is_unreadable_without_the_password(encrypted: Database) -> None:
    path = encrypted.sqlite_path
    assert path is not None and is_encrypted(path)
    with encrypted.session() as s:  # a write, so the WAL holds pages too
        add_member(s, first_name="Ama", last_name="Owusu")
    _plain_sqlite_refuses(path)
    for f in [path, *path.parent.glob(path.name + "-wal")]:
        data = f.read_bytes()
        assert SECRET_NAME.encode() not in data and b"Owusu" not in data and b"CREATE TABLE" not in data
    assert _names(encrypted)[-1] == ("Ama", "Owusu")


def test_opens_with_the_password_and_says_so_without_or_with_a_wrong_one(encrypted: Database, paths) -> None:
    path = encrypted.sqlite_path
    encrypted.dispose()
    remember_key(path, None)  # a new process: it knows no password yet
    with pytest.raises(PasswordNeeded):
        open_database(str(path), backups_dir=paths.backups_dir)
    with pytest.raises(WrongPassword, match="That password does not open this file."):
        open_database(str(path), backups_dir=paths.backups_dir, password="not the one")
    again = open_database(str(path), backups_dir=paths.backups_dir, password=PASSWORD)
    try:
        assert ("Zoë", SECRET_NAME) in _names(again)
        with again.engine.connect() as conn:  # the plain path's pragmas hold here too
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
            assert conn.exec_driver_sql("PRAGMA secure_delete").scalar() == 1
        assert check_database(again) == []
    finally:
        again.dispose()


def test_a_text_file_is_still_not_a_database_not_a_password_question(tmp_path: Path, paths) -> None:
    notes = tmp_path / "notes.sqlite3"
    notes.write_text("not a database at all\n")
    with pytest.raises(UserError, match="not an SQLite file"):
        open_database(str(notes), backups_dir=paths.backups_dir)


def test_set_change_remove_round_trip_keeps_every_row(db: Database) -> None:
    with db.session() as s:
        for i in range(30):
            add_member(s, first_name=f"Person{i}", last_name=SECRET_NAME, tags=["street"] if i % 3 else [])
    before = _all_rows(db)
    first = set_password(db, PASSWORD)
    assert first.encrypted and first.safety_backup is not None and not is_encrypted(first.safety_backup)
    assert _all_rows(db) == before
    with pytest.raises(WrongPassword):
        change_password(db, "wrong password", "battery staple")
    assert _all_rows(db) == before  # a refused change touched nothing
    change_password(db, PASSWORD, "battery staple")
    assert _all_rows(db) == before
    with pytest.raises(WrongPassword):
        remove_password(db, PASSWORD)
    remove_password(db, "battery staple")
    assert not is_encrypted(db.sqlite_path)
    con = sqlite3.connect(db.sqlite_path)  # plain again: the standard library reads it
    assert con.execute("SELECT count(*) FROM members").fetchone()[0] == 30
    con.close()
    assert _all_rows(db) == before
    assert sorted(p.name for p in db.sqlite_path.parent.iterdir() if ".part" in p.name) == []


def test_passwords_too_short_are_refused_before_anything_changes(db: Database) -> None:
    with pytest.raises(UserError, match="at least 8"):
        set_password(db, "short")
    assert not is_encrypted(db.sqlite_path)


def test_backup_of_an_encrypted_database_is_encrypted_and_restores(encrypted: Database) -> None:
    copy = encrypted.backup(reason="manual")
    assert is_encrypted(copy)
    _plain_sqlite_refuses(copy)
    assert SECRET_NAME.encode() not in copy.read_bytes()
    assert verify_backup(copy, PASSWORD) == migrate.head_revision()
    with pytest.raises(PasswordNeeded):
        verify_backup(copy)
    with encrypted.session() as s:
        add_member(s, first_name="Later", last_name="Addition")
    result = restore_backup(encrypted, copy)  # the open database's own password opens it
    assert ("Later", "Addition") not in _names(encrypted)
    assert is_encrypted(result.previous_state_saved_to)
    assert is_encrypted(encrypted.sqlite_path)


def test_restore_of_a_backup_under_an_old_password_asks_for_it(encrypted: Database) -> None:
    old_copy = encrypted.backup(reason="manual")
    change_password(encrypted, PASSWORD, "battery staple")
    with encrypted.session() as s:
        add_member(s, first_name="Later", last_name="Addition")
    with pytest.raises(WrongPassword):
        restore_backup(encrypted, old_copy)
    restore_backup(encrypted, old_copy, password=PASSWORD)
    assert ("Later", "Addition") not in _names(encrypted)
    assert encrypted.password == "battery staple"  # the live file keeps its current password
    remember_key(encrypted.sqlite_path, None)
    encrypted.dispose()
    with pytest.raises(WrongPassword):
        open_database(str(encrypted.sqlite_path), backups_dir=encrypted.backups_dir, password=PASSWORD)


def test_restore_of_a_plain_backup_into_an_encrypted_database_stays_encrypted(db: Database) -> None:
    with db.session() as s:
        add_member(s, first_name="Zoë", last_name=SECRET_NAME)
    plain_copy = db.backup(reason="manual")
    set_password(db, PASSWORD)
    with db.session() as s:
        add_member(s, first_name="Later", last_name="Addition")
    restore_backup(db, plain_copy)
    assert _names(db) == [("Zoë", SECRET_NAME)]
    assert is_encrypted(db.sqlite_path)
    assert SECRET_NAME.encode() not in db.sqlite_path.read_bytes()


def test_daily_backup_of_an_encrypted_database_is_encrypted(encrypted: Database, paths) -> None:
    encrypted.dispose()
    shutil.rmtree(paths.backups_dir)  # today's safety backup would count as the day's
    reopened = open_database(str(encrypted.sqlite_path), backups_dir=paths.backups_dir, password=PASSWORD)
    try:
        notes = on_open(reopened, default_backups_dir=paths.backups_dir)
        assert notes.backup is not None and is_encrypted(notes.backup)
        assert verify_backup(notes.backup, PASSWORD)
    finally:
        reopened.dispose()


def test_an_old_encrypted_file_is_upgraded_on_open(tmp_path: Path, paths) -> None:
    old = tmp_path / "old#1.sqlite3"  # a '#' in the name: the URI stays whole
    export_copy(FIXTURES / "previous-release-cd0004.sqlite3", None, old, PASSWORD)
    assert is_encrypted(old)
    db = open_database(str(old), backups_dir=paths.backups_dir, password=PASSWORD)
    try:
        with db.engine.connect() as conn:
            assert migrate.current_revision(conn) == migrate.head_revision()
        taken = list(paths.backups_dir.glob("old#1-*-before-upgrade.sqlite3"))
        assert taken and all(is_encrypted(p) for p in taken)
        assert check_database(db) == []
    finally:
        db.dispose()


def test_a_busy_encrypted_file_gets_the_plain_busy_message(encrypted: Database) -> None:
    from communitydesk.db.encryption import connect

    holder = connect(encrypted.sqlite_path, PASSWORD, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program writing
    try:  # after the 5 s busy timeout: the message, not sqlcipher3's raw error
        with pytest.raises(UserError, match="is busy"), encrypted.session() as s:
            add_member(s, first_name="Blocked", last_name="Writer")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
