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


def time_to_lines(args: list[str], env: dict[str, str], wanted: tuple[str, ...], *,
                  python: bool = True) -> list[float]:
    """Seconds from spawning ``python args`` (or the program ``args``) until each wanted line."""
    start = time.perf_counter()
    seen: dict[str, float] = {}
    with subprocess.Popen([sys.executable, *args] if python else args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
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
        frozen = _frozen_start(db, env)
    shown = statistics.median(r[0] for r in runs)
    filled = statistics.median(r[1] for r in runs)
    results = [
        Result("cold start to main window shown (20k members)", shown, "< 1.5 s",
               "bare QApplication + window", baseline),
        Result("cold start to member list filled (20k members)", filled,
               extra="rows arrive from a worker thread after the window shows"),
    ]
    if frozen is not None:
        results.append(Result("bundle cold start to window shown (20k members)", frozen, "<= 1.3x",
                              "the same start from the venv", shown))
    return results


def _frozen_start(db: Path, env: dict[str, str]) -> float | None:
    """The same start from the PyInstaller bundle (`make installer`), when one is built."""
    bundle = Path(__file__).parents[1] / "dist" / "CommunityDesk" / "CommunityDesk"
    if not bundle.is_file():
        print("(no bundle in dist/: `make installer` to time the frozen start too)")
        return None
    args = [str(bundle), "--db", str(db), "gui", "--smoke-test"]
    time_to_lines(args, env, ("window shown",), python=False)  # warm the file cache
    return statistics.median(time_to_lines(args, env, ("window shown",), python=False)[0]
                             for _ in range(5))


if __name__ == "__main__":
    for r in run():
        print(r.line())
    sys.exit(0)
