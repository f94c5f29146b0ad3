"""CPU and statements of the Attendance register and the meeting pack's data (#14).

On a copy of the scale database (20,000 members, 2,000 meetings, 400,000 entries), for
the meeting with the most register entries (the one the UI tour opens; no tag, so every
active member is expected, ~15,000 rows):

* ``read_register``: what the Attendance page reads when a meeting is chosen;
* ``open_register`` the first time: the write that fixes the sheet numbers;
* ``open_register`` again: numbers already fixed (the usual case);
* ``meeting_pack_data`` and the print preview's first look (gather + ``first_pages_of``) for
  the latest meeting (its pack also holds the previous meeting's minutes).

Reported as process CPU time (what a loaded machine inflates least), the least of three
runs, with the number of statements sent; then the same on PostgreSQL behind the latency
proxy (20 ms round trip), where the wall time counts. ``python -m bench.bench_register_pack
[--profile | --postgres]`` prints one set (``--profile``: the top functions of each step).
"""

from __future__ import annotations

import cProfile
import os
import pstats
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import event, func, select

from bench.harness import Result
from bench.scale_data import scale_database
from communitydesk.db.engine import open_database
from communitydesk.db.models import Attendance, Meeting

REPEAT = 3


def _meetings(db) -> tuple[list[int], list[int]]:  # noqa: ANN001 - a Database
    """The three busiest meetings (registers) and the three latest (packs)."""
    with db.session() as session:
        busiest = session.scalars(select(Attendance.meeting_id).group_by(Attendance.meeting_id)
                                  .order_by(func.count().desc(), Attendance.meeting_id).limit(REPEAT)).all()
        latest = session.scalars(select(Meeting.id).order_by(Meeting.starts_at.desc()).limit(REPEAT)).all()
        return list(busiest), list(latest)


Step = tuple[str, float, float, int]  # name, CPU seconds, wall seconds, statements


def measure(profile: bool = False) -> list[Step]:
    """On a copy of the cached scale database (SQLite)."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "scale.sqlite3"
        shutil.copyfile(scale_database(), copy)
        db = open_database(str(copy), backups_dir=Path(tmp) / "backups")
        try:
            return _measure_on(db, profile)
        finally:
            db.dispose()


def measure_postgres(delay_ms: float = 10.0) -> list[Step]:
    """On the scale data in a local PostgreSQL behind a proxy adding ``delay_ms`` each way
    (the UI tour's shared-database set-up): wall time here is mostly round trips."""
    from bench.latency_proxy import latency_proxy
    from bench.scale_data import fill_scale_data
    from tests.pg_server import start_server

    server = start_server()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            url = server.create_database("speed")
            db = open_database(url, backups_dir=Path(tmp))
            fill_scale_data(db)
            analyze(db)
            db.dispose()
            with latency_proxy(server.port, delay_ms=delay_ms) as port:
                db = open_database(url.replace(f":{server.port}/", f":{port}/"), backups_dir=Path(tmp))
                try:
                    return _measure_on(db, False)
                finally:
                    db.dispose()
    finally:
        server.stop()


def analyze(db) -> None:  # noqa: ANN001 - a Database
    """Planner statistics for a just-filled PostgreSQL database, as autovacuum soon gathers on a
    real one: without them the register's join is planned for 4 members, not 20,000."""
    from sqlalchemy import text

    with db.engine.connect() as connection:
        connection.execution_options(isolation_level="AUTOCOMMIT").execute(text("ANALYZE"))


def _measure_on(db, profile: bool) -> list[Step]:  # noqa: ANN001 - a Database
    """Each step three times (a write on three meetings); the least CPU (and wall) of the three."""
    from communitydesk.gui.printing.first_pages import first_pages_of
    from communitydesk.services.attendance.register import open_register
    from communitydesk.services.attendance.screen import list_meeting_choices, read_register
    from communitydesk.services.meetings.documents import meeting_pack_data

    registers, packs = _meetings(db)
    counter = [0]
    event.listen(db.engine, "before_cursor_execute", lambda *_a: counter.__setitem__(0, counter[0] + 1))
    out: list[Step] = []

    def run(name: str, fn: Callable[[object, int], object], meetings: list[int]) -> None:
        best_cpu = best_wall = float("inf")
        for meeting_id in meetings:
            counter[0] = 0
            profiler = cProfile.Profile() if profile else None
            started, started_wall = time.process_time(), time.perf_counter()
            if profiler:
                profiler.enable()
            with db.session() as session:  # commits on the way out: a write's commit counts
                fn(session, meeting_id)
            if profiler:
                profiler.disable()
            best_cpu = min(best_cpu, time.process_time() - started)
            best_wall = min(best_wall, time.perf_counter() - started_wall)
            if profiler:
                pstats.Stats(profiler).sort_stats("cumulative").print_stats(18)
        out.append((name, best_cpu, best_wall, counter[0]))
        print(f"{name:<40} {best_cpu * 1000:8.1f} ms CPU {best_wall * 1000:8.1f} ms wall "
              f"{counter[0]:5d} statements", flush=True)

    first = registers[:1] * REPEAT
    run("meeting choices", lambda s, _m: list_meeting_choices(s), first)
    run("read register (numbers not fixed)", read_register, first)
    run("open register (fixes numbers)", open_register, registers)
    run("read register (numbers fixed)", read_register, first)
    run("open register (numbers fixed)", open_register, first)
    run("pack data (fixes numbers)", meeting_pack_data, packs)
    run("pack data (numbers fixed)", meeting_pack_data, packs[:1] * REPEAT)
    run("pack first look data", lambda s, m: first_pages_of(meeting_pack_data(s, m)), packs[:1] * REPEAT)
    return out


def run() -> list[Result]:
    results = [Result(f"register/pack (SQLite): {name}", cpu, "< 300 ms CPU",
                      extra=f"{statements} statements, wall {wall * 1000:.0f} ms")
               for name, cpu, wall, statements in measure()]
    if os.environ.get("BENCH_SKIP_POSTGRES"):
        return results
    return results + [Result(f"register/pack (PostgreSQL, 20 ms round trip): {name}", wall, "< 1 s",
                             extra=f"{statements} statements, CPU {cpu * 1000:.0f} ms")
                      for name, cpu, wall, statements in measure_postgres()]


if __name__ == "__main__":
    if "--postgres" in sys.argv:
        measure_postgres()
    else:
        measure(profile="--profile" in sys.argv)
