"""The organiser's workspace at scale (20,000 members, 10,000 one-to-ones, 400,000 register rows).

Baseline: loading the member list (what the Members screen does on open), measured in the same run.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date
from pathlib import Path

from bench.harness import Result, timed
from bench.scale_data import scale_database
from communitydesk.db.engine import open_database
from communitydesk.services.members.records import list_members
from communitydesk.services.members.timeline import member_timeline
from communitydesk.services.one_to_ones.follow_ups import (
    came_without_one_to_one,
    follow_ups_due,
    not_spoken_to,
)
from communitydesk.services.one_to_ones.ladder import ladder_board

ON = date(2026, 11, 1)


def run() -> list[Result]:
    path = scale_database()
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(str(path), backups_dir=Path(tmp) / "backups")
        try:
            return _measure(db, Path(tmp))
        finally:
            db.dispose()


def _measure(db, tmp: Path) -> list[Result]:  # noqa: ANN001
    def in_session(fn):  # noqa: ANN001, ANN202
        def call() -> object:
            with db.session() as s:
                return fn(s)
        return call

    baseline = timed(in_session(lambda s: list_members(s)))
    base = "list_members (Members screen load)"
    results = []
    for name, fn, target in (
        ("follow-ups due (everyone)", lambda s: follow_ups_due(s, on=ON), "< 0.3 s"),
        ("follow-ups due (one organiser)", lambda s: follow_ups_due(s, on=ON, organiser_id=7), "< 0.1 s"),
        ("ladder board (counts and people)", lambda s: ladder_board(s), "≤ 1.5x baseline"),
        ("not spoken to in 6 months", lambda s: not_spoken_to(s, on=ON, months=6), "< 1 s"),
        ("came to 2+ meetings, no one-to-one", lambda s: came_without_one_to_one(s, on=ON),
         "< 4x baseline (scans the 400,000-row register)"),
        ("member timeline", lambda s: member_timeline(s, 7), "< 0.05 s"),
    ):
        seconds = timed(in_session(fn))
        with db.session() as s:
            rows = len(fn(s))
        results.append(Result(name, seconds, target, base, baseline, extra=f"{rows:,} rows"))
    results.extend(_gui(db, tmp, base, baseline))
    return results


def _gui(db, tmp: Path, base: str, baseline: float) -> list[Result]:  # noqa: ANN001
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from communitydesk.config import Paths
    from communitydesk.gui.context import AppContext, DataEvents
    from communitydesk.gui.one_to_ones.one_to_ones_page import OneToOnesPage

    app = QApplication.instance() or QApplication([])
    paths = Paths(data_dir=tmp, config_dir=tmp)
    ctx = AppContext(paths=paths, db=db, gui_settings=QSettings(str(tmp / "gui.ini"), QSettings.Format.IniFormat),
                     events=DataEvents())
    pages = []

    def build() -> None:
        pages.append(OneToOnesPage(ctx))  # opens on the follow-up queue; other tabs load when shown
        pages[-1].show()  # a hidden page only notes that it is stale
        pages[-1].wait_until_loaded()  # the rows arrive from the worker thread

    seconds = timed(build, repeat=2)
    refresh = timed(lambda: (pages[-1].refresh(), pages[-1].wait_until_loaded()), repeat=2)
    board = timed(lambda: pages[-1].ladder.refresh().wait(), repeat=2)
    conversations = timed(lambda: pages[-1].conversations.refresh().wait(), repeat=2)
    for page in pages:
        page.deleteLater()
    app.processEvents()
    return [Result("One-to-ones screen open (follow-up queue)", seconds, "< 1.5 s", base, baseline),
            Result("One-to-ones screen refresh", refresh, "< 1.5 s", base, baseline),
            Result("Ladder tab load (20,000 people on the board)", board, "< 2 s", base, baseline),
            Result("Conversations tab load (10,000)", conversations, "< 1.5 s", base, baseline)]


if __name__ == "__main__":
    for r in run():
        print(r.line())
    sys.exit(0)
