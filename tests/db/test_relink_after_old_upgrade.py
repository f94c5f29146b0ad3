"""Databases already upgraded by the old cd0003 (which erased every ladder move's link to
its one-to-one) get the links back from the backup taken before that upgrade."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

from communitydesk.db import migrate
from communitydesk.db.engine import sqlite_engine
from communitydesk.db.sqlite_backup import backup_name


def _links(path: Path) -> list[tuple]:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT id, one_to_one_id FROM stage_changes ORDER BY id").fetchall()
    finally:
        con.close()


def test_db_check_reports_and_db_upgrade_restores_lost_links(run_cli, tmp_path: Path, paths) -> None:
    live = tmp_path / "group.sqlite3"
    engine = sqlite_engine(live)
    migrate.upgrade(engine, "cd0002")
    engine.dispose()
    con = sqlite3.connect(live)
    con.executemany("INSERT INTO members (id, first_name, last_name, status) VALUES (?, ?, 'Nowak', 'active')",
                    ((i, f"M{i}") for i in range(1, 11)))
    con.executemany("INSERT INTO one_to_ones (id, member_id, held_on, medium) VALUES (?, ?, '2026-01-05', 'phone')",
                    ((i, i) for i in range(1, 11)))
    con.executemany("INSERT INTO stage_changes (id, member_id, to_stage, one_to_one_id) VALUES (?, ?, 'Leader', ?)",
                    ((i, i, i if i % 2 else None) for i in range(1, 11)))
    con.commit()
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    expected = _links(live)
    paths.backups_dir.mkdir(parents=True)
    before = paths.backups_dir / backup_name(live, "before-upgrade", datetime(2026, 3, 1, 10))
    shutil.copyfile(live, before)
    assert run_cli("db", "upgrade", db=live).returncode == 0
    con = sqlite3.connect(live)  # what the old cd0003 did to every link
    con.execute("UPDATE stage_changes SET one_to_one_id = NULL")
    con.commit()
    con.close()

    check = run_cli("db", "check", db=live)
    assert check.returncode == 1
    assert "5 ladder moves" in check.stdout and "before-upgrade" in check.stdout
    repaired = run_cli("db", "upgrade", db=live)
    assert repaired.returncode == 0, repaired.stderr
    assert "5 ladder moves" in repaired.stdout
    assert _links(live) == expected
    assert run_cli("db", "check", db=live).returncode == 0
