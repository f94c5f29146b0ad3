"""Files the app writes hold members' details: only their owner may read them (mode 0600)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.paths import REPO

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")

# Exports and PDFs are written through communitydesk/files.py's atomic_write (0600), which
# lands from the `files` branch: until it is merged these may fail here, and must pass after.


@pytest.fixture(scope="module")
def group(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """One demo group for the module (building it is the slow part)."""
    home = tmp_path_factory.mktemp("modes")
    env = {**os.environ, "COMMUNITYDESK_DATA_DIR": str(home / "data"),
           "COMMUNITYDESK_CONFIG_DIR": str(home / "config")}
    env.pop("COMMUNITYDESK_DB", None)
    db = home / "group.sqlite3"
    made = subprocess.run([sys.executable, "-m", "communitydesk", "--db", str(db), "demo",
                           "--members", "12", "--meetings", "3"], capture_output=True, text=True,
                          env=env, cwd=REPO, timeout=300)
    assert made.returncode == 0, made.stderr
    return db, env


def _cli(group: tuple[Path, dict[str, str]], *args: str) -> subprocess.CompletedProcess[str]:
    db, env = group
    return subprocess.run([sys.executable, "-m", "communitydesk", "--db", str(db), *args],
                          capture_output=True, text=True, env=env, cwd=REPO, timeout=300)


def _mode(path: Path) -> int:
    assert path.exists(), f"{path} was not written"
    return path.stat().st_mode & 0o777


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "vcf"])
def test_members_export_is_owner_only(group, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"members.{fmt}"
    done = _cli(group, "members", "export", "-o", str(out), "--format", fmt)
    assert done.returncode == 0, done.stderr
    assert _mode(out) == 0o600


def test_attendance_export_is_owner_only(group, tmp_path: Path) -> None:
    out = tmp_path / "attendance.csv"
    done = _cli(group, "attendance", "export", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert _mode(out) == 0o600


def test_a_pdf_is_owner_only(group, tmp_path: Path) -> None:
    meeting = json.loads(_cli(group, "meetings", "list", "--json").stdout)[0]["id"]
    out = tmp_path / "agenda.pdf"
    done = _cli(group, "print", "agenda", str(meeting), "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert _mode(out) == 0o600


def test_the_ics_file_is_owner_only(group, tmp_path: Path) -> None:
    out = tmp_path / "meetings.ics"
    done = _cli(group, "meetings", "export-ics", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert _mode(out) == 0o600


def test_the_subject_access_export_is_owner_only(group, tmp_path: Path) -> None:
    member = json.loads(_cli(group, "members", "list", "--json").stdout)[0]["id"]
    done = _cli(group, "privacy", "export", str(member), "-o", str(tmp_path / "sar.json"), "--json")
    assert done.returncode == 0, done.stderr
    paths = json.loads(done.stdout)
    assert _mode(Path(paths["json"])) == 0o600 and _mode(Path(paths["pdf"])) == 0o600


def test_the_log_is_owner_only_even_when_an_older_version_made_it_readable(
        group, tmp_path: Path) -> None:
    db, env = group
    log = Path(env["COMMUNITYDESK_DATA_DIR"]) / "logs" / "communitydesk.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    log.write_text("an older entry\n", encoding="utf-8")
    log.chmod(0o644)
    broken = tmp_path / "broken.sqlite3"  # an unexpected error, on a copy of the group
    broken.write_bytes(db.read_bytes())
    con = sqlite3.connect(broken)
    con.execute("CREATE TRIGGER refuse BEFORE INSERT ON members "
                "BEGIN SELECT RAISE(ABORT, 'refused by a test trigger'); END")
    con.commit()
    con.close()
    failed = _cli((broken, env), "members", "add", "--first-name", "Ann", "--last-name", "Lee")
    assert failed.returncode == 1 and str(log) in failed.stderr
    assert _mode(log) == 0o600 and _mode(log.parent) == 0o700
    assert "an older entry" in log.read_text(encoding="utf-8")
