"""Cold start to main window shown (offscreen) on the scale database, against bare Qt start."""

from __future__ import annotations

import os
import statistics
import sys
import tempfile

from bench.harness import Result, run_python
from bench.scale_data import scale_database

BARE_QT = "from PySide6.QtWidgets import QApplication, QMainWindow; app = QApplication([]); w = QMainWindow(); w.show(); app.processEvents()"


def run() -> list[Result]:
    db = scale_database()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    with tempfile.TemporaryDirectory() as home:
        env["COMMUNITYDESK_DATA_DIR"] = home
        env["COMMUNITYDESK_CONFIG_DIR"] = home
        run_python(["-c", BARE_QT], env)  # warm the OS file cache for both
        baseline = statistics.median(run_python(["-c", BARE_QT], env) for _ in range(3))
        app = statistics.median(
            run_python(["-m", "communitydesk", "--db", str(db), "gui", "--smoke-test"], env) for _ in range(3)
        )
    return [Result("cold start to main window (20k members)", app, "< 1.5 s",
                   "bare QApplication + window", baseline)]


if __name__ == "__main__":
    for r in run():
        print(r.line())
    sys.exit(0)
