"""Repeated failures do not fill the backups folder, and a full one never locks the group out."""

from __future__ import annotations

import sqlite3
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from communitydesk.db.engine import Database, open_database
from communitydesk.db.sqlite_backup import backups_of, same_content
from communitydesk.services.backups.auto_backup import on_open
from communitydesk.services.members.records import add_member, count_members


def test_a_failing_attendance_import_backs_up_the_same_data_once(run_cli, tmp_path: Path, paths) -> None:
    db = tmp_path / "group.sqlite3"
    assert run_cli("members", "add", "--first-name", "Ada", "--last-name", "Lovelace", db=db).returncode == 0
    broken = tmp_path / "register.csv"
    broken.write_text("nothing,useful\n1,2\n", encoding="utf-8")
    for _ in range(4):
        result = run_cli("attendance", "import", str(broken), db=db)
        assert result.returncode == 1, result.stdout
    kept = [p for p in backups_of(paths.backups_dir, "group") if "before-register-import" in p.name]
    assert len(kept) == 1


def test_a_changed_database_gets_a_new_backup(db: Database) -> None:
    first = db.backup(reason="before-merge")
    assert db.backup(reason="before-merge") == first
    with db.session() as s:
        add_member(s, first_name="New", last_name="Person")
    assert db.backup(reason="before-merge") != first


def test_an_unwritable_backups_folder_still_opens_read_write(tmp_path: Path) -> None:
    path = tmp_path / "group.sqlite3"
    open_database(str(path), backups_dir=tmp_path / "b").dispose()
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the backups folder should be")
    db = open_database(str(path), backups_dir=blocked / "backups")
    notes = on_open(db, default_backups_dir=blocked / "backups")
    assert notes.backup is None and notes.backup_problem
    assert any("daily backup could not be taken" in w for w in notes.warnings)
    with db.session() as s:
        add_member(s, first_name="Still", last_name="Saved")
        assert count_members(s) == 1
    db.dispose()


def test_db_check_lists_broken_links(run_cli, tmp_path: Path) -> None:
    db = tmp_path / "group.sqlite3"
    assert run_cli("db", "upgrade", db=db).returncode == 0
    con = sqlite3.connect(db)
    con.execute("INSERT INTO attendance (meeting_id, member_id, status) VALUES (99, 98, 'present')")
    con.commit()
    con.close()
    result = run_cli("db", "check", db=db)
    assert result.returncode == 1
    assert "foreign key" in result.stdout and "attendance" in result.stdout


def test_backups_taken_at_once_each_return_a_file_that_is_there(db: Database) -> None:
    """Two imports started together each take a 'before' backup of the same data.

    Each saw the other's copy as an identical earlier one; both deleted their own and
    returned the other's, already gone (or read it while it was being deleted). CI caught
    it as a FileNotFoundError in two concurrent register imports.
    """
    for _ in range(5):
        with ThreadPoolExecutor(max_workers=6) as pool:
            kept = list(pool.map(lambda _: db.backup(reason="before-register-import"), range(6)))
        assert all(p.exists() for p in kept), kept


def test_a_backup_removed_while_compared_is_not_the_same(tmp_path: Path) -> None:
    there = tmp_path / "a.sqlite3"
    there.write_bytes(b"x" * 10)
    assert not same_content(there, tmp_path / "gone.sqlite3")
    assert not same_content(tmp_path / "gone.sqlite3", there)
