"""Where the repository and the shared real-format fixtures are.

CI clones the repo with ``shared/`` beside it; a developer's git worktree may sit
deeper, so look upwards for the first ``shared/fixtures``.
"""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FIXTURES = next(
    (p / "shared" / "fixtures" for p in REPO.parents if (p / "shared" / "fixtures").is_dir()),
    REPO.parent / "shared" / "fixtures",
)
