"""Two programs on one SQLite file: the command line waits, says for whom, never prints SQL or names,
honours the window's writer lock for erasure, and tells the truth about a scrub a reader held up."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.paths import REPO

SECRET_FIRST, SECRET_LAST = "Zdzisława", "Quokkaberg-Łęcka"
SECRET_EMAIL = "zq.secret@example.org"

# Holds SQLite's write lock (BEGIN IMMEDIATE) until stdin says go.
WRITER = """
import sqlite3, sys
con = sqlite3.connect(sys.argv[1], isolation_level=None)
con.execute("BEGIN IMMEDIATE")
print("ready", flush=True)
sys.stdin.readline()
con.execute("COMMIT")
"""
# Holds a read transaction (a snapshot) until stdin says go.
READER = """
import sqlite3, sys
con = sqlite3.connect(sys.argv[1], isolation_level=None)
con.execute("BEGIN")
con.execute("SELECT count(*) FROM members").fetchone()
print("ready", flush=True)
sys.stdin.readline()
con.execute("COMMIT")
"""
# What a running window holds: CommunityDesk's writer lock file next to the database.
WINDOW = """
import sys
from pathlib import Path
from communitydesk.db.file_lock import WriterLock
lock = WriterLock(Path(sys.argv[1]).resolve())
assert lock.acquire()
print("ready", flush=True)
sys.stdin.readline()
lock.release()
"""


def _hold(script: str, *args: str) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, "-c", script, *args], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True, cwd=REPO)
    assert proc.stdout.readline().strip() == "ready"
    return proc


def _release(proc: subprocess.Popen[str]) -> None:
    if proc.poll() is None:
        proc.stdin.write("go\n")
        proc.stdin.flush()
    proc.wait(timeout=30)


def _group(run_cli, db: Path) -> int:
    assert run_cli("db", "upgrade", db=db).returncode == 0
    added = run_cli("members", "add", "--first-name", SECRET_FIRST, "--last-name", SECRET_LAST,
                    "--email", SECRET_EMAIL, "--json", db=db)
    assert added.returncode == 0, added.stderr
    run_cli("members", "list", db=db)  # the day's backup is taken now, not during the test
    return json.loads(added.stdout)["id"]


def _email_of(run_cli, db: Path, member_id: int) -> str | None:
    listed = json.loads(run_cli("members", "list", "--json", db=db).stdout)
    return next((m["email"] for m in listed if m["id"] == member_id), None)


def test_a_write_waits_for_another_writer_then_goes_through(run_cli, tmp_path: Path) -> None:
    db = tmp_path / "group.sqlite3"
    _group(run_cli, db)
    writer = _hold(WRITER, str(db))
    adding = subprocess.Popen(
        [sys.executable, "-m", "communitydesk", "--db", str(db), "members", "add",
         "--first-name", "Ann", "--last-name", "Lee"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO)
    try:
        note = adding.stderr.readline()  # blocks until the command says it is waiting
    finally:
        _release(writer)
    out, rest = adding.communicate(timeout=60)
    assert adding.returncode == 0, note + rest
    assert note.startswith("waiting for another program to finish writing to group.sqlite3")
    assert "waiting for" not in rest and "unexpected" not in rest


@pytest.mark.parametrize("window", [False, True], ids=["another-program", "window"])
def test_a_write_that_waits_too_long_says_who_has_the_file_and_nothing_else(
        run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, window: bool) -> None:
    db = tmp_path / "group.sqlite3"
    _group(run_cli, db)
    monkeypatch.setenv("COMMUNITYDESK_LOCK_WAIT", "2")
    holders = [_hold(WINDOW, str(db))] if window else []
    holders.append(_hold(WRITER, str(db)))
    try:
        started = time.monotonic()
        added = run_cli("members", "add", "--first-name", "Bożydar", "--last-name", "Pstrąg",
                        "--email", "bp.private@example.org", db=db)
        waited = time.monotonic() - started
    finally:
        for proc in holders:
            _release(proc)
    assert added.returncode == 1
    err = added.stderr.strip().splitlines()
    assert err[-1].startswith("error: nothing was saved:") and "is busy" in err[-1]
    if window:
        assert "CommunityDesk, open by" in err[-1] and f"process {holders[0].pid}" in err[-1]
    else:
        assert "another program is writing to it" in err[-1]
    for leak in ("SQL", "INSERT", "Bożydar", "Pstrąg", "bp.private", "unexpected", "Traceback"):
        assert leak not in added.stderr
    assert 2 <= waited < 20
    names = [m["last_name"] for m in json.loads(run_cli("members", "list", "--json", db=db).stdout)]
    assert "Pstrąg" not in names


def test_privacy_erase_refuses_while_a_window_has_the_file(run_cli, tmp_path: Path) -> None:
    db = tmp_path / "group.sqlite3"
    member_id = _group(run_cli, db)
    window = _hold(WINDOW, str(db))
    try:
        erased = run_cli("privacy", "erase", str(member_id), "--yes", db=db)
    finally:
        _release(window)
    assert erased.returncode == 1
    assert erased.stderr.startswith("error: cannot erase a person: the database is open in "
                                    "CommunityDesk by")
    assert _email_of(run_cli, db, member_id) == SECRET_EMAIL


def test_erase_while_another_process_reads_says_so_and_the_next_command_finishes_it(
        run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "group.sqlite3"
    member_id = _group(run_cli, db)
    reader = _hold(READER, str(db))
    try:
        erased = run_cli("privacy", "erase", str(member_id), "--yes", db=db)
        assert erased.returncode == 0, erased.stderr
        assert f"member {member_id} anonymised" in erased.stdout
        assert "warning: erasure not finished" in erased.stdout
        assert "still in the database file" in erased.stdout
        assert SECRET_EMAIL.encode() in db.read_bytes()  # what the warning says is true
        meanwhile = run_cli("members", "list", db=db)  # still held: a warning, no long wait
        assert meanwhile.returncode == 0 and "erasure is not finished" in meanwhile.stderr
        monkeypatch.setenv("COMMUNITYDESK_LOCK_WAIT", "60")
        writer = _hold(WRITER, str(db))  # and a writer too: opening must not wait for it
        try:
            started = time.monotonic()
            busy = run_cli("members", "list", db=db)
            assert time.monotonic() - started < 40
        finally:
            _release(writer)
        assert busy.returncode == 0 and "erasure is not finished" in busy.stderr
    finally:
        _release(reader)
    after = run_cli("members", "list", db=db)
    assert after.returncode == 0 and "erasure" not in after.stderr
    for f in (db, Path(f"{db}-wal")):
        if f.exists():
            raw = f.read_bytes()
            assert SECRET_EMAIL.encode() not in raw and b"Quokkaberg" not in raw


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_an_unexpected_error_logs_no_personal_data_and_the_log_is_owner_only(
        run_cli, tmp_path: Path, paths) -> None:
    import sqlite3

    db = tmp_path / "group.sqlite3"
    _group(run_cli, db)
    con = sqlite3.connect(db)
    con.execute("CREATE TRIGGER refuse BEFORE INSERT ON members "
                "BEGIN SELECT RAISE(ABORT, 'refused by a test trigger'); END")
    con.commit()
    con.close()
    failed = run_cli("members", "add", "--first-name", "Bożydar", "--last-name", "Pstrąg",
                     "--email", "bp.private@example.org", "--phone", "+44 7700 900123", db=db)
    assert failed.returncode == 1
    assert failed.stderr.startswith("error: unexpected problem:")
    assert "refused by a test trigger" in failed.stderr
    log = paths.log_file
    assert log.exists() and str(log) in failed.stderr
    text = log.read_text(encoding="utf-8")
    assert "refused by a test trigger" in text and "members add" in text and "INSERT INTO members" in text
    for leak in ("Bożydar", "Pstrąg", "bp.private@example.org", "7700 900123"):
        assert leak not in failed.stderr and leak not in text
    assert "INSERT" not in failed.stderr
    assert log.stat().st_mode & 0o777 == 0o600
