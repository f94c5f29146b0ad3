"""Members at scale: a 20,000-row Google Contacts import (< 10 s), a search keystroke on
20,000 members (< 50 ms, median and p95) and the duplicate scan on 20,000 members (< 0.5 s),
each with a baseline measured in the same run."""

from __future__ import annotations

import csv
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

from bench.harness import Result, median_p95, samples, timed
from bench.scale_data import scale_database
from communitydesk.services.demo.names import STREETS, TAGS, all_first_names, all_surnames

GOOGLE_HEADERS = [
    "First Name", "Middle Name", "Last Name", "Phonetic First Name", "Phonetic Middle Name",
    "Phonetic Last Name", "Name Prefix", "Name Suffix", "Nickname", "File As",
    "Organization Name", "Organization Title", "Organization Department", "Birthday", "Notes",
    "Photo", "Labels", "E-mail 1 - Label", "E-mail 1 - Value", "Phone 1 - Label",
    "Phone 1 - Value", "Address 1 - Label", "Address 1 - Formatted", "Address 1 - Street",
    "Address 1 - City", "Address 1 - PO Box", "Address 1 - Region", "Address 1 - Postal Code",
    "Address 1 - Country", "Address 1 - Extended Address",
]
ROWS = 20_000
KEYSTROKES = "lukasz wr"


def google_csv(path: Path, rows: int = ROWS, seed: int = 3) -> Path:
    """A Google Contacts export ("Google CSV") of ``rows`` people, quirks included."""
    rng = random.Random(seed)
    firsts, lasts = all_first_names(), all_surnames()
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(GOOGLE_HEADERS)
        for i in range(rows):
            first, last = rng.choice(firsts), rng.choice(lasts)
            street = f"{rng.randrange(1, 200)} {rng.choice(STREETS)}"
            postcode = f"LS{rng.randrange(1, 29)} {rng.randrange(1, 9)}AA"
            labels = " ::: ".join(["* myContacts", *rng.sample(TAGS, rng.randrange(0, 3))])
            row = dict.fromkeys(GOOGLE_HEADERS, "")
            row.update({
                "First Name": first, "Last Name": last, "Labels": labels,
                "E-mail 1 - Label": "* Home", "E-mail 1 - Value": f"p{i}@example.org",
                "Phone 1 - Label": "Mobile", "Phone 1 - Value": f"07700 9{i % 100000:05d}",
                "Address 1 - Label": "Home",
                "Address 1 - Formatted": f"{street}\nLeeds\n{postcode}\nUnited Kingdom",
                "Address 1 - Street": street, "Address 1 - City": "Leeds",
                "Address 1 - Postal Code": postcode, "Address 1 - Country": "United Kingdom",
            })
            writer.writerow([row[h] for h in GOOGLE_HEADERS])
    return path


def bench_import(tmp: Path) -> list[Result]:
    from communitydesk.db.engine import open_database
    from communitydesk.io.tabular import read_table
    from communitydesk.services.members.importing import import_people, read_import_file

    source_csv = google_csv(tmp / "google-20k.csv")
    baseline = timed(lambda: read_table(source_csv), repeat=3)  # just reading the file

    def full_import() -> None:
        target = tmp / f"import-{time.perf_counter_ns()}.sqlite3"
        db = open_database(str(target), backups_dir=tmp / "backups")
        try:
            source = read_import_file(source_csv)
            with db.session() as session:
                result = import_people(session, source)
            assert result.created == ROWS, result.summary()
        finally:
            db.dispose()

    cpu_start = time.process_time()
    seconds = timed(full_import, repeat=3)
    cpu = (time.process_time() - cpu_start) / 3  # what the machine's load does not inflate
    return [Result(f"import {ROWS:,}-row Google Contacts CSV (empty db)", seconds, "< 10 s",
                   "read_table of the same file", baseline, f"CPU {cpu:.1f} s")]


def bench_search(db_path: Path) -> list[Result]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from communitydesk.db.engine import open_database
    from communitydesk.gui.members.member_table_model import MemberFilterProxy, MemberTableModel
    from communitydesk.services.members.records import list_members

    app = QApplication.instance() or QApplication([])
    db = open_database(str(db_path), backups_dir=db_path.parent / "backups")
    with db.session() as session:
        rows = list_members(session, sort=False)
    db.dispose()
    model = MemberTableModel()
    proxy = MemberFilterProxy()
    proxy.setSourceModel(model)
    model.set_rows(rows)
    proxy.set_search("x")  # the per-row search text is built once, on the first search
    proxy.set_search("")
    prefixes = [KEYSTROKES[: i + 1] for i in range(len(KEYSTROKES))]
    prefixes += list(reversed(prefixes[:-1]))  # typing, then backspacing

    def keystroke_times() -> list[float]:
        out = []
        for text in prefixes:
            start = time.perf_counter()
            proxy.set_search(text)
            proxy.rowCount()
            app.processEvents()
            out.append(time.perf_counter() - start)
        return out

    times = [t for _ in range(5) for t in keystroke_times()]
    median, p95 = median_p95(times)
    haystacks = [model.search_text(r) for r in range(model.rowCount())]
    base_median, _ = median_p95(samples(lambda: [h for h in haystacks if "lukasz" in h], repeat=30))
    extra = f"p95 {p95 * 1000:.1f} ms over {len(times)} keystrokes ({len(rows):,} members)"
    return [
        Result("search keystroke refresh, median", median, "< 50 ms",
               "plain Python substring scan", base_median, extra),
        Result("search keystroke refresh, p95", p95, "< 50 ms",
               "plain Python substring scan", base_median),
    ]


def bench_duplicates(db_path: Path) -> list[Result]:
    from communitydesk.db.engine import open_database
    from communitydesk.services.members.duplicates import find_possible_duplicates
    from communitydesk.services.members.records import list_members

    db = open_database(str(db_path), backups_dir=db_path.parent / "backups")
    try:
        with db.session() as session:
            baseline = timed(lambda: list_members(session, sort=False), repeat=3)
            seconds = timed(lambda: find_possible_duplicates(session, limit=500), repeat=1)
    finally:
        db.dispose()
    return [Result("possible duplicates among 20,000 members", seconds, "< 0.5 s",
                   "list_members (the rows it compares)", baseline)]


def run() -> list[Result]:
    db_path = scale_database()
    tmp = Path(tempfile.mkdtemp(prefix="cd-bench-members-"))
    try:
        return bench_import(tmp) + bench_search(db_path) + bench_duplicates(db_path)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    for r in run():
        print(r.line())
    sys.exit(0)
