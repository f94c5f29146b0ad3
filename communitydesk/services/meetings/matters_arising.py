"""Matters arising: open actions from earlier meetings, chased at the next one.

Scope: a meeting in a series sees the open actions raised at earlier meetings of
the same series; a meeting without a series sees those of every earlier meeting.
Each is resolved there as done, dropped (both recorded against this meeting, so
later meetings no longer list them) or carried on (still open, maybe a new date).

Carry-forward is a rule of the service, applied when things change, never when an
agenda is read: creating a meeting gives it a "Matters arising" item when open
actions from earlier meetings reach it, and raising (or reopening) an action gives
every later meeting it reaches that item. So the window, ``agenda list`` and the
printed agenda show the same thing whoever opened what, and reading never writes.
Meetings that are cancelled or whose minutes are approved are never changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from communitydesk.db.models import ActionItem, AgendaItem, Meeting
from communitydesk.domain import ActionStatus, MeetingStatus
from communitydesk.errors import UserError
from communitydesk.i18n import N_, _, available_languages, resolve_language, translator
from communitydesk.services.core.text import fold
from communitydesk.services.meetings.actions import (
    ActionSummary,
    _load,
    _query,
    _summary,
    close_action,
    get_action,
)
from communitydesk.services.meetings.agenda import AgendaEntry, list_agenda
from communitydesk.services.meetings.planning import load_meeting
from communitydesk.services.settings.group_settings import load_settings

ARISING_TITLE = N_("Matters arising")  # added in the group's language; found in any we ship
RESOLUTIONS = ("done", "dropped", "carry on")


@dataclass(frozen=True)
class CarriedForward:
    """The meeting's "Matters arising" item (None if it has none yet) and what goes under it."""

    meeting_id: int
    agenda_item_id: int | None
    actions: tuple[ActionSummary, ...]


@cache
def _arising_titles() -> tuple[str, ...]:
    """"matters arising", "sprawy wynikające z protokołu", …: the item's title in every language."""
    return tuple({fold(translator(code).gettext(ARISING_TITLE)) for code in available_languages()})


def is_arising_title(title: str) -> bool:
    folded = fold(title).strip()
    return folded.startswith(_arising_titles())


def matters_arising(session: Session, meeting_id: int) -> list[ActionSummary]:
    """Open actions from earlier meetings in scope, plus those already resolved at this meeting."""
    meeting = load_meeting(session, meeting_id)
    query, raised = _query()
    query = query.where(
        raised.starts_at < meeting.starts_at,
        raised.id != meeting.id,
        or_(ActionItem.status == ActionStatus.OPEN, ActionItem.closed_at_meeting_id == meeting.id),
    )
    if meeting.series_id is not None:
        query = query.where(raised.series_id == meeting.series_id)
    query = query.order_by(raised.starts_at, ActionItem.id)
    return [_summary(r) for r in session.execute(query)]


def _arising_item(session: Session, meeting_id: int) -> AgendaItem | None:
    items = session.query(AgendaItem).filter(AgendaItem.meeting_id == meeting_id)
    return next((i for i in items.order_by(AgendaItem.position) if is_arising_title(i.title)), None)


def carry_forward_open_actions(session: Session, meeting_id: int) -> CarriedForward:
    """Make sure a meeting with matters arising has that agenda item, and return the actions.

    The item goes after "Minutes of the last meeting" when there is one, else first.
    Approved minutes and cancelled meetings are never changed. A write: called by the
    services that create meetings and raise actions, never by a screen that shows one.
    """
    meeting = load_meeting(session, meeting_id)
    actions = tuple(matters_arising(session, meeting_id))
    item = _arising_item(session, meeting_id)
    if (item is None and actions and meeting.minutes_approved_at is None
            and meeting.status != MeetingStatus.CANCELLED):
        items = list(meeting.agenda_items)
        after = next((n for n, i in enumerate(items, start=1)
                      if fold(i.title).startswith("minutes of the last")), 0)
        title = translator(resolve_language(load_settings(session).language, use_environment=False)) \
            .gettext(ARISING_TITLE)  # an agenda item the room reads: the group's language
        item = AgendaItem(meeting_id=meeting_id, position=after + 1, title=title,
                          duration_minutes=5 + 2 * len(actions))
        items.insert(after, item)
        session.add(item)
        for position, each in enumerate(items, start=1):
            each.position = position
        session.flush()
    return CarriedForward(meeting_id=meeting_id, agenda_item_id=item.id if item else None,
                          actions=actions)


def carry_into_later_meetings(session: Session, raised_at_meeting_id: int) -> list[int]:
    """An open action was raised (or reopened) at this meeting: every later meeting that
    lists it as a matter arising gets the agenda item. Returns the meetings given one.

    Reach mirrors ``matters_arising``: later meetings without a series, and later meetings
    of the raising meeting's own series.
    """
    raised = load_meeting(session, raised_at_meeting_id)
    in_scope = Meeting.series_id.is_(None)
    if raised.series_id is not None:
        in_scope = or_(in_scope, Meeting.series_id == raised.series_id)
    later = session.scalars(
        select(Meeting.id).where(
            Meeting.starts_at > raised.starts_at, Meeting.id != raised.id, in_scope,
            Meeting.status != MeetingStatus.CANCELLED, Meeting.minutes_approved_at.is_(None),
        ).order_by(Meeting.starts_at, Meeting.id)
    ).all()
    if not later:
        return []
    have_item = {
        meeting_id for meeting_id, title in session.execute(
            select(AgendaItem.meeting_id, AgendaItem.title).where(AgendaItem.meeting_id.in_(later)))
        if is_arising_title(title)
    }
    given = []
    for meeting_id in later:
        if meeting_id not in have_item and carry_forward_open_actions(
                session, meeting_id).agenda_item_id is not None:
            given.append(meeting_id)
    return given


def resolve_arising(session: Session, action_id: int, *, at_meeting_id: int, resolution: str,
                    due_on: date | None = None, note: str | None = None,
                    expected_version: int | None = None) -> ActionSummary:
    """Done / dropped / carry on, decided at ``at_meeting_id``."""
    meeting = load_meeting(session, at_meeting_id)
    if resolution in ("done", "dropped"):
        return close_action(session, action_id, status=resolution, at_meeting_id=at_meeting_id,
                            note=note, expected_version=expected_version)
    if resolution != "carry on":
        raise UserError(_("resolution: {resolution!r} is not done, dropped or carry on").format(resolution=resolution))
    action = _load(session, action_id, expected_version, {"status": "open"})
    if action.status != ActionStatus.OPEN:
        action.status = ActionStatus.OPEN
        action.closed_at = None
        action.closed_at_meeting_id = None
    action.note = note.strip() if note and note.strip() else (
        _("Carried on at {title} on {date}").format(title=meeting.title, date=f"{meeting.starts_at:%Y-%m-%d}"))
    if due_on is not None:
        action.due_on = due_on
    session.flush()
    return get_action(session, action_id)


def agenda_with_arising(session: Session, meeting_id: int) -> list[tuple[AgendaEntry, list[ActionSummary]]]:
    """The agenda, each item paired with the actions listed under it (matters arising only)."""
    entries = list_agenda(session, meeting_id)
    arising = matters_arising(session, meeting_id)
    out = []
    placed = False
    for entry in entries:
        if not placed and is_arising_title(entry.title):
            out.append((entry, arising))
            placed = True
        else:
            out.append((entry, []))
    return out
