"""Fixing a meeting's sign-in sheet numbers, so paper row N always means the same person.

The numbers are stored the first time they are shown: the sign-in sheet or the pack is
printed, the register is opened, the kiosk starts, or ``attendance mark --row`` reads
them. Later calls keep every stored number and give people added since the next free
numbers (after the highest ever given: a number is never reused for someone else).

Two writers at once (two laptops on a shared PostgreSQL): the meeting's row is locked
while numbering, and the unique constraint on (meeting, number) backs that up; a clash
is retried on a fresh read.
"""

from __future__ import annotations

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from communitydesk.db.models import Meeting, SheetNumber
from communitydesk.errors import UserError
from communitydesk.services.attendance.expected import ExpectedPerson, expected_people
from communitydesk.services.meetings.planning import load_meeting

_ATTEMPTS = 5


def fix_sheet_numbers(session: Session, meeting_id: int) -> list[ExpectedPerson]:
    """Store a number for everyone expected who has none yet; returns the numbered list.

    On a database opened read-only (another copy of the app is the writer) nothing is
    stored and the list is returned as it would be numbered.
    """
    load_meeting(session, meeting_id)
    if _read_only(session):
        return expected_people(session, meeting_id)
    # PostgreSQL: a second writer waits here until the first has committed its numbers.
    session.execute(select(Meeting.id).where(Meeting.id == meeting_id).with_for_update())
    for _attempt in range(_ATTEMPTS):
        people = expected_people(session, meeting_id)
        new = [p for p in people if not p.fixed]
        if not new:
            return people
        try:
            with session.begin_nested():
                session.execute(insert(SheetNumber), [
                    {"meeting_id": meeting_id, "member_id": p.member_id, "number": p.number}
                    for p in new])
        except IntegrityError:
            continue  # someone else numbered them first: read their numbers again
        return [p._replace(fixed=True) for p in people]
    raise UserError(f"meeting {meeting_id}: the sign-in sheet numbers are being changed by someone "
                    "else right now; try again")


def person_at_row(session: Session, meeting_id: int, number: int) -> ExpectedPerson:
    """The person printed at ``number`` on the meeting's sheet (numbers are fixed first)."""
    people = fix_sheet_numbers(session, meeting_id)
    for person in people:
        if person.number == number:
            return person
    if not people:
        raise UserError(f"row {number}: the sign-in sheet for meeting {meeting_id} has no numbered rows")
    low, high = min(p.number for p in people), max(p.number for p in people)
    gone = " (that row's person has since been erased)" if low <= number <= high else ""
    raise UserError(f"row {number}: the sign-in sheet for meeting {meeting_id} has rows "
                    f"{low}–{high}{gone}")


def _read_only(session: Session) -> bool:
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        return False
    return bool(connection.exec_driver_sql("PRAGMA query_only").scalar())
