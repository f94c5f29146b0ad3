"""iCalendar export: every meeting as a VEVENT with TZID times and the VTIMEZONE they need,
so calendars place a 19:00 meeting at 19:00 local time on both sides of a clock change.

Two steps, so a screen can read the database quickly on its own thread and render the
file (the slow part for thousands of meetings) on a worker with progress and Cancel:
``calendar_events`` reads plain rows, ``render_calendar`` needs no database.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Calendar, Event, Timezone
from sqlalchemy import select
from sqlalchemy.orm import Session

from communitydesk import __version__
from communitydesk.db.models import Meeting
from communitydesk.domain import MeetingStatus
from communitydesk.errors import UserError
from communitydesk.files import atomic_write
from communitydesk.i18n import _
from communitydesk.services.settings.group_settings import load_settings

DEFAULT_LENGTH = timedelta(hours=2)
UID_DOMAIN = "communitydesk.local"
Progress = Callable[[int, int], bool]  # (done, total) -> carry on?


class ExportCancelled(UserError):
    """The person pressed Cancel; nothing was written."""


@dataclass(frozen=True)
class CalendarEvent:
    meeting_id: int
    title: str
    starts_at: datetime
    ends_at: datetime
    venue: str | None
    notes: str | None
    kind: str
    cancelled: bool
    sequence: int


@dataclass(frozen=True)
class CalendarData:
    group_name: str
    timezone: str
    events: tuple[CalendarEvent, ...]


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise UserError(_("settings: time zone {name!r} is not known (e.g. Europe/London)").format(name=name)) from None


def calendar_events(session: Session) -> CalendarData:
    settings = load_settings(session)
    _zone(settings.timezone)
    query = select(Meeting.id, Meeting.title, Meeting.starts_at, Meeting.ends_at, Meeting.venue,
                   Meeting.notes, Meeting.kind, Meeting.status, Meeting.version)
    events = tuple(
        CalendarEvent(meeting_id=r.id, title=r.title, starts_at=r.starts_at,
                      ends_at=r.ends_at or r.starts_at + DEFAULT_LENGTH, venue=r.venue, notes=r.notes,
                      kind=r.kind.value, cancelled=r.status == MeetingStatus.CANCELLED,
                      sequence=max(0, r.version - 1))
        for r in session.execute(query.order_by(Meeting.starts_at, Meeting.id))
    )
    return CalendarData(group_name=settings.group_name, timezone=settings.timezone, events=events)


def render_calendar(data: CalendarData, *, progress: Progress | None = None) -> Calendar:
    zone = _zone(data.timezone)
    cal = Calendar()
    cal.add("prodid", f"-//CommunityDesk//{__version__}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", data.group_name)
    cal.add("x-wr-timezone", data.timezone)
    if data.events:  # transitions only for the years the meetings span keep the file small
        first = date(data.events[0].starts_at.year - 1, 1, 1)
        last = date(max(e.starts_at.year for e in data.events) + 2, 1, 1)
        cal.add_component(Timezone.from_tzinfo(zone, data.timezone, first, last))
    stamp = datetime.now(ZoneInfo("UTC")).replace(microsecond=0)
    total = len(data.events)
    for done, meeting in enumerate(data.events):
        if progress is not None and done % 50 == 0 and not progress(done, total):
            raise ExportCancelled(_("calendar export cancelled; nothing was written"))
        event = Event()
        event.add("uid", f"meeting-{meeting.meeting_id}@{UID_DOMAIN}")
        event.add("dtstamp", stamp)
        event.add("summary", meeting.title)
        event.add("dtstart", meeting.starts_at.replace(tzinfo=zone))
        event.add("dtend", meeting.ends_at.replace(tzinfo=zone))
        if meeting.venue:
            event.add("location", meeting.venue)
        if meeting.notes:
            event.add("description", meeting.notes)
        event.add("categories", [meeting.kind])
        event.add("status", "CANCELLED" if meeting.cancelled else "CONFIRMED")
        event.add("sequence", meeting.sequence)
        cal.add_component(event)
    if progress is not None:
        progress(total, total)
    return cal


def build_calendar(session: Session) -> Calendar:
    return render_calendar(calendar_events(session))


def write_calendar(data: CalendarData, target: Path, *, progress: Progress | None = None) -> int:
    """Render and write the file; returns how many meetings it holds."""
    payload = render_calendar(data, progress=progress).to_ical()
    atomic_write(target, payload)  # all or nothing, owner-only
    return len(data.events)


def export_ics(session: Session, target: Path) -> int:
    return write_calendar(calendar_events(session), target)
