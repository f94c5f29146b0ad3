"""At 200 % (QT_SCALE_FACTOR=2, a 20 pt font, 683x384 logical) every page of the main window and
every dialog shows its controls whole: a page or a dialog too big for the screen scrolls rather
than cutting text or running off the screen (issue #19, item 3).

Runs ``large_text.py`` in its own process (the scale factor is read when Qt starts) and keeps
its PNGs in tmp_path for a person to look at.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.gui.accessibility.screens import SCREENS
from tests.paths import REPO


def test_every_screen_at_200_percent_with_a_20pt_font_is_not_clipped(tmp_path: Path) -> None:
    screens = SCREENS
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": "2"}
    done = subprocess.run([sys.executable, "-m", "tests.gui.accessibility.large_text", str(tmp_path),
                           *screens, "--check"], cwd=REPO, env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr[-2000:]
    assert done.stdout.strip().endswith("nothing clipped")
    assert len(list(tmp_path.glob("*.png"))) == len(screens)
