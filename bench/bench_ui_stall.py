"""Longest UI stall through a scripted tour of the window on the scale database (#14).

The tour (bench/ui_tour.py) runs in its own process on a copy of the scale
database, so nothing it writes (sheet numbers, the day's backup) touches the cache.
Reported: the longest stall of the whole tour against its target, then each step's
stall with the statements and sessions it cost (each session is BEGIN and COMMIT
round trips on a shared server).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.harness import Result
from bench.scale_data import scale_database

REPO = Path(__file__).resolve().parents[1]


def tour_environment() -> dict[str, str]:
    """Offscreen, with compiled bytecode as an installed copy has it: without it every page's
    first opening would time Python compiling its modules, not the window."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
               PYTHONPYCACHEPREFIX=str(Path(tempfile.gettempdir()) / "communitydesk-bench-pycache"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([sys.executable, "-m", "compileall", "-q", "communitydesk", "bench"], env=env,
                   cwd=REPO, check=True, capture_output=True)
    return env


def tour(database: str) -> list[tuple[str, float, int, int, float, float]]:
    out = subprocess.run([sys.executable, "-m", "bench.ui_tour", database], capture_output=True,
                         text=True, env=tour_environment(), timeout=900, cwd=REPO)
    if "tour done" not in out.stdout:
        raise RuntimeError(f"the tour did not finish: {out.stderr.strip().splitlines()[-3:]}")
    steps = []
    for line in out.stdout.splitlines():
        if line.startswith("preview "):  # "preview first page after 0.84 s (12 pages, process CPU 1.02 s)"
            what, rest = line.removeprefix("preview ").split(" after ")
            seconds, pages = rest.split(" s (")[0], rest.split("(")[1].split(" pages")[0]
            steps.append((f"preview: {what} shown", float(seconds), -1, int(pages), 0.0, float(seconds)))
        if line.startswith("built "):  # "built 41.2 38.0": the window built and shown before its loop runs
            wall, cpu = (float(x) / 1000 for x in line.split()[1:])
            steps.append(("window built and shown, before the event loop", wall, -2, 0, cpu, wall))
        if line.startswith("step "):
            *name, stall, statements, sessions, cpu, loaded = line.removeprefix("step ").split(" ")
            steps.append((" ".join(name), float(stall) / 1000, int(statements), int(sessions),
                          float(cpu) / 1000, float(loaded) / 1000))
    return steps


def _report(where: str, target: str, steps: list[tuple[str, float, int, int, float, float]]) -> list[Result]:
    previews = [s for s in steps if s[2] == -1]  # (name, seconds, -1, pages, 0, seconds)
    built = [s for s in steps if s[2] == -2]  # start-up time, not a stall: no window is on screen yet
    steps = [s for s in steps if s[2] >= 0]
    worst = max(steps, key=lambda s: s[1])
    results = [Result(f"UI stall, longest through the tour ({where})", worst[1], target,
                      extra=f"at {worst[0]}")]
    results += [Result(f"  stall at {name}", stall,
                       extra=f"{statements} statements + {sessions} sessions (~{statements + 2 * sessions} "
                             f"round trips), UI thread busy {cpu * 1000:.0f} ms, data in {loaded:.2f} s")
                for name, stall, statements, sessions, cpu, loaded in steps]
    results += [Result(f"  {name} (start-up time, as in gui/app.py: not a stall)", wall,
                       extra=f"UI thread busy {cpu * 1000:.0f} ms") for name, wall, _s, _p, cpu, _l in built]
    results += [Result(f"  {name} ({where})", seconds, "< 1 s" if "first" in name else "",
                       extra=f"{pages} pages, from asking")
                for name, seconds, _s, pages, _c, _l in previews]
    return results


def _postgres_tour(delay_ms: float) -> list[tuple[str, float, int, int, float, float]]:
    """The same tour on the scale data in a local PostgreSQL, behind a proxy adding latency."""
    from bench.bench_register_pack import analyze
    from bench.latency_proxy import latency_proxy
    from bench.scale_data import fill_scale_data
    from communitydesk.db.engine import open_database
    from tests.pg_server import start_server

    server = start_server()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            url = server.create_database("tour")
            db = open_database(url, backups_dir=Path(tmp))
            fill_scale_data(db)
            analyze(db)  # planner statistics, as autovacuum gathers them on a real server
            db.dispose()
        with latency_proxy(server.port, delay_ms=delay_ms) as port:
            return tour(url.replace(f":{server.port}/", f":{port}/"))
    finally:
        server.stop()


def run() -> list[Result]:
    source = scale_database()
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "tour.sqlite3"
        shutil.copyfile(source, copy)
        results = _report("SQLite, 20k", "< 50 ms", tour(str(copy)))
    if os.environ.get("BENCH_SKIP_POSTGRES"):
        return results
    return results + _report("PostgreSQL, 20 ms round trip", "< 100 ms", _postgres_tour(10.0))
