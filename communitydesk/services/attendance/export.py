"""`attendance export`: the register as CSV or XLSX, by entry, member, meeting or month.

``entry`` (the default) is one row per meeting and person with the status, for
every meeting in the period (cancelled ones too, with the meeting's status, so
nothing recorded is hidden). It streams: meetings and people are read once into
small lookup tables, then register rows flow from the database cursor to the
file in batches, so 400,000 entries need no more memory than one batch.
``member``, ``meeting`` and ``month`` are the report's own rows (DESIGN.md
definitions: cancelled meetings do not count).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import String, func, select, type_coerce
from sqlalchemy.orm import Session

from communitydesk.db.models import Attendance, Meeting, Member
from communitydesk.errors import UserError
from communitydesk.i18n import _
from communitydesk.io.sheet_writer import TableWriter, check_format, neutralise
from communitydesk.services.reports.figures import attendance_report, period_bounds
from communitydesk.services.reports.periods import Period

BY_CHOICES = ("entry", "member", "meeting", "month")
BATCH = 5000

Progress = Callable[[int, int], bool]  # (rows done, rows in all) -> False to cancel

ENTRY_HEADERS = (
    "meeting_id", "meeting_date", "meeting_time", "meeting_title", "meeting_kind",
    "meeting_status", "member_id", "first_name", "last_name", "member_status", "status",
    "checked_in_at",
)
MEMBER_HEADERS = ("member_id", "name", "member_status", "present", "apologies", "absent",
                  "meetings_since_joining", "rate", "last_attended", "new_in_period")
MEETING_HEADERS = ("meeting_id", "meeting_date", "meeting_time", "meeting_title", "meeting_kind",
                   "meeting_status", "counted", "present", "apologies", "absent", "new")
MONTH_HEADERS = ("month", "meetings", "unique_attendees", "new_attendees",
                 "returning_attendees", "total_present", "apologies")


class ExportCancelled(UserError):
    """The person pressed Cancel; the partial file was removed."""


@dataclass(frozen=True)
class ExportResult:
    path: Path
    format: str
    by: str
    rows: int

    def to_json(self) -> dict:
        return {"path": str(self.path), "format": self.format, "by": self.by, "rows": self.rows}


def export_attendance(
    session: Session,
    target: Path | str,
    *,
    period: Period,
    fmt: str | None = None,
    by: str = "entry",
    progress: Progress | None = None,
) -> ExportResult:
    """Write the export; raise ExportCancelled (nothing left on disk) if ``progress`` says stop."""
    path = Path(target)
    chosen = check_format(fmt, path)
    if by not in BY_CHOICES:
        raise UserError(_("--by: {value} is not one of {values}").format(
            value=repr(by), values=", ".join(BY_CHOICES)))
    if by == "entry":
        rows = _export_entries(session, path, chosen, period, progress)
    else:
        rows = _export_summary(session, path, chosen, period, by)
    return ExportResult(path=path, format=chosen, by=by, rows=rows)


def _split(starts: datetime | str) -> tuple[str, str]:
    text = starts if isinstance(starts, str) else starts.isoformat(sep=" ")
    return text[:10], text[11:16]


def _export_entries(
    session: Session, path: Path, fmt: str, period: Period, progress: Progress | None
) -> int:
    conn = session.connection()
    bounds = period_bounds(period)
    xlsx = fmt == "xlsx"
    meetings = {}
    for mid, title, kind, starts, status in conn.execute(
        select(Meeting.id, Meeting.title, type_coerce(Meeting.kind, String), Meeting.starts_at,
               type_coerce(Meeting.status, String)).where(*bounds)
    ):
        day, at = _split(starts)
        meetings[mid] = (mid, date.fromisoformat(day) if xlsx else day, at, neutralise(title, fmt=fmt),
                         kind, status)
    people = {
        pid: (pid, "Anonymised" if anonymised else neutralise(first, fmt=fmt),
              "" if anonymised else neutralise(last, fmt=fmt), status)
        for pid, first, last, status, anonymised in conn.execute(
            select(Member.id, Member.first_name, Member.last_name,
                   type_coerce(Member.status, String), Member.anonymised_at))
    }
    entries = (
        select(Attendance.meeting_id, Attendance.member_id,
               type_coerce(Attendance.status, String),
               type_coerce(Attendance.checked_in_at, String))
        .join(Meeting, Meeting.id == Attendance.meeting_id)
        .where(*bounds)
        .order_by(Meeting.starts_at, Meeting.id, Attendance.member_id)
    )
    total = 0
    if progress is not None:
        total = conn.scalar(select(func.count()).select_from(entries.order_by(None).subquery()))
        if not progress(0, total):
            raise ExportCancelled(_("export cancelled; no file was written"))
    done = 0
    with TableWriter(path, fmt, headers=ENTRY_HEADERS,
                     kinds=("", "date", "", "", "", "", "", "", "", "", "", "datetime")) as out:
        result = conn.execute(entries, execution_options={"stream_results": True, "yield_per": BATCH})
        for batch in result.partitions(BATCH):
            rows = [
                (*meetings[mid], *people[pid], status,
                 _checked_in(checked, xlsx) if checked is not None else None)
                for mid, pid, status, checked in batch
            ]
            out.write_plain_rows(rows)
            done += len(rows)
            if progress is not None and not progress(done, total):
                raise ExportCancelled(_("export cancelled; no file was written"))
    return done


def _checked_in(value: str | datetime, xlsx: bool) -> str | datetime:
    """SQLite hands back text, PostgreSQL a datetime: ISO minutes for CSV, a datetime for XLSX."""
    if isinstance(value, str):
        if not xlsx:
            return value[:16].replace(" ", "T")
        value = datetime.fromisoformat(value)
    return value if xlsx else value.isoformat(timespec="minutes")


def _export_summary(session: Session, path: Path, fmt: str, period: Period, by: str) -> int:
    report = attendance_report(session, period)
    if by == "member":
        headers, kinds = MEMBER_HEADERS, ("", "", "", "", "", "", "", "percent", "date", "")
        rows = [(m.id, neutralise(m.name, fmt=fmt), m.status, m.present, m.apologies, m.absent, m.eligible,
                 m.rate, m.last_attended, "yes" if m.new else "no") for m in report.members]
    elif by == "meeting":
        headers, kinds = MEETING_HEADERS, ("", "date")
        rows = [(m.id, m.starts_at.date(), f"{m.starts_at:%H:%M}", neutralise(m.title, fmt=fmt), m.kind,
                 m.status, "yes" if m.counted else "no", m.present, m.apologies, m.absent, m.new)
                for m in report.meeting_rows]
    else:
        headers, kinds = MONTH_HEADERS, ()
        rows = [(f"{m.month:%Y-%m}", m.meetings, m.unique_attendees, m.new_attendees,
                 m.returning_attendees, m.total_present, m.apologies) for m in report.months]
    with TableWriter(path, fmt, headers=headers, kinds=kinds,
                     sheet_title=f"By {by}") as out:
        out.write_rows(rows)
    return len(rows)
