"""Every decision in a period as one table (CSV or XLSX): motions, then election results.

One row a motion (or amendment) and one row an election candidate, so a secretary can
sort and filter in a spreadsheet; dates as real dates in XLSX, ISO in CSV.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from communitydesk.db.models import Meeting
from communitydesk.domain import MeetingStatus
from communitydesk.errors import UserError
from communitydesk.i18n import _
from communitydesk.io.sheet_writer import TableWriter, check_format, neutralise
from communitydesk.services.motions.elections import list_elections
from communitydesk.services.motions.motions import list_motions

HEADERS = ("Date", "Meeting", "Kind", "Motion no.", "Amends", "Text or office", "Proposer", "Seconder",
           "Majority", "For", "Against", "Abstain", "Method", "Result")


def result_rows(session: Session, *, from_date: date | None = None, to_date: date | None = None,
                fmt: str = "csv") -> list[list]:
    """Every motion and candidate of the period, text made safe for ``fmt`` (CSV or XLSX)."""

    def safe_text(value: str | None) -> str | None:
        return neutralise(value, fmt=fmt)

    if from_date and to_date and to_date < from_date:
        raise UserError(_("--to: the end of the period is before its start"))
    query = select(Meeting).where(Meeting.status != MeetingStatus.CANCELLED)
    if from_date:
        query = query.where(Meeting.starts_at >= datetime.combine(from_date, time()))
    if to_date:
        query = query.where(Meeting.starts_at < datetime.combine(to_date + timedelta(days=1), time()))
    rows: list[list] = []
    for meeting in session.scalars(query.order_by(Meeting.starts_at, Meeting.id)):
        day, title = meeting.starts_at.date(), safe_text(meeting.title)
        for m in list_motions(session, meeting.id):
            rows.append([day, title, "amendment" if m.parent_id else "motion", m.id, m.parent_id,
                         safe_text(m.text), safe_text(m.proposer), safe_text(m.seconder), m.majority,
                         m.votes_for, m.against, m.abstain, m.method,
                         "withdrawn" if m.withdrawn else m.result])
        for e in list_elections(session, meeting.id):
            for c in e.candidates:
                rows.append([day, title, "election", None, None, safe_text(e.office), safe_text(c.proposer),
                             safe_text(c.seconder), f"{e.seats} seat(s)", c.votes, None, None,
                             "ballot" if e.contested else "unopposed",
                             f"{safe_text(c.name)}: " + ("elected" if c.elected else
                                                         "not elected" if e.declared else "pending")])
    return rows


def export_results(session: Session, output: str | Path, *, from_date: date | None = None,
                   to_date: date | None = None, fmt: str | None = None) -> int:
    """Write the table; returns the number of rows."""
    path = Path(output)
    chosen = check_format(fmt, path)
    rows = result_rows(session, from_date=from_date, to_date=to_date, fmt=chosen)
    with TableWriter(path, chosen, sheet_title="Decisions", headers=HEADERS,
                     kinds=("date",)) as writer:
        writer.write_rows(rows)
    return len(rows)
