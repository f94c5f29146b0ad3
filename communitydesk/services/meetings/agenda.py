"""A meeting's agenda: ordered items with presenter and minutes allotted, running times,
templates. Minutes text and decisions live on the same rows (see services.meetings.minutes).

Once a meeting's minutes are approved, its agenda is read-only until reopened.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from communitydesk.db.models import AgendaItem, Meeting
from communitydesk.errors import ConflictError, UserError
from communitydesk.i18n import _
from communitydesk.services.core.lookup import fetch
from communitydesk.services.meetings.planning import load_meeting

EDITABLE_ITEM_FIELDS = ("title", "presenter", "duration_minutes", "minutes", "decision")


@dataclass(frozen=True)
class AgendaEntry:
    """One agenda row with its running start and end time (from the meeting's start)."""

    id: int
    meeting_id: int
    position: int
    title: str
    presenter: str | None
    duration_minutes: int | None
    minutes: str | None
    decision: str | None
    version: int
    starts_at: datetime
    ends_at: datetime

    def values(self) -> dict[str, object]:
        return {k: getattr(self, k) for k in EDITABLE_ITEM_FIELDS}

    def to_json(self) -> dict:
        return {
            "id": self.id, "meeting_id": self.meeting_id, "position": self.position,
            "title": self.title, "presenter": self.presenter,
            "duration_minutes": self.duration_minutes, "minutes": self.minutes,
            "decision": self.decision, "starts_at": self.starts_at, "ends_at": self.ends_at,
        }


def ensure_minutes_open(meeting: Meeting) -> None:
    if meeting.minutes_approved_at is not None:
        raise UserError(
            _("the minutes of {title!r} ({starts_at:%Y-%m-%d}) are approved and read-only; reopen them first").format(title=meeting.title, starts_at=meeting.starts_at)
        )


def _items(session: Session, meeting_id: int) -> list[AgendaItem]:
    query = select(AgendaItem).where(AgendaItem.meeting_id == meeting_id)
    return list(session.scalars(query.order_by(AgendaItem.position, AgendaItem.id)))


def list_agenda(session: Session, meeting_id: int) -> list[AgendaEntry]:
    meeting = load_meeting(session, meeting_id)
    clock = meeting.starts_at
    out = []
    for item in _items(session, meeting_id):
        end = clock + timedelta(minutes=item.duration_minutes or 0)
        out.append(AgendaEntry(
            id=item.id, meeting_id=item.meeting_id, position=item.position, title=item.title,
            presenter=item.presenter, duration_minutes=item.duration_minutes, minutes=item.minutes,
            decision=item.decision, version=item.version, starts_at=clock, ends_at=end,
        ))
        clock = end
    return out


def _renumber(items: list[AgendaItem]) -> None:
    for position, item in enumerate(items, start=1):
        if item.position != position:
            item.position = position


def _clean_item(changes: dict[str, object]) -> dict[str, object]:
    out: dict[str, object] = {}
    for key, value in changes.items():
        if key not in EDITABLE_ITEM_FIELDS:
            raise UserError(_("unknown agenda item field {key!r}").format(key=key))
        if key in ("title", "presenter") and isinstance(value, str):
            value = value.strip() or None
        if key in ("minutes", "decision") and isinstance(value, str) and not value.strip():
            value = None  # minutes text is otherwise kept exactly as typed
        out[key] = value
    if "title" in out and not out["title"]:
        raise UserError(_("title: an agenda item needs a title"))
    if "duration_minutes" in out and out["duration_minutes"] is not None:
        try:
            minutes = int(out["duration_minutes"])  # type: ignore[call-overload]
        except (TypeError, ValueError):
            raise UserError(_("minutes: {value!r} is not a number of minutes").format(value=out['duration_minutes'])) from None
        if not 0 <= minutes <= 24 * 60:
            raise UserError(_("minutes: between 0 and 1440 minutes"))
        out["duration_minutes"] = minutes or None
    return out


def add_agenda_item(
    session: Session,
    meeting_id: int,
    *,
    title: str,
    presenter: str | None = None,
    duration_minutes: int | None = None,
    position: int | None = None,
) -> AgendaEntry:
    """Append an item (or insert it at ``position``, 1-based)."""
    meeting = load_meeting(session, meeting_id)
    ensure_minutes_open(meeting)
    values = _clean_item({"title": title, "presenter": presenter, "duration_minutes": duration_minutes})
    items = _items(session, meeting_id)
    item = AgendaItem(meeting_id=meeting_id, position=len(items) + 1, **values)
    session.add(item)
    index = len(items) if position is None else max(0, min(position - 1, len(items)))
    items.insert(index, item)
    _renumber(items)
    session.flush()
    return next(e for e in list_agenda(session, meeting_id) if e.id == item.id)


def _load_item(session: Session, item_id: int) -> AgendaItem:
    item = fetch(session, AgendaItem, item_id)
    return item


def update_agenda_item(
    session: Session,
    item_id: int,
    changes: dict[str, object],
    *,
    expected_version: int | None = None,
) -> AgendaEntry:
    """Save one item; a stale ``expected_version`` raises ConflictError with both versions."""
    item = _load_item(session, item_id)
    ensure_minutes_open(item.meeting)
    cleaned = _clean_item(changes)
    theirs = {k: getattr(item, k) for k in EDITABLE_ITEM_FIELDS}
    if expected_version is not None and item.version != expected_version:
        raise ConflictError(_("the agenda item {title!r} was changed by someone else").format(title=item.title),
                            mine=cleaned, theirs=theirs)
    for key, value in cleaned.items():
        setattr(item, key, value)
    try:
        session.flush()
    except StaleDataError:
        session.rollback()
        raise ConflictError(_("this agenda item was changed by someone else"),
                            mine=cleaned, theirs=theirs) from None
    return next(e for e in list_agenda(session, item.meeting_id) if e.id == item.id)


def remove_agenda_item(session: Session, item_id: int) -> None:
    item = _load_item(session, item_id)
    ensure_minutes_open(item.meeting)
    meeting_id = item.meeting_id
    session.delete(item)
    session.flush()
    _renumber(_items(session, meeting_id))
    session.flush()


def reorder_agenda(session: Session, meeting_id: int, ordered_ids: list[int]) -> list[AgendaEntry]:
    """Put the items in the given order (every item of the meeting, once)."""
    meeting = load_meeting(session, meeting_id)
    ensure_minutes_open(meeting)
    items = {i.id: i for i in _items(session, meeting_id)}
    if sorted(ordered_ids) != sorted(items):
        raise UserError(_("reorder: the list must name every agenda item of the meeting once"))
    _renumber([items[i] for i in ordered_ids])
    session.flush()
    return list_agenda(session, meeting_id)


def move_agenda_item(session: Session, item_id: int, offset: int) -> list[AgendaEntry]:
    """Move an item up (negative) or down (positive), clamped at the ends."""
    item = _load_item(session, item_id)
    ids = [i.id for i in _items(session, item.meeting_id)]
    old = ids.index(item_id)
    new = max(0, min(len(ids) - 1, old + offset))
    ids.insert(new, ids.pop(old))
    return reorder_agenda(session, item.meeting_id, ids)


def apply_agenda_template(session: Session, meeting_id: int, titles: tuple[str, ...] | list[str]
                          ) -> list[AgendaEntry]:
    """Append the template's items that the agenda does not have yet (by title).

    When every item already there is a template item (say the "Matters arising" the
    meetings service carried in), the whole agenda takes the template's order, so it
    follows "Minutes of the last meeting" as the template has it.
    """
    meeting = load_meeting(session, meeting_id)
    ensure_minutes_open(meeting)
    items = _items(session, meeting_id)
    have = {i.title.casefold() for i in items}
    order = {t.strip().casefold(): n for n, t in enumerate(titles) if t.strip()}
    only_template_items = all(i.title.casefold() in order for i in items)
    for title in titles:
        if title.strip() and title.strip().casefold() not in have:
            items.append(AgendaItem(meeting_id=meeting_id, position=len(items) + 1, title=title.strip()))
            session.add(items[-1])
            have.add(title.strip().casefold())
    if only_template_items:
        items.sort(key=lambda i: order[i.title.casefold()])
        _renumber(items)
    session.flush()
    return list_agenda(session, meeting_id)


def agenda_end(entries: list[AgendaEntry]) -> datetime | None:
    return entries[-1].ends_at if entries else None
