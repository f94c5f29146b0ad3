"""Fixing a meeting's sign-in sheet numbers, so paper row N always means the same person.

The numbers are stored the first time they are shown: the sign-in sheet or the pack is
printed, the register is opened, the kiosk starts, or ``attendance mark --row`` reads
them. Later calls keep every stored number and give people added since the next free
numbers (after the highest ever given: a number is never reused for someone else).

Two writers at once (two laptops on a shared PostgreSQL): the meeting's row is locked
while numbering, so the second waits and then finds the first's numbers. The unique
constraint on (meeting, number) backs that up: on SQLite a clash is retried on a fresh
read inside a savepoint; on PostgreSQL, where the lock already rules a clash out, the
savepoint's two round trips are saved and a clash (a writer that did not lock) rolls the
whole action back with a "try again" message (#14) — a stored number never changes.
"""

from __future__ import annotations

import json

from sqlalchemy import Integer, String, bindparam, func, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from communitydesk.db.models import Meeting, SheetNumber
from communitydesk.errors import UserError
from communitydesk.i18n import _
from communitydesk.services.attendance.expected import (
    MEMBER_ID,
    ExpectedPerson,
    SheetOrder,
    expected_people_of,
    sheet_order,
)
from communitydesk.services.core.gc_pause import gc_paused
from communitydesk.services.core.lookup import not_found
from communitydesk.services.core.permissions import login_may

_ATTEMPTS = 5


def fix_sheet_numbers(session: Session, meeting_id: int) -> list[ExpectedPerson]:
    """Store a number for everyone expected who has none yet; returns the numbered list.

    On a database opened read-only (another copy of the app is the writer) nothing is
    stored and the list is returned as it would be numbered.
    """
    with gc_paused():
        order, stored = fix_sheet_order(session, meeting_id)
        return expected_people_of(order, all_fixed=stored)


def fix_sheet_order(session: Session, meeting_id: int) -> tuple[SheetOrder, bool]:
    """``sheet_order`` with every number stored (True), or as it would be numbered when
    nothing can be stored (False: read-only). New numbers go in one executemany INSERT."""
    if _read_only(session):
        return sheet_order(session, meeting_id), False
    # PostgreSQL: a second writer waits here until the first has committed its numbers.
    # (Locking reads the meeting too, so ``sheet_order`` finds it already loaded.)
    if session.scalars(select(Meeting).where(Meeting.id == meeting_id).with_for_update()).first() is None:
        raise not_found(Meeting, meeting_id)
    locked = session.connection().dialect.name == "postgresql"  # the row lock held to commit
    for _attempt in range(_ATTEMPTS):
        order = sheet_order(session, meeting_id)
        if not order.provisional:
            return order, True
        try:
            if locked:
                _store(session, meeting_id, order)
            else:
                with session.begin_nested():
                    _store(session, meeting_id, order)
        except IntegrityError:
            if locked:
                break  # the transaction is spoilt: nothing of it is kept
            continue  # someone else numbered them first: read their numbers again
        return order, True
    raise UserError(_("meeting {meeting_id}: the sign-in sheet numbers are being changed by someone "
                      "else right now; try again").format(meeting_id=meeting_id))


def person_at_row(session: Session, meeting_id: int, number: int) -> ExpectedPerson:
    """The person printed at ``number`` on the meeting's sheet (numbers are fixed first)."""
    people = fix_sheet_numbers(session, meeting_id)
    for person in people:
        if person.number == number:
            return person
    if not people:
        raise UserError(_("row {number}: the sign-in sheet for meeting {meeting_id} has no numbered "
                          "rows").format(number=number, meeting_id=meeting_id))
    low, high = min(p.number for p in people), max(p.number for p in people)
    if low <= number <= high:
        raise UserError(_("row {number}: the sign-in sheet for meeting {meeting_id} has rows {low}–{high} "
                          "(that row's person has since been erased)").format(
                              number=number, meeting_id=meeting_id, low=low, high=high))
    raise UserError(_("row {number}: the sign-in sheet for meeting {meeting_id} has rows "
                      "{low}–{high}").format(number=number, meeting_id=meeting_id, low=low, high=high))


def _store(session: Session, meeting_id: int, order: SheetOrder) -> None:
    """The provisional numbers, stored in one statement.

    PostgreSQL: one ``INSERT ... SELECT FROM unnest(members, numbers)``, one round trip (a
    15,000-row executemany took two seconds over a 20 ms link). SQLite: one executemany.
    """
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        members, numbers = [], []
        for number, row in order.unnumbered():
            members.append(row[MEMBER_ID])
            numbers.append(number)
        connection.execute(_INSERT_UNNESTED, {"meeting_id": meeting_id, "members": members, "numbers": numbers})
        return
    # SQLite: the pairs as one JSON text, unpacked by ``json_each`` (#14: an executemany of
    # 15,000 parameter sets spent 0.4 s of Python, holding the GIL while the window waited)
    pairs = json.dumps([(row[MEMBER_ID], number) for number, row in order.unnumbered()])
    connection.execute(_INSERT_FROM_JSON, {"meeting_id": meeting_id, "pairs": pairs})


_PAIRS = func.json_each(bindparam("pairs", type_=String)).table_valued("value")
_INSERT_FROM_JSON = SheetNumber.__table__.insert().from_select(  # a Core INSERT: the write is recorded
    ["meeting_id", "member_id", "number"],
    select(bindparam("meeting_id", type_=Integer), func.json_extract(_PAIRS.c.value, "$[0]"),
           func.json_extract(_PAIRS.c.value, "$[1]")))

_INSERT_UNNESTED = text(
    "INSERT INTO sheet_numbers (meeting_id, member_id, number) "
    "SELECT :meeting_id, member_id, number "
    "FROM unnest(CAST(:members AS integer[]), CAST(:numbers AS integer[])) AS new(member_id, number) "
    "ORDER BY member_id")  # in key order: the foreign-key checks and index inserts go page by page


def _read_only(session: Session) -> bool:
    """Nothing can be stored: a file opened read-only, or a login whose role only reads the
    register (treasurer, organiser): it still sees the sheet as it would be numbered."""
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        return bool(connection.exec_driver_sql("PRAGMA query_only").scalar())
    # storing numbers inserts them and locks the meeting row (FOR UPDATE)
    return not login_may(session, "has_table_privilege('sheet_numbers', 'INSERT') "
                                  "AND has_any_column_privilege('meetings', 'UPDATE')")
