"""#20: row-level security must not slow the screens: each screen's read as a role's login with
the database's policies on, against the same login with them off (target <= 1.2x).

Runs on a throwaway local PostgreSQL (tests/pg_server.py) filled with the scale data. The size
is the scale group's unless BENCH_ROLES_MEMBERS (and the others, in proportion) says smaller.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

import psycopg
from sqlalchemy import select, update
from sqlalchemy.engine import make_url

from bench.harness import Result, timed
from communitydesk.db import roles
from communitydesk.db.engine import Database, open_database
from communitydesk.db.models import Meeting
from communitydesk.services.attendance.check_in import check_in_people
from communitydesk.services.attendance.register import register_rows
from communitydesk.services.meetings.rows import list_meeting_rows
from communitydesk.services.members.records import list_members
from communitydesk.services.one_to_ones.conversations import list_one_to_ones

TARGET = 1.2
ROUNDS = 3


def _sizes() -> dict[str, int]:
    members = int(os.environ.get("BENCH_ROLES_MEMBERS", "20000"))
    share = members / 20_000
    return {"members": members, "meetings": max(50, int(2_000 * share)),
            "attendance": int(400_000 * share), "one_to_ones": int(10_000 * share)}


def _screens(meeting_id: int) -> dict[str, tuple[str, Callable]]:
    """screen -> (role whose login reads it, the read)."""
    return {
        "members list": ("secretary", lambda s: list_members(s)),
        "meetings list with counts": ("secretary", lambda s: list_meeting_rows(s)),
        "register of today's meeting": ("secretary", lambda s: register_rows(s, meeting_id)),
        "one-to-ones list": ("organiser", lambda s: list_one_to_ones(s)),
        "kiosk names (door)": ("door", lambda s: check_in_people(s, meeting_id)),
    }


def _set_rls(url: str, on: bool) -> None:
    u = make_url(url)
    with psycopg.connect(host=u.host, port=u.port, user=u.username, dbname=u.database, autocommit=True) as c:
        for table in roles.ROW_POLICIES:
            c.execute(f'ALTER TABLE "{table}" {"ENABLE" if on else "DISABLE"} ROW LEVEL SECURITY')


def _measure(db: Database, read: Callable) -> float:
    with db.session() as s:
        read(s)  # warm the caches
        return timed(lambda: read(s), repeat=5)


def run() -> list[Result]:
    from bench.scale_data import fill_scale_data
    from tests.pg_server import start_server

    server = start_server()
    results: list[Result] = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            url = server.create_database("roles_bench")
            owner = open_database(url, backups_dir=Path(tmp))
            fill_scale_data(owner, **_sizes())
            with owner.session() as s:  # one meeting today, so the door and the register have one
                meeting_id = s.scalar(select(Meeting.id).order_by(Meeting.starts_at.desc()).limit(1))
                s.execute(update(Meeting).where(Meeting.id == meeting_id).values(
                    starts_at=datetime.combine(date.today(), datetime.min.time()) + timedelta(hours=1)))
            with owner.engine.begin() as conn:
                for role in ("secretary", "organiser", "door"):
                    conn.exec_driver_sql(f'DROP ROLE IF EXISTS "bench_{role}"')
                    conn.exec_driver_sql(f'CREATE ROLE "bench_{role}" LOGIN')
                    roles.grant(conn, f"bench_{role}", role)
            owner.dispose()
            logins = {role: open_database(make_url(url).set(username=f"bench_{role}").render_as_string(
                hide_password=False), backups_dir=Path(tmp)) for role in ("secretary", "organiser", "door")}
            try:
                for screen, (role, read) in _screens(meeting_id).items():
                    offs, ons = [], []
                    for _round in range(ROUNDS):  # alternate: a busy machine slows both alike
                        _set_rls(url, False)
                        offs.append(_measure(logins[role], read))
                        _set_rls(url, True)
                        ons.append(_measure(logins[role], read))
                    off, on = min(offs), min(ons)
                    results.append(Result(f"{screen}, row security on", on, f"<= {TARGET}x",
                                          "off", off))
            finally:
                for db in logins.values():
                    db.dispose()
    finally:
        server.stop()
    return results


if __name__ == "__main__":
    for result in run():
        print(result.line())
