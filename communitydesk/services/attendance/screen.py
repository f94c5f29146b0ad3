"""What the Attendance screen and the door kiosk load, each in one short session.

The screen used to load every meeting as an ORM object to fill its picker (2,000 on
the scale data) and fixed the register's sheet numbers as a side effect of showing
it. Here the picker gets plain column rows, the register is read without writing
(saying whether its numbers still need fixing), and fixing them is a write of its
own (``open_register``), as is starting the kiosk.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from operator import itemgetter
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from communitydesk.db.models import Meeting
from communitydesk.domain import MeetingStatus
from communitydesk.services.attendance.check_in import CheckInPerson, check_in_people
from communitydesk.services.attendance.expected import (
    MEMBER_ID,
    NUMBER,
    SheetOrder,
    sheet_order,
)
from communitydesk.services.attendance.register import (
    RegisterRow,
    register_rows_of,
    register_tuples_of,
)
from communitydesk.services.attendance.sheet_numbers import fix_sheet_numbers, fix_sheet_order
from communitydesk.services.core.gc_pause import gc_paused
from communitydesk.services.core.ids import MeetingId
from communitydesk.services.meetings.planning import get_meeting
from communitydesk.services.settings.group_settings import load_settings


class MeetingChoice(NamedTuple):
    """A meeting as a picker shows it: no venue, notes or people."""

    id: MeetingId
    title: str
    starts_at: datetime
    status: str


def list_meeting_choices(session: Session) -> list[MeetingChoice]:
    """Every meeting not cancelled, in start order: one plain query, no ORM objects."""
    rows = session.execute(
        select(Meeting.id, Meeting.title, Meeting.starts_at, Meeting.status)
        .where(Meeting.status != MeetingStatus.CANCELLED)
        .order_by(Meeting.starts_at, Meeting.id))
    return [MeetingChoice(MeetingId(i), title, starts_at, status.value)
            for i, title, starts_at, status in rows]


@dataclass(frozen=True)
class RegisterSnapshot:
    """A meeting's register as read; ``needs_numbering``: someone's row number is provisional.

    ``rows`` are ``RegisterRow``'s fields as plain tuples (``register_tuples_of``): the screen
    keeps them, and 15,000 NamedTuples would stay followed by the cycle collector.
    """

    meeting_id: MeetingId
    rows: tuple[tuple, ...]
    needs_numbering: bool


def read_register(session: Session, meeting_id: int) -> RegisterSnapshot:
    """The register without writing; the screen then fixes the numbers with a write if needed."""
    with gc_paused():
        order = sheet_order(session, meeting_id)
        rows, provisional = tuple(register_tuples_of(order)), order.provisional
        del order  # see ``register_rows_of``
    return RegisterSnapshot(MeetingId(meeting_id), rows, provisional)


def fix_register_numbers(session: Session, meeting_id: int,
                         shown: RegisterSnapshot) -> tuple[RegisterRow, ...] | None:
    """A write: stores the provisional numbers of a register read before (``shown``).

    Returns the register only when the stored numbers differ from the ones shown (someone
    joined or was numbered elsewhere in between); None, the usual case, leaves the screen
    as it is, without building and comparing a second 15,000-row register.
    """
    with gc_paused():
        order, _stored = fix_sheet_order(session, meeting_id)
        rows = None if _same_numbers(order, shown.rows) else tuple(register_rows_of(order))
        del order  # see ``register_rows_of``
    return rows


def _same_numbers(order: SheetOrder, rows: tuple[tuple, ...]) -> bool:
    """The same people at the same numbers, compared column by column in C loops."""
    if len(order.rows) != len(rows):
        return False
    fixed = order.fixed
    numbers = [*map(itemgetter(NUMBER), order.rows[:fixed]),
               *range(order.next_number, order.next_number + len(order.rows) - fixed)]
    return (list(map(itemgetter(MEMBER_ID), order.rows)) == list(map(_member_id, rows))
            and numbers == list(map(_number, rows)))


_number = itemgetter(RegisterRow._fields.index("number"))
_member_id = itemgetter(RegisterRow._fields.index("member_id"))


@dataclass(frozen=True)
class KioskStart:
    """Everything the kiosk shows, loaded when it opens (its sheet numbers fixed then)."""

    meeting_id: MeetingId
    title: str
    starts_at: datetime
    group_name: str
    kiosk_pin: str
    people: tuple[CheckInPerson, ...]


def start_kiosk(session: Session, meeting_id: int) -> KioskStart:
    """A write: fixes the meeting's sheet numbers so a newcomer at the door takes the next one."""
    meeting = get_meeting(session, meeting_id)
    fix_sheet_numbers(session, meeting_id)
    settings = load_settings(session)
    return KioskStart(meeting.id, meeting.title, meeting.starts_at, settings.group_name,
                      settings.kiosk_pin.strip(), tuple(check_in_people(session, meeting_id)))
