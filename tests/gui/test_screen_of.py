"""The application's QScreen survives the collector (gui/common/screens.py).

PySide files the QScreen that ``widget.screen()`` returns as a Python child of that widget. A
screen wrapper made earlier and filed under a newer widget in a garbage cycle is freed first, as
Python's own, and the QScreen is deleted: the next widget built crashed. Each case runs in its own
interpreter, so a crash fails the case instead of ending the test run.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.paths import REPO

SCRIPT = """
import gc
import os
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from communitydesk.gui.common.screens import screen_of

ask = {ask}
app = QApplication([])
older = QWidget()
screen = ask(older)  # the screen's wrapper is made now
destroyed = []
screen.destroyed.connect(lambda *_: destroyed.append(True))
del screen
newer = QWidget()
newer.me = newer  # a cycle, as a dialog's own slots and lambdas make
ask(newer)  # asked again, from a newer widget that is then dropped
del newer
gc.collect()
print("screen deleted" if destroyed else "screen kept", flush=True)
if destroyed:
    os._exit(0)  # the next widget built, or the application's clean-up, would crash on it
for i in range(300):
    QLabel(str(i))
print("widgets built", flush=True)
"""


def _run(ask: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-c", SCRIPT.format(ask=ask)], capture_output=True, text=True,
                          cwd=REPO, env=env, timeout=120)


def test_screen_of_leaves_the_screen_to_the_application() -> None:
    out = _run("screen_of")
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split() == ["screen", "kept", "widgets", "built"]


def test_widget_screen_is_the_hazard_screen_of_avoids() -> None:
    """Why the rule exists: with PySide's own ``widget.screen()`` the collector deletes the
    screen (this test fails, and the rule can go, once PySide stops filing it under the widget)."""
    out = _run("lambda w: w.screen()")
    assert out.stdout.split() == ["screen", "deleted"] and out.returncode == 0, out.stderr[-2000:]


@pytest.mark.parametrize("root", ["communitydesk", "tests", "bench"])
def test_nothing_asks_a_widget_or_window_for_its_screen(root: str) -> None:
    """Every screen lookup goes through ``screen_of`` (``.screen()`` with no arguments)."""
    offenders = []
    for path in (REPO / root).rglob("*.py"):
        if path == Path(__file__).resolve():
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "screen" and not node.args):
                offenders.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert offenders == [], "use communitydesk.gui.common.screens.screen_of instead"
