"""kill -9 in the middle of a large write or a restore leaves a healthy database, all or nothing.

The process is killed while it is visibly writing (its WAL growing, or the
pre-restore backup just taken). Afterwards ``db check`` must pass, the data must
be exactly the old state or exactly the new one, and the next start must work
(no stale lock or journal blocking it).
"""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")


def _start(db: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "communitydesk", "--db", str(db), *args],
                            cwd=REPO, env=dict(os.environ), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def _wait_for(condition, proc: subprocess.Popen, limit: float = 120.0) -> bool:
    """Poll until ``condition()`` or the process ends; True if the condition was met while running."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        if condition():
            return True
        time.sleep(0.005)
    return False


def _count(db: Path, table: str) -> int:
    con = sqlite3.connect(db)
    try:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        con.close()


def test_kill_during_a_large_write_leaves_nothing_half_written(run_cli, tmp_path: Path) -> None:
    db = tmp_path / "big.sqlite3"
    assert run_cli("db", "upgrade", db=db).returncode == 0
    wal = Path(f"{db}-wal")
    # Big enough that its one transaction spills pages into the WAL long before it commits.
    proc = _start(db, "demo", "--members", "3000", "--meetings", "30")
    # Kill as soon as frames appear: mid-transaction, or at the latest at its commit.
    writing = _wait_for(lambda: wal.exists() and wal.stat().st_size > 0, proc)
    with contextlib.suppress(ProcessLookupError):  # it may end between the check and the kill
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert writing, "the demo finished before it could be interrupted"
    check = run_cli("db", "check", db=db)
    assert check.returncode == 0, check.stderr
    state = (_count(db, "members"), _count(db, "meetings"), _count(db, "attendance"))
    nothing, everything = state == (0, 0, 0), state[0] >= 3000 and state[1] >= 30 and state[2] > 0
    assert nothing or everything, f"half-written: {state}"
    # The next start is not blocked, whichever side of the commit the kill landed on.
    again = run_cli("members", "add", "--first-name", "Next", "--last-name", "Start", db=db)
    assert again.returncode == 0, again.stderr
    assert run_cli("db", "check", db=db).returncode == 0


def test_kill_during_a_large_import_leaves_nothing_half_written(run_cli, tmp_path: Path) -> None:
    db = tmp_path / "import.sqlite3"
    assert run_cli("members", "add", "--first-name", "Already", "--last-name", "Here", db=db).returncode == 0
    rows = 20_000
    csv_file = tmp_path / "contacts.csv"
    with csv_file.open("w", encoding="utf-8") as fh:
        fh.write("First Name,Last Name,E-mail 1 - Value,Phone 1 - Value\n")
        for i in range(rows):
            fh.write(f"Zofia{i},Wójcik,zofia{i}@example.org,+44 7700 9{i % 100000:05d}\n")
    wal = Path(f"{db}-wal")
    before = wal.stat().st_size if wal.exists() else 0
    proc = _start(db, "members", "import", str(csv_file))
    # Pages reach the WAL while the import's one transaction is still open: kill then.
    writing = _wait_for(lambda: wal.exists() and wal.stat().st_size > before, proc)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert writing, "the import finished before it could be interrupted"
    assert run_cli("db", "check", db=db).returncode == 0
    members = _count(db, "members")
    assert members in (1, rows + 1), f"half-written: {members} members"
    again = run_cli("members", "add", "--first-name", "Next", "--last-name", "Start", db=db)
    assert again.returncode == 0, again.stderr


BACKUP_MEMBERS = 40_000


@pytest.fixture(scope="module")
def big_backup(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A valid backup with many rows, so the restore copy takes long enough to interrupt."""
    from communitydesk.db.engine import open_database

    folder = tmp_path_factory.mktemp("restore-source")
    path = folder / "big-backup.sqlite3"
    open_database(str(path), backups_dir=folder / "b").dispose()
    con = sqlite3.connect(path)
    con.executemany("INSERT INTO members (first_name, last_name, status, notes) VALUES (?, ?, 'active', ?)",
                    ((f"Restored{i}", "Person", "x" * 200) for i in range(BACKUP_MEMBERS)))
    con.commit()
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.execute("PRAGMA journal_mode=DELETE")
    con.close()
    return path


@pytest.mark.parametrize("extra_delay", [0.0, 0.05])
def test_kill_during_restore_leaves_old_or_new_state(run_cli, tmp_path: Path, paths, big_backup: Path,
                                                     extra_delay: float) -> None:
    backup, backup_members = big_backup, BACKUP_MEMBERS
    live = tmp_path / "live.sqlite3"
    for name in ("Old", "State"):
        assert run_cli("members", "add", "--first-name", name, "--last-name", "Live", db=live).returncode == 0
    proc = _start(live, "db", "restore", str(backup))
    _wait_for(lambda: any(paths.backups_dir.glob("live-*-before-restore.sqlite3")), proc)
    time.sleep(extra_delay)
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    check = run_cli("db", "check", db=live)
    assert check.returncode == 0, check.stderr
    assert _count(live, "members") in (2, backup_members)
    retry = run_cli("db", "restore", str(backup), db=live)
    assert retry.returncode == 0, retry.stderr
    assert _count(live, "members") == backup_members
    assert run_cli("db", "check", db=live).returncode == 0
