"""The Meetings screen at scale: its list with Present counts (a GROUP BY over 400,000
register entries), matters arising on the latest meeting, and the .ics export of 2,000
meetings — each against a plain listing of the meetings measured in the same run.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from bench.harness import Result, timed
from bench.scale_data import scale_database
from communitydesk.db.engine import open_database
from communitydesk.services.meetings.calendar_export import build_calendar
from communitydesk.services.meetings.matters_arising import matters_arising
from communitydesk.services.meetings.planning import list_meetings
from communitydesk.services.meetings.rows import list_meeting_rows


def run() -> list[Result]:
    source = scale_database()
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "scale.sqlite3"
        shutil.copy(source, copy)
        db = open_database(str(copy), backups_dir=Path(tmp) / "backups")
        try:
            with db.session() as s:
                list_meetings(s)  # warm the page cache for both
                baseline = timed(lambda: list_meetings(s), repeat=5)
                rows = timed(lambda: list_meeting_rows(s), repeat=5)
                latest = list_meetings(s)[-1].id
                arising = timed(lambda: matters_arising(s, latest), repeat=5)
                ics = timed(lambda: build_calendar(s).to_ical(), repeat=3)
        finally:
            db.dispose()
    base = "list_meetings (no counts)"
    return [
        Result("meetings list with Present counts (2,000 / 400k)", rows, "< 0.5 s", base, baseline),
        Result("matters arising on the latest meeting", arising, "< 0.1 s", base, baseline),
        Result("iCalendar export of 2,000 meetings (worker thread)", ics, "< 5 s", base, baseline),
    ]


if __name__ == "__main__":
    for r in run():
        print(r.line())
    sys.exit(0)
