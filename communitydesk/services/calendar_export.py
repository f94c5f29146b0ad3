"""iCalendar export: every meeting as a VEVENT with TZID times and the VTIMEZONE they need,
so calendars place a 19:00 meeting at 19:00 local time on both sides of a clock change.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Calendar, Event
from sqlalchemy import select
from sqlalchemy.orm import Session

from communitydesk import __version__
from communitydesk.db.models import Meeting, MeetingStatus
from communitydesk.errors import UserError
from communitydesk.services.settings import load_settings

DEFAULT_LENGTH = timedelta(hours=2)


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise UserError(f"settings: time zone {name!r} is not known (e.g. Europe/London)") from None


def build_calendar(session: Session, *, uid_domain: str = "communitydesk.local") -> Calendar:
    settings = load_settings(session)
    zone = _zone(settings.timezone)
    cal = Calendar()
    cal.add("prodid", f"-//CommunityDesk//{__version__}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", settings.group_name)
    cal.add("x-wr-timezone", settings.timezone)
    stamp = datetime.now(ZoneInfo("UTC")).replace(microsecond=0)
    meetings = list(session.scalars(select(Meeting).order_by(Meeting.starts_at, Meeting.id)))
    for meeting in meetings:
        event = Event()
        event.add("uid", f"meeting-{meeting.id}@{uid_domain}")
        event.add("dtstamp", stamp)
        event.add("summary", meeting.title)
        start = meeting.starts_at.replace(tzinfo=zone)
        end = (meeting.ends_at or meeting.starts_at + DEFAULT_LENGTH).replace(tzinfo=zone)
        event.add("dtstart", start)
        event.add("dtend", end)
        if meeting.venue:
            event.add("location", meeting.venue)
        if meeting.notes:
            event.add("description", meeting.notes)
        event.add("categories", [meeting.kind.value])
        event.add("status", "CANCELLED" if meeting.status == MeetingStatus.CANCELLED else "CONFIRMED")
        event.add("sequence", max(0, meeting.version - 1))
        cal.add_component(event)
    if meetings:  # transitions only for the years the meetings span keep the file small
        first = date(meetings[0].starts_at.year - 1, 1, 1)
        last = date(max(meetings[-1].starts_at.year + 2, first.year + 2), 1, 1)
        cal.add_missing_timezones(first, last)
    return cal


def export_ics(session: Session, target: Path) -> int:
    """Write the calendar file; returns how many meetings it holds."""
    cal = build_calendar(session)
    data = cal.to_ical()
    try:
        target.write_bytes(data)
    except OSError as exc:
        raise UserError(f"{target}: cannot write the calendar file ({exc.strerror})") from None
    return sum(1 for c in cal.walk("VEVENT"))
