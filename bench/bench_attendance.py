"""Register and kiosk speed on the scale database (20,000 members, 400,000 entries).

* opening a 500-person register (a meeting for a tag with 500 members, 200 already
  marked): the service rows plus the Qt model, against a bare sqlite3 read of the same rows;
* a kiosk keystroke on 20,000 members (median and p95 of typed prefixes), against a
  plain Python prefix scan of the same names.

The scale database is copied first: this benchmark adds a tag and a meeting to it.
"""

from __future__ import annotations

import os
import random
import sqlite3
import sys
import tempfile
from datetime import datetime
from pathlib import Path

from sqlalchemy import insert

from bench.harness import Result, median_p95, samples, timed
from bench.scale_data import scale_database
from communitydesk.db.engine import open_database
from communitydesk.db.models import Attendance, Meeting, Tag, member_tags
from communitydesk.services.core.text import fold

TYPED = ["a", "al", "ali", "m", "mo", "moh", "s", "si", "sio", "lu", "luk", "w", "wr", "gr", "grz",
         "ch", "chi", "p", "pa", "pat", "ze", "j", "jo", "jos", "n", "ng", "d", "de", "dem", "k"]


def _prepare(copy: Path) -> tuple[int, int]:
    """A tag with 500 members and a meeting for it with 200 entries; returns (meeting, tag) ids."""
    rng = random.Random(5)
    con = sqlite3.connect(scale_database())
    dest = sqlite3.connect(copy)
    con.backup(dest)
    con.close()
    dest.close()
    db = open_database(str(copy), backups_dir=copy.parent / "backups")
    with db.session() as s:
        tag_id = s.execute(insert(Tag).values(name="Bench 500").returning(Tag.id)).scalar_one()
        people = rng.sample(range(1, 20_001), 500)
        s.execute(insert(member_tags), [{"member_id": m, "tag_id": tag_id} for m in people])
        meeting_id = s.execute(insert(Meeting).values(
            title="Big assembly", kind="general", starts_at=datetime(2026, 11, 3, 19), status="planned",
            for_tag_id=tag_id, version=1).returning(Meeting.id)).scalar_one()
        s.execute(insert(Attendance), [{"meeting_id": meeting_id, "member_id": m, "status": "present"}
                                       for m in people[:200]])
    db.dispose()
    return meeting_id, tag_id


def _bare_register(path: Path, meeting_id: int, tag_id: int) -> list:
    con = sqlite3.connect(path)
    rows = con.execute(
        "SELECT m.id, m.first_name, m.last_name, a.status FROM members m "
        "JOIN member_tags t ON t.member_id = m.id AND t.tag_id = ? "
        "LEFT JOIN attendance a ON a.member_id = m.id AND a.meeting_id = ?", (tag_id, meeting_id)).fetchall()
    rows.sort(key=lambda r: (r[2].casefold(), r[1].casefold()))
    con.close()
    return rows


def run() -> list[Result]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from communitydesk.config import Paths
    from communitydesk.gui.attendance.kiosk_window import KioskWindow
    from communitydesk.gui.attendance.register_table_model import RegisterTableModel
    from communitydesk.gui.context import AppContext, DataEvents
    from communitydesk.services.attendance.register import register_rows

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "scale-attendance.sqlite3"
        meeting_id, tag_id = _prepare(copy)
        db = open_database(str(copy), backups_dir=Path(tmp) / "backups")
        model = RegisterTableModel()

        def open_register() -> None:
            with db.session() as session:
                model.set_rows(register_rows(session, meeting_id))

        open_register()
        assert model.rowCount() == 500, model.rowCount()
        register = timed(open_register, repeat=7)
        bare = timed(lambda: _bare_register(copy, meeting_id, tag_id), repeat=7)

        paths = Paths(data_dir=Path(tmp), config_dir=Path(tmp))
        ctx = AppContext(paths=paths, db=db, gui_settings=QSettings(str(Path(tmp) / "gui.ini"),
                                                                    QSettings.Format.IniFormat),
                         events=DataEvents())
        def open_kiosk() -> KioskWindow:
            kiosk = KioskWindow(ctx, meeting_id)
            kiosk.wait_until_loaded()  # its people arrive from the operation runner
            return kiosk

        kiosk_open = timed(lambda: open_kiosk().deleteLater(), repeat=3)
        kiosk = open_kiosk()
        names = [p.display_name for p in kiosk.index.people]
        folded = [fold(n) for n in names]
        typed = iter(TYPED * 4)
        keystrokes = samples(lambda: kiosk.search_box.setText(next(typed)), repeat=len(TYPED) * 4)
        typed_plain = iter(TYPED * 4)
        plain = samples(lambda: _plain_scan(folded, next(typed_plain)), repeat=len(TYPED) * 4)
        key_median, key_p95 = median_p95(keystrokes)
        plain_median, _ = median_p95(plain)
        kiosk.deleteLater()
        app.processEvents()
        db.dispose()
    return [
        Result("open a 500-person register (rows + Qt model)", register, "< 200 ms",
               "bare sqlite3 read of the same rows", bare),
        Result(f"kiosk keystroke on {len(names):,} members (median)", key_median, "< 50 ms",
               "plain Python prefix scan", plain_median, extra=f"p95 {key_p95 * 1000:.1f} ms"),
        Result("open the kiosk (index 20,000 names)", kiosk_open, "< 1 s",
               "open the register", register),
    ]


def _plain_scan(folded: list[str], prefix: str) -> list[str]:
    return [n for n in folded if any(part.startswith(prefix) for part in n.split())][:8]


if __name__ == "__main__":
    for r in run():
        print(r.line())
    sys.exit(0)
