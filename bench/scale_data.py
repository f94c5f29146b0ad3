"""A large group for benchmarks: 20,000 members, 2,000 meetings, 400,000 register entries,
10,000 one-to-ones. Built with bulk core inserts in seconds and cached under bench/.data/.
"""

from __future__ import annotations

import random
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, text

from communitydesk.db.engine import Database, open_database
from communitydesk.db.models import (
    AgendaItem,
    Attendance,
    Meeting,
    Member,
    OneToOne,
    Tag,
    member_tags,
)
from communitydesk.services.demo.names import STREETS, TAGS, all_first_names, all_surnames
from communitydesk.services.settings.group_settings import (
    DEFAULT_AGENDA,
    DEFAULT_LADDER,
    save_settings,
)

DATA_DIR = Path(__file__).resolve().parent / ".data"
SCALE_VERSION = 2  # 2: names from demo_names' gendered pools


def scale_path(members: int, meetings: int, attendance: int, one_to_ones: int) -> Path:
    return DATA_DIR / f"scale-v{SCALE_VERSION}-{members}-{meetings}-{attendance}-{one_to_ones}.sqlite3"


def build_scale_database(
    path: Path, *, members: int = 20_000, meetings: int = 2_000, attendance: int = 400_000,
    one_to_ones: int = 10_000, seed: int = 1,
) -> Database:
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    db = open_database(str(path), backups_dir=path.parent / "backups")
    fill_scale_data(db, members=members, meetings=meetings, attendance=attendance,
                    one_to_ones=one_to_ones, seed=seed)
    return db


def fill_scale_data(db: Database, *, members: int = 20_000, meetings: int = 2_000,
                    attendance: int = 400_000, one_to_ones: int = 10_000, seed: int = 1) -> None:
    """The same group in any empty database (a PostgreSQL one for the shared-mode tour too)."""
    rng = random.Random(seed)
    firsts, lasts = all_first_names(), all_surnames()
    today = date(2026, 11, 1)
    with db.session() as s:
        save_settings(s, group_name="Scale Test Community Union")
        s.execute(insert(Tag), [{"id": i + 1, "name": name} for i, name in enumerate(TAGS + STREETS)])
        s.execute(insert(Member), [
            {"id": i + 1, "first_name": rng.choice(firsts), "last_name": rng.choice(lasts),
             "email": f"person{i + 1}@example.org", "phone": f"+44 7700 9{i % 100000:05d}",
             "postcode": f"NB{i % 9 + 1} {i % 7 + 1}AB", "status": rng.choice(["active"] * 6 + ["prospect", "lapsed"]),
             "joined_on": today - timedelta(days=rng.randrange(0, 3650)),
             "ladder_stage": rng.choice(DEFAULT_LADDER), "version": 1}
            for i in range(members)
        ])
        s.execute(insert(member_tags), [
            {"member_id": m, "tag_id": t}
            for m in range(1, members + 1) for t in rng.sample(range(1, len(TAGS) + len(STREETS) + 1), rng.randrange(0, 3))
        ])
        start = datetime(2016, 1, 5, 19)
        s.execute(insert(Meeting), [
            {"id": i + 1, "title": f"Meeting {i + 1}", "kind": "general",
             "starts_at": start + timedelta(days=i * 1.8), "status": "held" if i < meetings - 20 else "planned",
             "version": 1}
            for i in range(meetings)
        ])
        s.execute(insert(AgendaItem), [
            {"meeting_id": m, "position": p + 1, "title": title, "version": 1}
            for m in range(1, meetings + 1) for p, title in enumerate(DEFAULT_AGENDA)
        ])
        per_meeting = max(1, attendance // meetings)
        rows = []
        for m in range(1, meetings + 1):
            for who in rng.sample(range(1, members + 1), per_meeting):
                rows.append({"meeting_id": m, "member_id": who,
                             "status": "present" if rng.random() < 0.85 else "apologies"})
        s.execute(insert(Attendance), rows)
        s.execute(insert(OneToOne), [
            {"organiser_id": rng.randrange(1, 50), "member_id": rng.randrange(1, members + 1),
             "held_on": today - timedelta(days=rng.randrange(0, 1000)), "medium": "in_person",
             "interests": "Housing", "next_step": "Follow up",
             "follow_up_on": today + timedelta(days=rng.randrange(-60, 60)), "version": 1}
            for _ in range(one_to_ones)
        ])
        from bench.scale_dues import fill_dues  # #17: a year of payments for every member

        fill_dues(s, members=members, seed=seed, today=today)
        if s.get_bind().dialect.name == "postgresql":  # ids were given: move the sequences on
            for table in ("tags", "members", "meetings", "agenda_items", "attendance", "one_to_ones"):
                s.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                               f"(SELECT max(id) FROM {table}))"))


def scale_database(**sizes: int) -> Path:
    """Return the cached scale database, building it when missing."""
    params = {"members": 20_000, "meetings": 2_000, "attendance": 400_000, "one_to_ones": 10_000, **sizes}
    path = scale_path(**params)
    if not path.exists():
        started = time.perf_counter()
        build_scale_database(path.with_suffix(".building"), **params).dispose()
        path.with_suffix(".building").rename(path)
        print(f"built scale database {path.name} in {time.perf_counter() - started:.1f} s")
    return path


if __name__ == "__main__":
    started = time.perf_counter()
    out = DATA_DIR / "scale-fresh.sqlite3"
    build_scale_database(out).dispose()
    print(f"{out}: built in {time.perf_counter() - started:.1f} s")
