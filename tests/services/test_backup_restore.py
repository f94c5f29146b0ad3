"""Restore is checked first and keeps a backup of what it replaces."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from communitydesk.db.engine import Database
from communitydesk.errors import UserError
from communitydesk.services.backups.backup import backup_now, restore_backup
from communitydesk.services.core.integrity import check_database
from communitydesk.services.members.records import add_member, list_members


def test_restore_brings_back_the_backup_and_saves_current_state(db: Database, tmp_path: Path) -> None:
    with db.session() as s:
        add_member(s, first_name="Before", last_name="Backup")
    saved = backup_now(db, dest=tmp_path / "b.sqlite3")
    with db.session() as s:
        add_member(s, first_name="After", last_name="Backup")
    result = restore_backup(db, saved)
    with db.session() as s:
        assert [m.first_name for m in list_members(s)] == ["Before"]
    con = sqlite3.connect(result.previous_state_saved_to)
    assert sorted(r[0] for r in con.execute("SELECT first_name FROM members")) == ["After", "Before"]
    con.close()
    assert check_database(db) == []


@pytest.mark.parametrize("content", [b"", b"hello", b"\x89PNG\r\n\x1a\n" + bytes(200)])
def test_bad_backup_is_refused_and_nothing_changes(db: Database, tmp_path: Path, content: bytes) -> None:
    with db.session() as s:
        add_member(s, first_name="Kept", last_name="Safe")
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(content)
    with pytest.raises(UserError):
        restore_backup(db, bad)
    with db.session() as s:
        assert [m.first_name for m in list_members(s)] == ["Kept"]


def test_check_finds_broken_foreign_keys(db: Database) -> None:
    assert check_database(db) == []
    con = sqlite3.connect(db.sqlite_path)
    con.execute("INSERT INTO attendance (meeting_id, member_id, status) VALUES (99, 98, 'present')")
    con.commit()
    con.close()
    problems = check_database(db)
    assert any("attendance" in p for p in problems)
