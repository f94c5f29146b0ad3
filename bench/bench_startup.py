"""Cold start to main window shown (offscreen) on the scale database, against bare Qt start.

Times are wall clock from starting the process to the line it prints once the
window is shown and painted ("window shown"), and to the member list filled
(20,000 rows, read off the UI thread). Python's bytecode cache is written first,
as it is on any installed copy after its first run.
"""

from __future__ import annotations

import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.harness import Result, run_python
from bench.scale_data import scale_database

BARE_QT = ("from PySide6.QtWidgets import QApplication, QMainWindow; app = QApplication([]); "
           "w = QMainWindow(); w.show(); app.processEvents(); print('window shown', flush=True)")


def time_to_lines(args: list[str], env: dict[str, str], wanted: tuple[str, ...]) -> list[float]:
    """Seconds from spawning ``python args`` until each wanted line starts its stdout output."""
    start = time.perf_counter()
    seen: dict[str, float] = {}
    with subprocess.Popen([sys.executable, *args], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                          env=env, text=True) as process:
        assert process.stdout is not None
        for line in process.stdout:
            for prefix in wanted:
                if line.startswith(prefix) and prefix not in seen:
                    seen[prefix] = time.perf_counter() - start
    if process.returncode != 0 or len(seen) != len(wanted):
        raise RuntimeError(f"{args} exited {process.returncode}, saw {sorted(seen)}")
    return [seen[p] for p in wanted]


def run() -> list[Result]:
    db = scale_database()
    compileall.compile_dir(Path(__file__).parents[1] / "communitydesk", quiet=1)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    app_args = ["-m", "communitydesk", "--db", str(db), "gui", "--smoke-test"]
    with tempfile.TemporaryDirectory() as home:
        env["COMMUNITYDESK_DATA_DIR"] = home
        env["COMMUNITYDESK_CONFIG_DIR"] = home
        run_python(["-c", BARE_QT], env)  # warm the OS file cache for both
        time_to_lines(app_args, env, ("window shown",))  # and take the first-open-of-the-day backup
        baseline = statistics.median(time_to_lines(["-c", BARE_QT], env, ("window shown",))[0]
                                     for _ in range(5))
        runs = [time_to_lines(app_args, env, ("window shown", "smoke test ok")) for _ in range(5)]
    shown = statistics.median(r[0] for r in runs)
    filled = statistics.median(r[1] for r in runs)
    return [
        Result("cold start to main window shown (20k members)", shown, "< 1.5 s",
               "bare QApplication + window", baseline),
        Result("cold start to member list filled (20k members)", filled,
               extra="rows arrive from a worker thread after the window shows"),
    ]


if __name__ == "__main__":
    for r in run():
        print(r.line())
    sys.exit(0)
