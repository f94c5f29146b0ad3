"""Where the shared fixture files are, also from a git worktree (whose parent has no shared/)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.conftest import FIXTURES as _BESIDE_CHECKOUT
from tests.conftest import REPO


def _fixtures() -> Path:
    if _BESIDE_CHECKOUT.exists():
        return _BESIDE_CHECKOUT
    try:  # a worktree: look beside the main checkout instead
        common = subprocess.run(["git", "rev-parse", "--git-common-dir"], cwd=REPO,
                                capture_output=True, text=True, check=True).stdout.strip()
        beside_main = (REPO / common).resolve().parent.parent / "shared" / "fixtures"
        if beside_main.exists():
            return beside_main
    except (OSError, subprocess.CalledProcessError):
        pass
    return _BESIDE_CHECKOUT


FIXTURES = _fixtures()
