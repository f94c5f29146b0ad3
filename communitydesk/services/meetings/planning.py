"""Meetings: plan, list, cancel. Times are local wall-clock (see settings.timezone)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from communitydesk.db.models import AgendaItem, Meeting, Member
from communitydesk.domain import MeetingKind, MeetingStatus
from communitydesk.errors import ConflictError, UserError
from communitydesk.i18n import _
from communitydesk.io import dates as io_dates
from communitydesk.services.core.ids import MeetingId
from communitydesk.services.core.lookup import fetch


@dataclass(frozen=True)
class MeetingSummary:
    id: MeetingId
    title: str
    kind: str
    starts_at: datetime
    ends_at: datetime | None
    venue: str | None
    status: str
    series_id: int | None = None

    def to_json(self) -> dict:
        return {
            "id": self.id, "title": self.title, "kind": self.kind, "starts_at": self.starts_at,
            "ends_at": self.ends_at, "venue": self.venue, "status": self.status,
            "series_id": self.series_id,
        }


def parse_when(text: str, *, field: str = "date") -> datetime:
    """ISO or day-first date and time: the one parser in ``communitydesk.io.dates``."""
    return io_dates.parse_when(text, field=field)


def parse_day(text: str, *, field: str = "date") -> date:
    """ISO or day-first date: the one parser in ``communitydesk.io.dates``."""
    return io_dates.parse_day(text, field=field)


def _kind(value: str | MeetingKind) -> MeetingKind:
    try:
        return MeetingKind(str(value).lower())
    except ValueError:
        allowed = ", ".join(k.value for k in MeetingKind)
        raise UserError(_("kind: {value!r} is not one of {allowed}").format(value=value, allowed=allowed)) from None


def summarise(meeting: Meeting) -> MeetingSummary:
    return MeetingSummary(
        id=MeetingId(meeting.id), title=meeting.title, kind=meeting.kind.value,
        starts_at=meeting.starts_at, ends_at=meeting.ends_at, venue=meeting.venue,
        status=meeting.status.value, series_id=meeting.series_id,
    )


def add_meeting(
    session: Session,
    *,
    title: str,
    starts_at: datetime,
    ends_at: datetime | None = None,
    venue: str | None = None,
    kind: str | MeetingKind = MeetingKind.GENERAL,
    status: MeetingStatus = MeetingStatus.PLANNED,
    series_id: int | None = None,
    chair_id: int | None = None,
    minute_taker_id: int | None = None,
) -> MeetingSummary:
    title = (title or "").strip()
    if not title:
        raise UserError(_("title: a meeting needs a title"))
    if ends_at is not None and ends_at < starts_at:
        raise UserError(_("ends: the meeting cannot end before it starts"))
    meeting = Meeting(
        title=title, starts_at=starts_at, ends_at=ends_at, venue=(venue or "").strip() or None,
        kind=_kind(kind), status=status, series_id=series_id, chair_id=chair_id,
        minute_taker_id=minute_taker_id,
    )
    session.add(meeting)
    session.flush()
    _carry_forward_into(session, meeting.id)
    return summarise(meeting)


def _carry_forward_into(session: Session, meeting_id: int) -> None:
    """A new (or moved) meeting takes the open actions from earlier meetings: the rule lives
    in services.meetings.matters_arising, imported here on use because that module builds on this one."""
    from communitydesk.services.meetings.matters_arising import carry_forward_open_actions

    carry_forward_open_actions(session, meeting_id)


def load_meeting(session: Session, meeting_id: int) -> Meeting:
    meeting = fetch(session, Meeting, meeting_id)
    return meeting


def get_meeting(session: Session, meeting_id: int) -> MeetingSummary:
    return summarise(load_meeting(session, meeting_id))


def list_meetings(
    session: Session, *, from_date: date | None = None, to_date: date | None = None
) -> list[MeetingSummary]:
    """Meetings in start order; the period is inclusive on local start dates."""
    query = select(Meeting).order_by(Meeting.starts_at, Meeting.id)
    if from_date:
        query = query.where(Meeting.starts_at >= datetime.combine(from_date, time()))
    if to_date:
        query = query.where(Meeting.starts_at < datetime.combine(to_date + timedelta(days=1), time()))
    return [summarise(m) for m in session.scalars(query)]


def cancel_meeting(session: Session, meeting_id: int) -> MeetingSummary:
    meeting = load_meeting(session, meeting_id)
    meeting.status = MeetingStatus.CANCELLED
    session.flush()
    return summarise(meeting)


# --- editing one meeting (the Meetings screen's form) -------------------------------

EDITABLE_MEETING_FIELDS = (
    "title", "kind", "starts_at", "ends_at", "venue", "chair_id", "minute_taker_id", "status",
    "notes",
)


@dataclass(frozen=True)
class MeetingDetail:
    """Everything the meeting form shows, with the version it was loaded at."""

    id: MeetingId
    version: int
    title: str
    kind: str
    starts_at: datetime
    ends_at: datetime | None
    venue: str | None
    status: str
    chair_id: int | None
    chair_name: str | None
    minute_taker_id: int | None
    minute_taker_name: str | None
    series_id: int | None
    notes: str | None
    minutes_approved_at: datetime | None
    minutes_approved_at_meeting_id: int | None

    @property
    def minutes_approved(self) -> bool:
        return self.minutes_approved_at is not None

    def values(self) -> dict[str, object]:
        return {k: getattr(self, k) for k in EDITABLE_MEETING_FIELDS}


def _member_name(session: Session, member_id: int | None) -> str | None:
    if member_id is None:
        return None
    member = session.get(Member, member_id)
    if member is None:
        return None
    return " ".join(p for p in (member.preferred_name or member.first_name, member.last_name) if p)


def _detail(session: Session, meeting: Meeting) -> MeetingDetail:
    return MeetingDetail(
        id=MeetingId(meeting.id), version=meeting.version, title=meeting.title,
        kind=meeting.kind.value, starts_at=meeting.starts_at, ends_at=meeting.ends_at,
        venue=meeting.venue, status=meeting.status.value, chair_id=meeting.chair_id,
        chair_name=_member_name(session, meeting.chair_id),
        minute_taker_id=meeting.minute_taker_id,
        minute_taker_name=_member_name(session, meeting.minute_taker_id),
        series_id=meeting.series_id, notes=meeting.notes,
        minutes_approved_at=meeting.minutes_approved_at,
        minutes_approved_at_meeting_id=meeting.minutes_approved_at_meeting_id,
    )


def get_meeting_detail(session: Session, meeting_id: int) -> MeetingDetail:
    return _detail(session, load_meeting(session, meeting_id))


def _clean_meeting_values(session: Session, changes: dict[str, object]) -> dict[str, object]:
    out: dict[str, object] = {}
    for key, value in changes.items():
        if key not in EDITABLE_MEETING_FIELDS:
            raise UserError(_("unknown meeting field {key!r}").format(key=key))
        if isinstance(value, str):
            value = value.strip() or None
        out[key] = value
    if "title" in out and not out["title"]:
        raise UserError(_("title: a meeting needs a title"))
    if "kind" in out:
        out["kind"] = _kind(out["kind"] or MeetingKind.GENERAL)
    if "status" in out:
        try:
            out["status"] = MeetingStatus(str(out["status"]))
        except ValueError:
            raise UserError(_("status: {value!r} is not planned, held or cancelled").format(value=out['status'])) from None
    if "starts_at" in out and not isinstance(out["starts_at"], datetime):
        raise UserError(_("starts: a meeting needs a start date and time"))
    for key in ("chair_id", "minute_taker_id"):
        if out.get(key) is not None and session.get(Member, out[key]) is None:
            raise UserError(_("{field}: no member with id {value}").format(field=key.replace('_id', '').replace('_', '-'), value=out[key]))
    return out


def update_meeting(
    session: Session,
    meeting_id: int,
    changes: dict[str, object],
    *,
    expected_version: int | None = None,
) -> MeetingDetail:
    """Save the meeting form; if someone saved first, raise ConflictError with both versions."""
    meeting = load_meeting(session, meeting_id)
    cleaned = _clean_meeting_values(session, changes)
    if expected_version is not None and meeting.version != expected_version:
        raise ConflictError(
            _("the meeting {title!r} was changed by someone else while you were editing").format(title=meeting.title),
            mine=cleaned, theirs=_detail(session, meeting).values(),
        )
    starts = cleaned.get("starts_at", meeting.starts_at)
    ends = cleaned.get("ends_at", meeting.ends_at)
    if ends is not None and ends < starts:  # type: ignore[operator]
        raise UserError(_("ends: the meeting cannot end before it starts"))
    for key, value in cleaned.items():
        setattr(meeting, key, value)
    try:
        session.flush()
    except StaleDataError:
        session.rollback()
        theirs = get_meeting_detail(session, meeting_id)
        raise ConflictError(_("this meeting was changed by someone else while you were editing"),
                            mine=cleaned, theirs=theirs.values()) from None
    if "starts_at" in cleaned or "status" in cleaned:  # moved later, or un-cancelled
        _carry_forward_into(session, meeting_id)
    return _detail(session, meeting)


def duplicate_meeting(session: Session, meeting_id: int, *, starts_at: datetime,
                      title: str | None = None) -> MeetingSummary:
    """A new planned meeting like this one (same length, venue, people) with its agenda, no minutes."""
    source = load_meeting(session, meeting_id)
    length = (source.ends_at - source.starts_at) if source.ends_at else None
    copy = Meeting(
        title=(title or source.title).strip(), kind=source.kind, starts_at=starts_at,
        ends_at=starts_at + length if length is not None else None, venue=source.venue,
        chair_id=source.chair_id, minute_taker_id=source.minute_taker_id,
        series_id=source.series_id, for_tag_id=source.for_tag_id, status=MeetingStatus.PLANNED,
    )
    session.add(copy)
    session.flush()
    for item in source.agenda_items:
        session.add(AgendaItem(meeting_id=copy.id, position=item.position, title=item.title,
                               presenter=item.presenter, duration_minutes=item.duration_minutes))
    session.flush()
    session.refresh(copy)  # agenda_items as just written
    _carry_forward_into(session, copy.id)
    return summarise(copy)
