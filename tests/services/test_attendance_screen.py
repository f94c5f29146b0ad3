"""What the Attendance screen reads and writes: the numbering write after a read says only
whether the stored numbers differ from the ones already shown (#14: no second 15,000-row
register to build and compare when they are the same, the usual case)."""

from __future__ import annotations

from datetime import datetime

from communitydesk.db.engine import Database
from communitydesk.services.attendance.register import register_rows
from communitydesk.services.attendance.screen import fix_register_numbers, read_register
from communitydesk.services.meetings.planning import add_meeting
from communitydesk.services.members.records import add_member

NAMES = [("Łukasz", "Wróbel"), ("Zoë", "Hughes"), ("Ana", "Abbott"), ("Ivan", "Petrov")]


def _group(session) -> int:  # noqa: ANN001 - a Session
    for first, last in NAMES:
        add_member(session, first_name=first, last_name=last)
    return add_meeting(session, title="General meeting", starts_at=datetime(2026, 3, 5, 19)).id


def test_numbers_stored_as_shown_need_no_second_register(any_db: Database) -> None:
    with any_db.session() as s:
        meeting_id = _group(s)
    with any_db.session() as s:
        shown = read_register(s, meeting_id)
    assert shown.needs_numbering
    with any_db.session() as s:
        assert fix_register_numbers(s, meeting_id, shown) is None
    with any_db.session() as s:
        stored = read_register(s, meeting_id)
        assert not stored.needs_numbering and stored.rows == shown.rows


def test_numbers_stored_differently_from_the_read_come_back_in_full(any_db: Database) -> None:
    """Someone joined (or was numbered on another laptop) between the read and the write."""
    with any_db.session() as s:
        meeting_id = _group(s)
    with any_db.session() as s:
        shown = read_register(s, meeting_id)
    with any_db.session() as s:
        add_member(s, first_name="Bea", last_name="Aaron")  # sorts first: everyone's number moves
    with any_db.session() as s:
        rows = fix_register_numbers(s, meeting_id, shown)
        assert rows is not None and list(rows) == register_rows(s, meeting_id)
        assert [(r.number, r.last_name) for r in rows][:2] == [(1, "Aaron"), (2, "Abbott")]
