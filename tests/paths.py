"""Where the repository and its test fixtures are.

Every file the suite reads lives in ``tests/fixtures/``: a newcomer's bare
``git clone`` has nothing beside it, so nothing here may look outside the repo.
"""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
