"""Reports at scale: the 400,000-entry register to CSV against bare sqlite3 + csv of the
same rows (target ≤ 2×), and a year's report data (target < 1 s)."""

from __future__ import annotations

import csv
import os
import sqlite3
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from bench.harness import Result, timed
from bench.scale_data import scale_database
from communitydesk.db.engine import open_database
from communitydesk.services.attendance.export import export_attendance
from communitydesk.services.reports.figures import attendance_report
from communitydesk.services.reports.periods import Period

BARE_QUERY = """
SELECT a.meeting_id, date(m.starts_at), strftime('%H:%M', m.starts_at), m.title, m.kind,
       m.status, a.member_id, p.first_name, p.last_name, p.status, a.status, a.checked_in_at
FROM attendance a JOIN meetings m ON m.id = a.meeting_id JOIN members p ON p.id = a.member_id
ORDER BY m.starts_at, m.id, a.member_id
"""


def bare_export(db_path: Path, out: Path) -> int:
    """The baseline: sqlite3 cursor straight into csv.writer, nothing else."""
    con = sqlite3.connect(db_path)
    try:
        with open(out, "w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(["meeting_id", "meeting_date", "meeting_time", "meeting_title",
                             "meeting_kind", "meeting_status", "member_id", "first_name",
                             "last_name", "member_status", "status", "checked_in_at"])
            cursor = con.execute(BARE_QUERY)
            rows = 0
            while batch := cursor.fetchmany(5000):
                writer.writerows(batch)
                rows += len(batch)
        return rows
    finally:
        con.close()


def run() -> list[Result]:
    path = scale_database()
    db = open_database(str(path), backups_dir=path.parent / "backups")
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        bare_out, ours_out = Path(tmp) / "bare.csv", Path(tmp) / "ours.csv"
        counts = {}

        def ours() -> None:
            with db.session() as s:
                counts["ours"] = export_attendance(s, ours_out, period=Period(None, None)).rows

        def bare() -> None:
            counts["bare"] = bare_export(path, bare_out)

        bare()  # warm the file cache for both
        baseline = timed(bare, repeat=3)
        export = timed(ours, repeat=3)
        assert counts["ours"] == counts["bare"], counts
        results.append(Result(f"attendance export CSV ({counts['ours']:,} rows)", export, "≤ 2×",
                              "bare sqlite3 + csv, same rows", baseline))

    def year() -> None:
        with db.session() as s:
            attendance_report(s, Period(date(2025, 1, 1), date(2025, 12, 31)))

    year()
    cpu_before = time.process_time()
    wall = timed(year, repeat=3)
    cpu = (time.process_time() - cpu_before) / 3
    results.append(Result("reports data for a year (2025, 20k members)", wall, "< 1 s",
                          extra=f"cpu {cpu:.2f} s, load average {os.getloadavg()[0]:.1f} "
                                f"on {os.cpu_count()} cores"))
    results.append(_screen_refresh(db))
    db.dispose()
    return results


def _screen_refresh(db) -> Result:  # noqa: ANN001
    """The Reports screen's recount for a financial year: query, tables, tiles and charts."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from communitydesk.config import Paths
    from communitydesk.gui.context import AppContext, DataEvents
    from communitydesk.gui.reports.reports_page import ReportsPage

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as home:
        paths = Paths(data_dir=Path(home), config_dir=Path(home))
        ctx = AppContext(paths=paths, db=db, events=DataEvents(),
                         gui_settings=QSettings(str(Path(home) / "gui.ini"),
                                                QSettings.Format.IniFormat))
        page = ReportsPage(ctx, today=date(2025, 6, 15))
        page.filters.choose(preset="last_financial_year")
        page.wait_until_loaded()  # the recount that choosing started: nothing runs beside the timed ones

        def refresh() -> None:  # one read on the runner's worker, then the screen filled
            page.recount()
            page.wait_until_loaded()  # the figures, tables and charts, shown in parts

        cpu_before = time.process_time()
        seconds = timed(refresh, repeat=3)
        cpu = (time.process_time() - cpu_before) / 3
        rows = page.people.model.rowCount()
        page.deleteLater()
        app.processEvents()
    return Result(f"reports screen refresh, financial year ({rows:,} people)", seconds, "< 1 s",
                  extra=f"cpu {cpu:.2f} s, load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    for r in run():
        print(r.line())
    sys.exit(0)
