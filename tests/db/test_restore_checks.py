"""`db restore` refuses a backup with broken links, and says so when it has to wait."""

from __future__ import annotations

import os
import select
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from communitydesk.db.engine import Database
from communitydesk.errors import UserError
from communitydesk.services.backups.backup import backup_now, restore_backup
from communitydesk.services.members.records import add_member, list_members
from tests.conftest import REPO


def test_a_backup_with_broken_links_is_refused_before_anything_changes(db: Database, tmp_path: Path) -> None:
    with db.session() as s:
        add_member(s, first_name="Kept", last_name="Safe")
    bad = backup_now(db, dest=tmp_path / "bad.sqlite3")
    con = sqlite3.connect(bad)  # foreign keys are off by default here, as in a damaged copy
    con.execute("INSERT INTO attendance (meeting_id, member_id, status) VALUES (99, 98, 'present')")
    con.commit()
    con.close()
    before = sorted(db.backups_dir.glob("*before-restore*")) if db.backups_dir.exists() else []
    with pytest.raises(UserError, match="broken link"):
        restore_backup(db, bad)
    with db.session() as s:
        assert [m.first_name for m in list_members(s)] == ["Kept"]
    after = sorted(db.backups_dir.glob("*before-restore*")) if db.backups_dir.exists() else []
    assert after == before


def test_restore_says_it_is_waiting_while_another_program_writes(run_cli, tmp_path: Path) -> None:
    live = tmp_path / "live.sqlite3"
    assert run_cli("members", "add", "--first-name", "Old", "--last-name", "State", db=live).returncode == 0
    good = tmp_path / "good.sqlite3"
    assert run_cli("members", "add", "--first-name", "New", "--last-name", "State", db=good).returncode == 0
    holder = sqlite3.connect(live, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program in the middle of a write
    proc = subprocess.Popen([sys.executable, "-m", "communitydesk", "--db", str(live), "db", "restore", str(good)],
                            cwd=REPO, env=dict(os.environ), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    try:
        ready, _, _ = select.select([proc.stderr], [], [], 30)
        assert ready, "the restore waited without a word"
        line = proc.stderr.readline()
        assert "waiting" in line and "busy" in line, line
        assert "another CommunityDesk command or program" in line  # not the restore's own lock
        assert proc.poll() is None
        time.sleep(0.3)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert "restored" in out
    listed = run_cli("members", "list", db=live)
    assert "New" in listed.stdout and "Old" not in listed.stdout


def test_restore_works_over_a_damaged_file_and_keeps_its_bytes(run_cli, tmp_path: Path, paths) -> None:
    live = tmp_path / "live.sqlite3"
    assert run_cli("members", "add", "--first-name", "Old", "--last-name", "State", db=live).returncode == 0
    good = tmp_path / "good.sqlite3"
    assert run_cli("members", "add", "--first-name", "New", "--last-name", "State", db=good).returncode == 0
    con = sqlite3.connect(live)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    damaged = bytearray(live.read_bytes())
    damaged[100:4096] = b"\xff" * (4096 - 100)  # the schema page is garbage: nothing opens it
    live.write_bytes(bytes(damaged))
    assert run_cli("members", "list", db=live).returncode == 1
    restored = run_cli("db", "restore", str(good), db=live)
    assert restored.returncode == 0, restored.stderr
    listed = run_cli("members", "list", db=live)
    assert listed.returncode == 0 and "New" in listed.stdout
    kept = [p for p in paths.backups_dir.glob("*.sqlite3") if "before-restore" in p.name]
    assert len(kept) == 1 and kept[0].read_bytes() == bytes(damaged)


def test_restore_never_overwrites_a_file_that_is_not_a_database(run_cli, tmp_path: Path) -> None:
    sheet = tmp_path / "members.xlsx"
    sheet.write_bytes(b"PK\x03\x04 a spreadsheet, given as --db by mistake")
    good = tmp_path / "good.sqlite3"
    assert run_cli("members", "add", "--first-name", "New", "--last-name", "State", db=good).returncode == 0
    refused = run_cli("db", "restore", str(good), db=sheet)
    assert refused.returncode == 1
    assert sheet.read_bytes().startswith(b"PK\x03\x04 a spreadsheet")
