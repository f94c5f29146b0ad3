"""The meetings list's rows (read on a worker for the Meetings screen): kind and status come
as the plain stored words on SQLite and PostgreSQL alike (#14 reads them without enums)."""

from __future__ import annotations

from datetime import date, datetime

from communitydesk.db.engine import Database
from communitydesk.services.meetings.planning import add_meeting, cancel_meeting
from communitydesk.services.meetings.rows import list_meeting_rows


def test_rows_carry_kind_and_status_as_words(any_db: Database) -> None:
    with any_db.session() as s:
        add_meeting(s, title="Committee", starts_at=datetime(2026, 3, 3, 19), kind="committee")
        social = add_meeting(s, title="Quiz night", starts_at=datetime(2026, 3, 10, 19), kind="social")
        cancel_meeting(s, social.id)
    with any_db.session() as s:
        rows = list_meeting_rows(s, today=date(2026, 3, 1))
    assert [(r.title, r.kind, r.status) for r in rows] == [("Committee", "committee", "planned"),
                                                          ("Quiz night", "social", "cancelled")]
    assert all(type(r.kind) is str and type(r.status) is str for r in rows)
    assert rows[0].is_upcoming(datetime(2026, 3, 1)) and not rows[1].minutes_approved
