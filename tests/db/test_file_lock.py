"""One writer per SQLite file: a second copy opens read-only and says who has it; crashes leave no lock."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from communitydesk.config import Paths
from communitydesk.db.file_lock import WriterLock, lock_path, read_holder
from communitydesk.errors import UserError
from communitydesk.gui.privacy.open_guard import open_guarded
from communitydesk.services.backups.backup import restore_backup
from communitydesk.services.members.records import add_member, list_members
from tests.conftest import REPO


def test_second_copy_opens_read_only_and_names_the_holder(tmp_path: Path, paths: Paths) -> None:
    target = str(tmp_path / "shared.sqlite3")
    first = open_guarded(target, paths)
    try:
        with first.db.session() as s:
            add_member(s, first_name="Written", last_name="ByFirst")
        second = open_guarded(target, paths)
        try:
            assert second.db.read_only and second.lock is None
            assert "open in CommunityDesk by" in second.db.read_only_reason
            assert str(os.getpid()) in second.db.read_only_reason
            with second.db.session() as s:  # reading works
                assert [m.first_name for m in list_members(s)] == ["Written"]
            with pytest.raises(UserError, match="read-only"), second.db.session() as s:
                add_member(s, first_name="Refused", last_name="Write")
            with pytest.raises(UserError, match="read-only"):
                restore_backup(second.db, tmp_path / "whatever.sqlite3")
        finally:
            second.close()
    finally:
        first.close()
    assert not lock_path(Path(target)).exists()
    third = open_guarded(target, paths)  # the first closed: the next copy is the writer
    assert not third.db.read_only
    third.close()


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
def test_lock_of_a_crashed_copy_is_taken_over(tmp_path: Path) -> None:
    db_path = tmp_path / "crash.sqlite3"
    db_path.touch()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from pathlib import Path; "
         "from communitydesk.db.file_lock import WriterLock; "
         f"assert WriterLock(Path({str(db_path)!r})).acquire(); print('held', flush=True); "
         "time.sleep(120)"],
        cwd=REPO, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        blocked = WriterLock(db_path)
        assert not blocked.acquire() and blocked.holder.pid == holder.pid
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait()
        assert read_holder(db_path).pid == holder.pid  # the stale file is still there...
        taker = WriterLock(db_path)
        deadline = time.monotonic() + 10
        while not taker.acquire() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert taker.held  # ...but it does not block the next start
        assert read_holder(db_path).pid == os.getpid()
        taker.release()
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()


def test_lock_file_is_owner_only(tmp_path: Path) -> None:
    lock = WriterLock(tmp_path / "x.sqlite3")
    assert lock.acquire()
    if os.name == "posix":
        assert lock.path.stat().st_mode & 0o077 == 0
    lock.release()
