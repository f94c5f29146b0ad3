"""Backups are consistent copies and rotate (10 recent + one a month)."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

from communitydesk.db.engine import Database
from communitydesk.db.sqlite_backup import backup_name, rotate
from communitydesk.services.members.records import add_member


def test_backup_while_open_contains_committed_data(db: Database) -> None:
    with db.session() as s:
        add_member(s, first_name="Zofia", last_name="Wójcik")
    path = db.backup(reason="manual")
    con = sqlite3.connect(path)
    assert con.execute("SELECT first_name, last_name FROM members").fetchall() == [("Zofia", "Wójcik")]
    con.close()
    assert path.parent == db.backups_dir
    assert path.stat().st_mode & 0o077 == 0


def test_rotation_keeps_recent_and_one_per_month(tmp_path: Path) -> None:
    start = datetime(2025, 1, 1, 12)
    for day in range(0, 400, 5):
        (tmp_path / backup_name(Path("group.sqlite3"), "daily", start + timedelta(days=day))).write_bytes(b"x")
    rotate(tmp_path, "group", keep_recent=10, keep_months=12)
    left = sorted(p.name for p in tmp_path.iterdir())
    months = {name.split("-")[1][:6] for name in left}
    assert len(left) <= 10 + 12
    assert len(months) >= 12
    newest = backup_name(Path("group.sqlite3"), "daily", start + timedelta(days=395))
    assert newest in left
