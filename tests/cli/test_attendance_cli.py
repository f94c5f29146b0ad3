"""`attendance mark` and `attendance import` as a script would run them (the contract in DESIGN.md)."""

from __future__ import annotations

import json
from pathlib import Path

from communitydesk.config import Paths
from tests.services.test_attendance_import import LEGACY


def test_import_twice_then_mark(run_cli, tmp_path: Path, paths: Paths) -> None:
    db = tmp_path / "group.sqlite3"
    first = run_cli("attendance", "import", str(LEGACY), "--json", db=db)
    assert first.returncode == 0, first.stderr
    assert json.loads(first.stdout) == {"meetings_created": 8, "members_created": 16, "entries": 103,
                                        "rejected": []}
    assert list(paths.backups_dir.glob("*before-register-import*")), "a backup is taken first"
    again = run_cli("attendance", "import", str(LEGACY), "--json", db=db)
    assert json.loads(again.stdout)["meetings_created"] == 0
    assert json.loads(again.stdout)["members_created"] == 0
    marked = run_cli("attendance", "mark", "1", "1", "--status", "apologies", db=db)
    assert marked.returncode == 0 and "apologies" in marked.stdout


def test_import_rejects_cells_with_row_and_column(run_cli, tmp_path: Path) -> None:
    path = tmp_path / "reg.csv"
    path.write_text("Name,2026-01-06,2026-02-03\nAna Abbott,Y,maybe\n", encoding="utf-8")
    result = run_cli("attendance", "import", str(path), "--title", "Branch meeting", "--json")
    out = json.loads(result.stdout)
    assert out["entries"] == 1 and out["meetings_created"] == 2
    assert out["rejected"] == [{"row": 2, "column": "2026-02-03", "reason": out["rejected"][0]["reason"]}]
    assert "maybe" in out["rejected"][0]["reason"]


def test_errors_are_one_line_and_exit_1(run_cli, tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    for args in (("attendance", "import", str(empty)),
                 ("attendance", "mark", "5", "7", "--status", "present")):
        result = run_cli(*args)
        assert result.returncode == 1
        assert result.stderr.startswith("error:") and "Traceback" not in result.stderr
    bad = run_cli("attendance", "mark", "1", "1", "--status", "late")
    assert bad.returncode == 2
