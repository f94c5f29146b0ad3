"""kill -9 at random moments of the first open, `db upgrade`, `demo`, `db backup` and `db restore`.

Afterwards every command still opens the file and the data is all before or all
after: a migration is one transaction (a kill used to leave "table audit_log
already exists" and a file nothing would open), and retrying does not write
another full backup of the same data. The delays come from a seeded generator
(``CD_KILL_SEED`` picks others) so a failure can be replayed.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from communitydesk.db import migrate
from communitydesk.db.engine import sqlite_engine
from communitydesk.db.sqlite_backup import backups_of
from tests.conftest import REPO

pytestmark = [pytest.mark.slow, pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")]

RNG = random.Random(int(os.environ.get("CD_KILL_SEED", "22")))
ONE_TO_ONES = 150_000
LINKED = len(range(1, ONE_TO_ONES + 1, 10))


def _delays(low: float, high: float, n: int = 3) -> list[float]:
    return [round(RNG.uniform(low, high), 3) for _ in range(n)]


def _start(db: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "communitydesk", "--db", str(db), *args],
                            cwd=REPO, env=dict(os.environ), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def _kill_when(proc: subprocess.Popen, condition: Callable[[], bool], delay: float) -> bool:
    """Wait for ``condition``, then ``delay`` seconds, then SIGKILL; True if it was still running."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None and not condition():
        time.sleep(0.005)
    time.sleep(delay)
    alive = proc.poll() is None
    if alive:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    return alive


def _query(db: Path, sql: str) -> object:
    con = sqlite3.connect(db)
    try:
        return con.execute(sql).fetchone()[0]
    finally:
        con.close()


def _revision(db: Path) -> str | None:
    try:
        return _query(db, "SELECT version_num FROM alembic_version")  # type: ignore[return-value]
    except sqlite3.OperationalError:
        return None


def _every_command_opens(run_cli, db: Path) -> list[dict]:
    listed = run_cli("members", "list", "--json", db=db)
    assert listed.returncode == 0, listed.stderr
    check = run_cli("db", "check", db=db)
    assert check.returncode == 0, check.stderr + check.stdout
    added = run_cli("members", "add", "--first-name", "After", "--last-name", "Kill", db=db)
    assert added.returncode == 0, added.stderr
    return json.loads(listed.stdout)


@pytest.mark.parametrize("delay", _delays(0.0, 0.6))
def test_kill_during_the_first_open(run_cli, tmp_path: Path, delay: float) -> None:
    db = tmp_path / "new.sqlite3"
    proc = _start(db, "db", "upgrade")
    _kill_when(proc, db.exists, delay)
    assert _revision(db) in (None, migrate.head_revision())
    again = run_cli("db", "upgrade", db=db)
    assert again.returncode == 0, again.stderr
    assert _every_command_opens(run_cli, db) == []


@pytest.fixture(scope="module")
def old_big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A file at the first revision with many one-to-ones, so the upgrade takes a while."""
    path = tmp_path_factory.mktemp("old-big") / "old.sqlite3"
    first = migrate.ordered_revisions()[0]
    engine = sqlite_engine(path)
    migrate.upgrade(engine, first)
    engine.dispose()
    con = sqlite3.connect(path)
    con.executemany("INSERT INTO members (id, first_name, last_name, status) VALUES (?, ?, 'Nowak', 'active')",
                    ((i, f"M{i}") for i in range(1, 2001)))
    con.executemany("INSERT INTO one_to_ones (id, member_id, held_on, medium, story) "
                    "VALUES (?, ?, '2026-01-05', 'phone', ?)",
                    ((i, 1 + i % 2000, "s" * 150) for i in range(1, ONE_TO_ONES + 1)))
    con.executemany("INSERT INTO stage_changes (member_id, to_stage, one_to_one_id) VALUES (?, 'Leader', ?)",
                    ((1 + i % 2000, i) for i in range(1, ONE_TO_ONES + 1, 10)))
    con.commit()
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return path


@pytest.fixture(scope="module")
def upgrade_seconds(old_big_file: Path, tmp_path_factory: pytest.TempPathFactory) -> float:
    """How long the upgrade runs once its backup is taken, on this machine now: the kills
    land at a fraction of it, so a faster or busier machine still interrupts it."""
    work = tmp_path_factory.mktemp("timed-upgrade")
    db = work / "old.sqlite3"
    shutil.copyfile(old_big_file, db)
    env = dict(os.environ, COMMUNITYDESK_DATA_DIR=str(work / "data"))
    proc = subprocess.Popen([sys.executable, "-m", "communitydesk", "--db", str(db), "db", "upgrade"],
                            cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while proc.poll() is None and not backups_of(work / "data" / "backups", "old") and time.monotonic() < deadline:
        time.sleep(0.005)
    started = time.monotonic()
    proc.wait()
    return time.monotonic() - started


@pytest.mark.parametrize("fraction", _delays(0.0, 0.6))
def test_kill_during_db_upgrade(run_cli, tmp_path: Path, paths, old_big_file: Path, fraction: float,
                                upgrade_seconds: float) -> None:
    db = tmp_path / "old.sqlite3"
    shutil.copyfile(old_big_file, db)
    first = migrate.ordered_revisions()[0]
    proc = _start(db, "db", "upgrade")
    started = _kill_when(proc, lambda: bool(backups_of(paths.backups_dir, "old")),
                         fraction * upgrade_seconds)
    assert started, "the upgrade finished before it could be interrupted"
    # All before or all after, and no link lost either way.
    assert _revision(db) in (first, migrate.head_revision())
    assert _query(db, "SELECT count(*) FROM one_to_ones") == ONE_TO_ONES
    assert _query(db, "SELECT count(*) FROM stage_changes WHERE one_to_one_id IS NOT NULL") == LINKED
    for _ in range(2):  # retrying (twice) does not pile up full backups of the same data
        again = run_cli("db", "upgrade", db=db)
        assert again.returncode == 0, again.stderr
    assert len([p for p in backups_of(paths.backups_dir, "old") if "before-upgrade" in p.name]) == 1
    assert _revision(db) == migrate.head_revision()
    assert _query(db, "SELECT count(*) FROM stage_changes WHERE one_to_one_id IS NOT NULL") == LINKED
    assert len(_every_command_opens(run_cli, db)) == 2000


@pytest.mark.parametrize("delay", _delays(0.0, 0.8))
def test_kill_during_demo(run_cli, tmp_path: Path, delay: float) -> None:
    db = tmp_path / "demo.sqlite3"
    assert run_cli("db", "upgrade", db=db).returncode == 0
    wal = Path(f"{db}-wal")
    proc = _start(db, "demo", "--members", "300", "--meetings", "10")
    _kill_when(proc, lambda: wal.exists() and wal.stat().st_size > 0, delay)
    members, meetings = _query(db, "SELECT count(*) FROM members"), _query(db, "SELECT count(*) FROM meetings")
    assert (members, meetings) == (0, 0) or (members >= 300 and meetings >= 10), (members, meetings)
    _every_command_opens(run_cli, db)


@pytest.fixture(scope="module")
def big_at_head(tmp_path_factory: pytest.TempPathFactory, old_big_file: Path) -> Path:
    path = tmp_path_factory.mktemp("big-head") / "big.sqlite3"
    shutil.copyfile(old_big_file, path)
    engine = sqlite_engine(path)
    migrate.upgrade_to_head(engine)
    engine.dispose()
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return path


@pytest.mark.parametrize("delay", _delays(0.2, 1.2))
def test_kill_during_db_backup(run_cli, tmp_path: Path, big_at_head: Path, delay: float) -> None:
    db = tmp_path / "big.sqlite3"
    shutil.copyfile(big_at_head, db)
    out = tmp_path / "out" / "copy.sqlite3"
    out.parent.mkdir()
    proc = _start(db, "db", "backup", "-o", str(out))
    _kill_when(proc, lambda: True, delay)
    if out.exists():  # a file under the asked name is a complete copy
        assert _query(out, "PRAGMA integrity_check") == "ok"
        assert _query(out, "SELECT count(*) FROM one_to_ones") == ONE_TO_ONES
    assert len(_every_command_opens(run_cli, db)) == 2000


@pytest.mark.parametrize("delay", _delays(0.0, 0.5))
def test_kill_during_db_restore(run_cli, tmp_path: Path, paths, big_at_head: Path, delay: float) -> None:
    live = tmp_path / "live.sqlite3"
    for name in ("Old", "State"):
        assert run_cli("members", "add", "--first-name", name, "--last-name", "Live", db=live).returncode == 0
    proc = _start(live, "db", "restore", str(big_at_head))
    _kill_when(proc, lambda: any("before-restore" in p.name for p in backups_of(paths.backups_dir, "live")),
               delay)
    members = _query(live, "SELECT count(*) FROM members")
    assert members in (2, 2000)
    people = _every_command_opens(run_cli, live)
    assert len(people) == members
