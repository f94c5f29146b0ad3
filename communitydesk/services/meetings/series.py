"""Recurring meetings: a rule like "first Tuesday of each month at 19:00" (RFC 5545 RRULE,
expanded with python-dateutil) creates the meetings of a series in one step.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from dateutil.rrule import rrulestr
from sqlalchemy.orm import Session

from communitydesk.db.models import MeetingSeries
from communitydesk.errors import UserError
from communitydesk.i18n import N_, _, ngettext
from communitydesk.services.meetings.planning import MeetingSummary, _kind, add_meeting

MAX_OCCURRENCES = 200
ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
# The whole sentence for each rule, since a weekday's gender changes the ordinal in Polish and
# Ukrainian ("pierwszy wtorek", "pierwsza środa").
MONTHLY_WORDS = {
    1: (
        N_("first Monday of each month"),
        N_("first Tuesday of each month"),
        N_("first Wednesday of each month"),
        N_("first Thursday of each month"),
        N_("first Friday of each month"),
        N_("first Saturday of each month"),
        N_("first Sunday of each month"),
    ),
    2: (
        N_("second Monday of each month"),
        N_("second Tuesday of each month"),
        N_("second Wednesday of each month"),
        N_("second Thursday of each month"),
        N_("second Friday of each month"),
        N_("second Saturday of each month"),
        N_("second Sunday of each month"),
    ),
    3: (
        N_("third Monday of each month"),
        N_("third Tuesday of each month"),
        N_("third Wednesday of each month"),
        N_("third Thursday of each month"),
        N_("third Friday of each month"),
        N_("third Saturday of each month"),
        N_("third Sunday of each month"),
    ),
    4: (
        N_("fourth Monday of each month"),
        N_("fourth Tuesday of each month"),
        N_("fourth Wednesday of each month"),
        N_("fourth Thursday of each month"),
        N_("fourth Friday of each month"),
        N_("fourth Saturday of each month"),
        N_("fourth Sunday of each month"),
    ),
    -1: (
        N_("last Monday of each month"),
        N_("last Tuesday of each month"),
        N_("last Wednesday of each month"),
        N_("last Thursday of each month"),
        N_("last Friday of each month"),
        N_("last Saturday of each month"),
        N_("last Sunday of each month"),
    ),
}
WEEKLY_WORDS = (
    N_("every Monday"),
    N_("every Tuesday"),
    N_("every Wednesday"),
    N_("every Thursday"),
    N_("every Friday"),
    N_("every Saturday"),
    N_("every Sunday"),
)


@dataclass(frozen=True)
class SeriesResult:
    series_id: int
    rule: str
    meetings: tuple[MeetingSummary, ...]


def monthly_weekday_rule(ordinal: int, weekday: int) -> str:
    """``monthly_weekday_rule(1, 1)`` → first Tuesday of each month."""
    if ordinal not in ORDINALS:
        raise UserError(_("repeat: choose first, second, third, fourth or last"))
    return f"FREQ=MONTHLY;BYDAY={ordinal}{WEEKDAYS[weekday]}"


def weekly_rule(weekday: int, *, interval: int = 1) -> str:
    return f"FREQ=WEEKLY;INTERVAL={interval};BYDAY={WEEKDAYS[weekday]}"


def _every_weeks(weekday: int, interval: int) -> str:
    """"every 2 weeks on Tuesday": one plural message a weekday (the day's case differs)."""
    messages = (
        ngettext("every {count} week on Monday", "every {count} weeks on Monday", interval),
        ngettext("every {count} week on Tuesday", "every {count} weeks on Tuesday", interval),
        ngettext("every {count} week on Wednesday", "every {count} weeks on Wednesday", interval),
        ngettext("every {count} week on Thursday", "every {count} weeks on Thursday", interval),
        ngettext("every {count} week on Friday", "every {count} weeks on Friday", interval),
        ngettext("every {count} week on Saturday", "every {count} weeks on Saturday", interval),
        ngettext("every {count} week on Sunday", "every {count} weeks on Sunday", interval),
    )
    return messages[weekday].format(count=interval)


def describe_rule(rule: str) -> str:
    """A sentence a secretary recognises, in the reader's language; falls back to the rule itself."""
    parts = dict(p.split("=", 1) for p in rule.upper().split(";") if "=" in p)
    byday = parts.get("BYDAY", "")
    day = byday[-2:]
    if day in WEEKDAYS:
        weekday = WEEKDAYS.index(day)
        ordinal = byday[:-2].lstrip("+")
        if parts.get("FREQ") == "MONTHLY" and ordinal.lstrip("-").isdigit():
            words = MONTHLY_WORDS.get(int(ordinal))
            return _(words[weekday]) if words else rule
        if parts.get("FREQ") == "WEEKLY":
            interval = int(parts.get("INTERVAL", "1"))
            return _(WEEKLY_WORDS[weekday]) if interval == 1 else _every_weeks(weekday, interval)
    return rule


def occurrences(rule: str, *, first_day: date, at: time, count: int | None = None,
                until: date | None = None) -> list[datetime]:
    """The start times a rule gives from ``first_day`` on (inclusive), at most MAX_OCCURRENCES."""
    if count is None and until is None:
        raise UserError(_("repeat: give a number of meetings or an end date"))
    if count is not None and not 1 <= count <= MAX_OCCURRENCES:
        raise UserError(_("repeat: between 1 and {most} meetings at a time").format(most=MAX_OCCURRENCES))
    try:
        parsed = rrulestr(rule, dtstart=datetime.combine(first_day, at))
    except (ValueError, TypeError) as exc:
        raise UserError(_("repeat rule {rule!r} is not understood: {problem}").format(rule=rule, problem=exc)) from None
    out: list[datetime] = []
    limit = datetime.combine(until, time.max) if until else None
    for start in parsed:
        if limit and start > limit:
            break
        out.append(start)
        if len(out) == (count or MAX_OCCURRENCES):
            break
    if not out:
        raise UserError(_("repeat: the rule gives no meetings in that period"))
    return out


def create_series(
    session: Session,
    *,
    title: str,
    rule: str,
    first_day: date,
    at: time,
    length: timedelta | None = timedelta(hours=2),
    count: int | None = None,
    until: date | None = None,
    kind: str = "general",
    venue: str | None = None,
    chair_id: int | None = None,
    minute_taker_id: int | None = None,
) -> SeriesResult:
    """Create the series and one planned meeting per occurrence."""
    starts = occurrences(rule, first_day=first_day, at=at, count=count, until=until)
    series = MeetingSeries(title=title.strip() or "Meeting", rule=rule, kind=_kind(kind),
                           venue=(venue or "").strip() or None)
    session.add(series)
    session.flush()
    meetings = tuple(
        add_meeting(session, title=title, starts_at=s, ends_at=s + length if length else None,
                    venue=venue, kind=kind, series_id=series.id, chair_id=chair_id,
                    minute_taker_id=minute_taker_id)
        for s in starts
    )
    return SeriesResult(series_id=series.id, rule=rule, meetings=meetings)


def series_description(session: Session, series_id: int | None) -> str | None:
    """The words for a meeting's series ("first Tuesday of each month"), None without one."""
    if series_id is None:
        return None
    series = session.get(MeetingSeries, series_id)
    return describe_rule(series.rule) if series else None


def plan_meetings(
    session: Session,
    values: dict[str, object],
    *,
    repeat_rule: str | None = None,
    repeat_count: int = 1,
    use_template: bool = False,
) -> list[int]:
    """What "New meeting" does: one meeting or a series, optionally with the agenda template.

    ``values`` are the meeting form's fields (title, kind, starts_at, ends_at, venue,
    chair_id, minute_taker_id, notes). Returns the new meetings' ids in start order.
    """
    from communitydesk.services.meetings.agenda import apply_agenda_template
    from communitydesk.services.meetings.planning import update_meeting
    from communitydesk.services.settings.group_settings import load_settings

    starts = values["starts_at"]
    if not isinstance(starts, datetime):
        raise UserError(_("starts: a meeting needs a start date and time"))
    ends = values.get("ends_at")
    people = {k: values.get(k) for k in ("chair_id", "minute_taker_id")}
    if repeat_rule:
        result = create_series(
            session, title=str(values["title"]), rule=repeat_rule, first_day=starts.date(),
            at=starts.time(), count=repeat_count, kind=str(values.get("kind") or "general"),
            length=(ends - starts) if isinstance(ends, datetime) else None,
            venue=values.get("venue"), **people,  # type: ignore[arg-type]
        )
        ids = [m.id for m in result.meetings]
    else:
        meeting = add_meeting(session, title=str(values["title"]), starts_at=starts,
                              ends_at=ends if isinstance(ends, datetime) else None,
                              venue=values.get("venue"),  # type: ignore[arg-type]
                              kind=str(values.get("kind") or "general"), **people)  # type: ignore[arg-type]
        ids = [meeting.id]
    if values.get("notes"):
        for meeting_id in ids:
            update_meeting(session, meeting_id, {"notes": values["notes"]})
    if use_template:
        template = load_settings(session).agenda_template
        for meeting_id in ids:
            apply_agenda_template(session, meeting_id, template)
    return ids
