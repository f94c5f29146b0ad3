"""A mistyped --db path is refused; only `db upgrade`, `demo` (and the window) create a database."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO


def test_a_mistyped_path_is_refused_and_nothing_is_created(run_cli, tmp_path: Path) -> None:
    typo = tmp_path / "grup.sqlite3"
    for command in (("members", "list"), ("members", "add", "--first-name", "A", "--last-name", "B"),
                    ("meetings", "list", "--json"), ("db", "check")):
        result = run_cli(*command, db=typo, create=False)
        assert result.returncode == 1, (command, result.stderr)
        assert result.stderr.startswith(f"error: there is no database at {typo}")
        assert "db upgrade" in result.stderr and len(result.stderr.strip().splitlines()) == 1
        assert not typo.exists() and not Path(f"{typo}-wal").exists()


def test_db_upgrade_and_demo_create_a_database(run_cli, tmp_path: Path) -> None:
    new = tmp_path / "new.sqlite3"
    assert run_cli("db", "upgrade", db=new, create=False).returncode == 0 and new.exists()
    assert run_cli("members", "list", db=new, create=False).returncode == 0
    demo = tmp_path / "demo.sqlite3"
    result = run_cli("demo", "--members", "10", "--meetings", "2", db=demo, create=False)
    assert result.returncode == 0, result.stderr


def test_the_default_database_is_not_created_by_a_listing(paths) -> None:
    result = subprocess.run([sys.executable, "-m", "communitydesk", "members", "list"],
                            capture_output=True, text=True, timeout=60, cwd=REPO)
    assert result.returncode == 1 and "there is no database yet" in result.stderr
    assert not paths.default_database.exists()
