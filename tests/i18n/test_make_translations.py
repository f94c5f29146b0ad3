"""`make translations` from a fresh copy of the repository runs clean and leaves the committed
catalogues exactly as they are: every marked string is in every .po, the .mo files are
compiled from the current .po, and running it twice changes nothing."""

from __future__ import annotations

import filecmp
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.paths import REPO

LOCALE = Path("communitydesk") / "locale"


def _venv() -> Path:
    """The venv running the tests, when it has Babel's command (else `make` would install)."""
    prefix = Path(sys.prefix)
    if prefix == Path(sys.base_prefix) or not (prefix / "bin" / "pybabel").exists():
        pytest.skip("needs the tests to run from a venv with Babel (make's .venv)")
    if shutil.which("make") is None:
        pytest.skip("needs make")
    return prefix


def test_make_translations_from_a_fresh_copy_changes_nothing(tmp_path: Path) -> None:
    venv = _venv()
    fresh = tmp_path / "checkout"
    fresh.mkdir()
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy(REPO / name, fresh / name)
    shutil.copytree(REPO / "communitydesk", fresh / "communitydesk",
                    ignore=shutil.ignore_patterns("__pycache__"))
    for _run in range(2):
        done = subprocess.run(["make", "translations", f"VENV={venv}"], cwd=fresh,
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stdout + done.stderr
        assert "error" not in done.stderr.lower(), done.stderr  # pybabel warns of bad markup
    assert not (fresh / ".venv").exists()  # used the venv it was given, installed nothing
    compared = filecmp.dircmp(REPO / LOCALE, fresh / LOCALE, ignore=["__pycache__"])
    changed: list[str] = []

    def walk(cmp: filecmp.dircmp, where: Path) -> None:
        _same, differ, _odd = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        changed.extend(str(where / name) for name in differ + cmp.left_only + cmp.right_only)
        for name, sub in cmp.subdirs.items():
            walk(sub, where / name)

    walk(compared, LOCALE)
    assert changed == [], "run `make translations` and commit the catalogues"
    for code in ("pl", "uk"):
        assert f"(100%) translated in communitydesk/locale/{code}/" in done.stderr + done.stdout
