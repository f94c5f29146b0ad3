"""#20: row-level security must not slow the screens: each screen's read as a role's login with
the database's policies on, against the same login with them off (target <= 1.2x).

Runs on a throwaway local PostgreSQL (tests/pg_server.py) filled with the scale data. The size
is the scale group's unless BENCH_ROLES_MEMBERS (and the others, in proportion) says smaller.

Why the figures are trustworthy now (a first run once gave 2.24x for the members list and a
second 0.67-1.19x): the freshly loaded tables are VACUUM ANALYZEd before timing (else the
planner guesses, and autovacuum may analyse them half-way, between the off and the on runs);
each screen's first off and on runs are a warm-up and thrown away (cold buffers, plan cache,
the ORM's compiled statements); then off and on are interleaved, the order swapped each round
(ABBA), so a neighbour's load or a cache eviction hits both alike. Each sample is the median of
three loads in fresh sessions; each figure is the median of ROUNDS samples and the verdict is
their ratio (the median of the per-round ratios is printed beside it as a cross-check).

The 2.24x was not a policy cost: the staff roles' policy is ``USING (true)``, which the planner
folds away. EXPLAIN ANALYZE of the members list as the secretary gives the same plan with row
security on and off (Seq Scan on members, Filter: anonymised_at IS NULL; 3-20 ms inside
PostgreSQL), while the whole read takes ~1 s in Python and single reads on the shared 2-core
machine vary from 0.6 to 2.0 s. One unpaired first run, taken cold, measured that noise.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

import psycopg
from sqlalchemy import select, update
from sqlalchemy.engine import make_url

from bench.harness import Result
from communitydesk.db import roles
from communitydesk.db.engine import Database, open_database
from communitydesk.db.models import Meeting
from communitydesk.services.attendance.check_in import check_in_people
from communitydesk.services.attendance.screen import list_meeting_choices, read_register
from communitydesk.services.dues.screen import load_dues_screen
from communitydesk.services.meetings.actions import list_actions
from communitydesk.services.meetings.view import meetings_list
from communitydesk.services.members.records import list_members
from communitydesk.services.one_to_ones.conversations import list_one_to_ones
from communitydesk.services.reports.figures import attendance_report
from communitydesk.services.reports.periods import Period

TARGET = 1.2
ROUNDS = int(os.environ.get("BENCH_ROLES_ROUNDS", "7"))  # median of at least 5
LOGINS = ("secretary", "treasurer", "organiser", "door")


def _sizes() -> dict[str, int]:
    members = int(os.environ.get("BENCH_ROLES_MEMBERS", "20000"))
    share = members / 20_000
    return {"members": members, "meetings": max(50, int(2_000 * share)),
            "attendance": int(400_000 * share), "one_to_ones": int(10_000 * share)}


def _screens(meeting_id: int) -> dict[str, tuple[str, Callable]]:
    """screen -> (role whose login reads it, the screen's data read as the window makes it)."""
    today = date.today()
    year = Period(date(today.year - 1, 1, 1), date(today.year - 1, 12, 31))
    return {
        "members list": ("secretary", lambda s: list_members(s)),
        "meetings list with counts": ("secretary", lambda s: meetings_list(s, today=today)),
        "actions list": ("secretary", lambda s: list_actions(s)),
        "attendance: meeting choices": ("secretary", lambda s: list_meeting_choices(s)),
        "attendance: today's register": ("secretary", lambda s: read_register(s, meeting_id)),
        "one-to-ones list": ("organiser", lambda s: list_one_to_ones(s)),
        "reports: last year's figures": ("treasurer", lambda s: attendance_report(s, year, as_of=today)),
        "dues screen": ("treasurer", lambda s: load_dues_screen(s, on=today)),
        "members list, as treasurer": ("treasurer", lambda s: list_members(s)),
        "kiosk names": ("door", lambda s: check_in_people(s, meeting_id)),
    }


def _owner(url: str) -> psycopg.Connection:
    u = make_url(url)
    return psycopg.connect(host=u.host, port=u.port, user=u.username, dbname=u.database, autocommit=True)


def _set_rls(url: str, on: bool) -> None:
    with _owner(url) as c:
        for table in roles.ROW_POLICIES:
            c.execute(f'ALTER TABLE "{table}" {"ENABLE" if on else "DISABLE"} ROW LEVEL SECURITY')


def _once(db: Database, read: Callable) -> float:
    """One screen load as the window makes it (a fresh short session), the median of three
    loads so a read of a few milliseconds is not one scheduler hiccup away from 1.3x."""
    times = []
    for _ in range(3):
        with db.session() as s:
            start = time.perf_counter()
            read(s)
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def compare(url: str, db: Database, read: Callable, rounds: int = ROUNDS) -> tuple[float, float, float]:
    """(median off, median on, median of per-round on/off ratios), warm-up discarded, ABBA order."""
    for on in (False, True):  # warm-up: cold buffers, plans, compiled statements; not counted
        _set_rls(url, on)
        _once(db, read)
    offs, ons = [], []
    for i in range(rounds):
        order = (False, True) if i % 2 == 0 else (True, False)
        for on in order:
            _set_rls(url, on)
            (ons if on else offs).append(_once(db, read))
    _set_rls(url, True)
    ratios = [a / b for a, b in zip(ons, offs, strict=True)]
    return statistics.median(offs), statistics.median(ons), statistics.median(ratios)


def _prepare(url: str, tmp: Path) -> int:
    """Fill the scale data, put one meeting today, give each role a login; the meeting's id."""
    from bench.scale_data import fill_scale_data
    from bench.scale_dues import fill_dues

    owner = open_database(url, backups_dir=tmp)
    started = time.perf_counter()
    fill_scale_data(owner, **_sizes())
    with owner.session() as s:
        fill_dues(s, members=_sizes()["members"])
    with owner.session() as s:  # one meeting today, so the door and the register have one
        meeting_id = s.scalar(select(Meeting.id).order_by(Meeting.starts_at.desc()).limit(1))
        s.execute(update(Meeting).where(Meeting.id == meeting_id).values(
            starts_at=datetime.combine(date.today(), datetime.min.time()) + timedelta(hours=1)))
    with owner.engine.begin() as conn:
        for role in LOGINS:
            conn.exec_driver_sql(f'DROP ROLE IF EXISTS "bench_{role}"')
            conn.exec_driver_sql(f'CREATE ROLE "bench_{role}" LOGIN')
            roles.grant(conn, f"bench_{role}", role)
    owner.dispose()
    with _owner(url) as c:  # statistics now, not whenever autovacuum gets round to it
        c.execute("VACUUM ANALYZE")
    print(f"filled and analysed in {time.perf_counter() - started:.0f} s", flush=True)
    return meeting_id


def run() -> list[Result]:
    from tests.pg_server import start_server

    server = start_server()
    results: list[Result] = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            url = server.create_database("roles_bench")
            meeting_id = _prepare(url, Path(tmp))
            logins = {role: open_database(make_url(url).set(username=f"bench_{role}").render_as_string(
                hide_password=False), backups_dir=Path(tmp)) for role in LOGINS}
            try:
                only = [n.strip() for n in os.environ.get("BENCH_ROLES_SCREENS", "").split(",") if n.strip()]
                for screen, (role, read) in _screens(meeting_id).items():
                    if only and not any(n in screen for n in only):
                        continue  # BENCH_ROLES_SCREENS="kiosk,dues": a second look at a few
                    off, on, ratio = compare(url, logins[role], read)
                    verdict = "ok" if on / off <= TARGET else "SLOW"
                    results.append(Result(f"{screen} ({role}), row security on", on, f"<= {TARGET}x",
                                          "off", off, f"{verdict}; per-round ratio median {ratio:.2f}x "
                                          f"of {ROUNDS}"))
            finally:
                for db in logins.values():
                    db.dispose()
    finally:
        server.stop()
    return results


if __name__ == "__main__":
    for result in run():
        print(result.line())
