"""A full disk: the app still opens, and no file is left half-written under a real name.

The full disk is a real one: a 1 MB tmpfs filled to the last byte (we run as
root in CI). Where mounting is not allowed, the command runs with RLIMIT_FSIZE
instead, so every write past a few kilobytes fails the same way (EFBIG).
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import shutil
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.skipif(os.name != "posix", reason="tmpfs / RLIMIT_FSIZE are POSIX")


class Disk:
    """A folder whose disk is full, and how to run the CLI against it."""

    def __init__(self, folder: Path, mounted: bool) -> None:
        self.folder = folder
        self.mounted = mounted

    def run(self, db: Path, *args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
        env = dict(os.environ, COMMUNITYDESK_DATA_DIR=str(data_dir))
        limit = None if self.mounted else _limit_file_size
        return subprocess.run([sys.executable, "-m", "communitydesk", "--db", str(db), *args],
                              capture_output=True, text=True, env=env, cwd=REPO, timeout=120,
                              preexec_fn=limit)

    def leftovers(self) -> list[str]:
        return sorted(p.name for p in self.folder.rglob("*") if p.is_file() and p.name != "filler")


FILE_SIZE_LIMIT = 40_960  # above SQLite's 32 KB shared-memory file, below any backup or export here


def _limit_file_size() -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_SIZE_LIMIT, FILE_SIZE_LIMIT))


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[Disk]:
    folder = tmp_path / "full"
    folder.mkdir()
    mounted = not os.environ.get("CD_NO_TMPFS") and subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(folder)],
                             capture_output=True).returncode == 0
    try:
        if mounted:
            (folder / "backups").mkdir()
            with (folder / "filler").open("wb", buffering=0) as fh, contextlib.suppress(OSError):
                while True:
                    fh.write(b"\0" * 4096)
        yield Disk(folder, mounted)
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(folder)], capture_output=True)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("full-disk-demo")
    db = folder / "group.sqlite3"
    made = subprocess.run([sys.executable, "-m", "communitydesk", "--db", str(db), "demo",
                           "--members", "400", "--meetings", "6"], capture_output=True, text=True,
                          cwd=REPO, env=dict(os.environ, COMMUNITYDESK_DATA_DIR=str(folder / "data")))
    assert made.returncode == 0, made.stderr
    return db


@pytest.fixture
def live(demo_file: Path, tmp_path: Path) -> Path:
    """A database (on the healthy disk) big enough that no copy of it fits in a few KB."""
    db = tmp_path / "group.sqlite3"
    shutil.copyfile(demo_file, db)
    return db


def _one_line_error(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode == 1, result.stderr
    lines = [line for line in result.stderr.strip().splitlines() if not line.startswith("warning: ")]
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert "Traceback" not in result.stderr


def test_members_list_works_when_the_backups_folder_is_full(full_disk: Disk, live: Path) -> None:
    data_dir = full_disk.folder if full_disk.mounted else full_disk.folder / "data"
    result = full_disk.run(live, "members", "list", "--json", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)) >= 300
    assert "daily backup could not be taken" in result.stderr
    assert not [n for n in full_disk.leftovers() if n.endswith(".sqlite3") or ".part" in n]
    # …and a change is saved too: the app is read-write without the day's backup.
    added = full_disk.run(live, "members", "add", "--first-name", "Still", "--last-name", "Works",
                          data_dir=data_dir)
    assert added.returncode == 0, added.stderr


def test_a_backup_on_a_full_disk_fails_in_one_line_and_leaves_nothing(full_disk: Disk, live: Path,
                                                                      tmp_path: Path) -> None:
    target = full_disk.folder / "copy.sqlite3"
    result = full_disk.run(live, "db", "backup", "-o", str(target), data_dir=tmp_path / "data")
    _one_line_error(result)
    assert not target.exists()
    assert full_disk.leftovers() == []


@pytest.mark.parametrize("command", [
    ("members", "export", "-o", "{out}/members.csv"),
    ("members", "export", "-o", "{out}/members.xlsx"),
    ("members", "export", "-o", "{out}/members.vcf"),
    ("attendance", "export", "-o", "{out}/attendance.xlsx"),
    ("attendance", "export", "-o", "{out}/attendance.csv", "--by", "member"),
    ("meetings", "export-ics", "-o", "{out}/meetings.ics"),
    ("print", "register", "-o", "{out}/register.pdf"),
])
def test_an_export_on_a_full_disk_leaves_no_partial_file(full_disk: Disk, live: Path, tmp_path: Path,
                                                          command: tuple[str, ...]) -> None:
    args = [a.format(out=full_disk.folder) for a in command]
    if not full_disk.mounted:  # RLIMIT_FSIZE only stops files bigger than the limit
        probe = tmp_path / "probe"
        probe.mkdir()
        made = Disk(probe, mounted=True).run(live, *[a.format(out=probe) for a in command],
                                             data_dir=tmp_path / "data")
        assert made.returncode == 0, made.stderr
        if max(p.stat().st_size for p in probe.iterdir()) <= FILE_SIZE_LIMIT:
            pytest.skip("this export is smaller than the simulated disk limit")
    result = full_disk.run(live, *args, data_dir=tmp_path / "data")
    _one_line_error(result)
    assert str(full_disk.folder) in result.stderr
    assert full_disk.leftovers() == [] or full_disk.leftovers() == ["backups"]


def test_interrupted_backups_are_swept_and_new_ones_are_private(run_cli, live: Path, paths) -> None:
    backups = paths.backups_dir
    backups.mkdir(parents=True, exist_ok=True)
    stale = [backups / "group-20260101-120000-000001-daily.sqlite3.part",
             backups / ".group-20260101-120000-000002-manual.sqlite3.x1y2z3ab.part"]
    for p in stale:
        p.write_bytes(b"half a backup full of emails")
        old = time.time() - 2 * 86400
        os.utime(p, (old, old))
    unrelated = backups / "holiday-photos.zip.part"  # not ours: left alone
    unrelated.write_bytes(b"x")
    in_progress = backups / ".group-20260101-120000-000003-manual.sqlite3.abcd1234.part"
    in_progress.write_bytes(b"another process is writing this one right now")
    result = run_cli("db", "backup", db=live)
    assert result.returncode == 0, result.stderr
    assert not any(p.exists() for p in stale)
    assert unrelated.exists() and in_progress.exists()
    made = Path(result.stdout.strip())
    assert stat.S_IMODE(made.stat().st_mode) == 0o600


def test_atomic_write_keeps_the_old_file_when_the_disk_fills(full_disk: Disk) -> None:
    from communitydesk.errors import UserError
    from communitydesk.files import atomic_write

    if not full_disk.mounted:
        pytest.skip("needs a real full disk (tmpfs) in this process")
    target = full_disk.folder / "report.csv"
    with contextlib.suppress(OSError):
        (full_disk.folder / "filler").unlink()
    atomic_write(target, "old contents\n")
    shutil.copyfile("/dev/null", full_disk.folder / "refill")
    with (full_disk.folder / "refill").open("wb", buffering=0) as fh, contextlib.suppress(OSError):
        while True:
            fh.write(b"\0" * 4096)
    with pytest.raises(UserError, match="disk is full") as caught:
        atomic_write(target, "new contents\n" * 100_000)
    assert "\n" not in str(caught.value)
    assert target.read_text() == "old contents\n"
    assert sorted(p.name for p in full_disk.folder.iterdir()) == ["backups", "refill", "report.csv"]
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
