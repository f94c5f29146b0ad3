"""How the command line names what it made or changed, for people reading a terminal.

Why here and not in gui/common/dates.py: the CLI never imports Qt. Day and month
names are English, day first ("Thu 17 Dec 2026 19:00"), which cannot be misread
the way 10/12/2026 can. Stored text is printed with control characters escaped,
so a name holding ESC or BEL (from an old import) cannot act on the terminal.
"""

from __future__ import annotations

from datetime import date, datetime

from communitydesk.services.core.text import printable
from communitydesk.services.members.records import MemberRecord


def day(value: date | None) -> str:
    """``Thu 17 Dec 2026``; empty for no date."""
    return f"{value:%a} {value.day} {value:%b %Y}" if value else ""


def when(value: datetime | None) -> str:
    """``Thu 17 Dec 2026 19:00``."""
    return f"{day(value)} {value:%H:%M}" if value else ""


def iso_day(value: date | None) -> str:
    """``2026-12-17`` for a column in a list (a date's own format spec would print "<10")."""
    return value.isoformat() if value else ""


def text(value: object) -> str:
    """Stored text made safe for a terminal."""
    return printable("" if value is None else str(value))


def member_line(record: MemberRecord) -> str:
    """``member 14: Łukasz Wiśniewski``."""
    return f"member {record.id}: {text(record.full_name)}"


def meeting_line(meeting_id: int, title: str, starts_at: datetime) -> str:
    """``meeting 2: General meeting, Thu 17 Dec 2026 19:00``."""
    return f"meeting {meeting_id}: {text(title)}, {when(starts_at)}"
