"""An upgrade that fails changes nothing, says how to go back, and does not pile up backups.

The failure is a real one: an index that a later migration creates already
exists in the file (as a hand-made fix or an older tool might have left it).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from communitydesk.db import migrate
from communitydesk.db.engine import open_database, sqlite_engine
from communitydesk.db.sqlite_backup import backup_name, backups_of, rotate
from communitydesk.errors import UserError


def _blocked_at_cd0002(path: Path) -> None:
    engine = sqlite_engine(path)
    migrate.upgrade(engine, "cd0002")
    engine.dispose()
    con = sqlite3.connect(path)
    con.execute("INSERT INTO members (first_name, last_name, status) VALUES ('Kept', 'Safe', 'active')")
    con.execute("CREATE INDEX ix_attendance_member_status_meeting ON attendance (member_id)")
    con.commit()
    con.close()


def _columns(path: Path, table: str) -> set[str]:
    con = sqlite3.connect(path)
    try:
        return {r[1] for r in con.execute(f"PRAGMA table_info({table})")}
    finally:
        con.close()


def test_a_failed_upgrade_changes_nothing_and_names_the_backup(tmp_path: Path) -> None:
    path = tmp_path / "group.sqlite3"
    _blocked_at_cd0002(path)
    backups = tmp_path / "backups"
    with pytest.raises(UserError) as caught:
        open_database(str(path), backups_dir=backups)
    message = str(caught.value)
    taken = backups_of(backups, "group")
    assert len(taken) == 1
    assert str(taken[0]) in message and "db restore" in message and "\n" not in message
    # cd0003 ran before cd0004 failed: one transaction, so its column is not there either.
    con = sqlite3.connect(path)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "cd0002"
    assert con.execute("SELECT first_name FROM members").fetchall() == [("Kept",)]
    con.close()
    assert "follow_up_by_id" not in _columns(path, "one_to_ones")
    # Trying again does not write yet another full backup of the same data.
    for _ in range(3):
        with pytest.raises(UserError):
            open_database(str(path), backups_dir=backups)
    assert backups_of(backups, "group") == taken


def test_restore_works_on_a_file_whose_upgrade_fails(run_cli, tmp_path: Path, paths) -> None:
    path = tmp_path / "group.sqlite3"
    _blocked_at_cd0002(path)
    failed = run_cli("members", "list", db=path)
    assert failed.returncode == 1 and "db restore" in failed.stderr
    check = run_cli("db", "check", db=path)
    assert check.returncode == 1 and "schema: at cd0002" in check.stderr + check.stdout
    good = tmp_path / "good.sqlite3"
    assert run_cli("members", "add", "--first-name", "From", "--last-name", "Backup", db=good).returncode == 0
    restored = run_cli("db", "restore", str(good), db=path)
    assert restored.returncode == 0, restored.stderr
    listed = run_cli("members", "list", db=path)
    assert listed.returncode == 0 and "From" in listed.stdout


def test_rotation_never_removes_the_newest_good_backup(tmp_path: Path) -> None:
    good_source = tmp_path / "source.sqlite3"
    open_database(str(good_source), backups_dir=tmp_path / "unused").dispose()
    from datetime import datetime, timedelta

    start = datetime(2026, 5, 1, 9)
    good = tmp_path / backup_name(Path("group.sqlite3"), "daily", start)
    good.write_bytes(good_source.read_bytes())
    for i in range(1, 15):  # a run of failures, each leaving a damaged backup
        bad = tmp_path / backup_name(Path("group.sqlite3"), "before-upgrade", start + timedelta(hours=i))
        bad.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    rotate(tmp_path, "group", keep_recent=10, keep_months=12)
    assert good.exists()
    assert len(backups_of(tmp_path, "group")) == 11


def test_rotation_of_one_file_leaves_another_files_backups_alone(tmp_path: Path) -> None:
    from datetime import datetime, timedelta

    start = datetime(2026, 5, 1, 9)
    other = [tmp_path / backup_name(Path("club-2.sqlite3"), "daily", start + timedelta(minutes=i))
             for i in range(12)]
    for p in other:
        p.write_bytes(b"x")
    for i in range(12):
        (tmp_path / backup_name(Path("club.sqlite3"), "daily", start + timedelta(hours=i))).write_bytes(b"x")
    rotate(tmp_path, "club", keep_recent=10, keep_months=12)
    assert all(p.exists() for p in other)
