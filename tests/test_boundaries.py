"""Qt stays inside communitydesk/gui; the CLI module imports no Qt at start-up."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "communitydesk"


def test_no_qt_below_gui() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if "gui" in path.relative_to(PACKAGE).parts:
            continue
        if path.name in ("gui_commands.py", "self_check_commands.py"):  # Qt loaded lazily, on request
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(n.startswith(("PySide6", "communitydesk.gui")) for n in names):
                offenders.append(str(path.relative_to(PACKAGE)))
    assert offenders == []


def test_cli_does_not_load_qt() -> None:
    code = "import sys, communitydesk.cli; print(any(m.startswith('PySide6') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_tests_read_nothing_outside_the_repository() -> None:
    """A newcomer's bare clone has no ../shared: every fixture lives in tests/fixtures."""
    from tests.paths import FIXTURES, REPO

    assert FIXTURES.is_dir() and FIXTURES.resolve().is_relative_to(REPO)
    offenders = []
    for path in (REPO / "tests").rglob("*.py"):
        if path.resolve() == Path(__file__).resolve():
            continue
        text = path.read_text(encoding="utf-8")
        if any(marker in text for marker in ('"shared"', "'shared'", "../shared", "parents[2]")):
            offenders.append(str(path.relative_to(REPO)))
    assert offenders == [], offenders


def _gui_lines_matching(pattern: str, *, allowed: tuple[str, ...] = ()) -> list[str]:
    import re

    found = []
    for path in sorted((PACKAGE / "gui").rglob("*.py")):
        name = str(path.relative_to(PACKAGE))
        if name in allowed:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(pattern, line):
                found.append(f"{name}:{number}: {line.strip()}")
    return found


def test_no_screen_opens_a_session() -> None:
    """Sessions belong to services/core/work.py, run by the operation runner (#14)."""
    assert _gui_lines_matching(r"session\(\)") == []


def test_one_background_mechanism_and_no_event_pumping() -> None:
    """Only the runner's own plumbing (gui/background.py) may own a thread; nothing pumps
    events by hand (a pumped loop re-enters handlers and still freezes between pumps)."""
    assert _gui_lines_matching(r"processEvents|QThread|QRunnable|QThreadPool|BackgroundTask\(",
                               allowed=("gui/background.py", "gui/operations.py")) == []


def test_every_question_goes_through_the_one_confirm_dialog() -> None:
    """Yes/No boxes are gone: gui/common/dialogs.py names the button for the action."""
    assert _gui_lines_matching(r"QMessageBox\.question", allowed=("gui/common/dialogs.py",)) == []
