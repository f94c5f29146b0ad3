"""Action items: raise, list, close. Matters arising builds on these (services.meetings.matters_arising)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased
from sqlalchemy.orm.exc import StaleDataError

from communitydesk.db.models import ActionItem, AgendaItem, Meeting, Member
from communitydesk.domain import ActionStatus
from communitydesk.errors import ConflictError, UserError
from communitydesk.i18n import _
from communitydesk.services.core.ids import ActionId
from communitydesk.services.core.lookup import fetch, not_found
from communitydesk.services.meetings.planning import load_meeting

EDITABLE_ACTION_FIELDS = ("description", "owner_id", "due_on")


@dataclass(frozen=True)
class ActionSummary:
    id: ActionId
    description: str
    owner_id: int | None
    owner_name: str | None
    due_on: date | None
    status: str
    meeting_id: int | None
    meeting_title: str | None
    meeting_date: date | None
    agenda_item_id: int | None = None
    closed_at_meeting_id: int | None = None
    note: str | None = None
    version: int = 1

    def is_overdue(self, today: date) -> bool:
        return self.status == ActionStatus.OPEN.value and self.due_on is not None and self.due_on < today

    def to_json(self) -> dict:
        return {
            "id": self.id, "description": self.description, "owner_id": self.owner_id,
            "owner_name": self.owner_name, "due_on": self.due_on, "status": self.status,
            "meeting_id": self.meeting_id, "meeting_title": self.meeting_title,
            "meeting_date": self.meeting_date, "agenda_item_id": self.agenda_item_id,
            "closed_at_meeting_id": self.closed_at_meeting_id, "note": self.note,
        }


def _query():
    raised = aliased(Meeting)
    return (
        select(ActionItem, Member.first_name, Member.last_name, raised.title, raised.starts_at)
        .outerjoin(Member, Member.id == ActionItem.owner_id)
        .outerjoin(raised, raised.id == ActionItem.meeting_id)
    ), raised


def _summary(row) -> ActionSummary:  # noqa: ANN001 - a result row
    action, first, last, title, starts = row
    owner = " ".join(p for p in (first, last) if p) or None
    return ActionSummary(
        id=ActionId(action.id), description=action.description, owner_id=action.owner_id,
        owner_name=owner, due_on=action.due_on, status=action.status.value,
        meeting_id=action.meeting_id, meeting_title=title,
        meeting_date=starts.date() if starts else None, agenda_item_id=action.agenda_item_id,
        closed_at_meeting_id=action.closed_at_meeting_id, note=action.note, version=action.version,
    )


def open_actions_before(session: Session, meeting_id: int) -> list[ActionSummary]:
    """Open actions raised at earlier meetings in scope: matters arising, as printed.

    Scope as on the Meetings screen (services.meetings.matters_arising): a meeting in a series sees
    its series' earlier meetings, a meeting without one sees every earlier meeting.
    """
    meeting = load_meeting(session, meeting_id)
    query, raised = _query()
    query = query.where(ActionItem.status == ActionStatus.OPEN, raised.starts_at < meeting.starts_at)
    if meeting.series_id is not None:
        query = query.where(raised.series_id == meeting.series_id)
    query = query.order_by(raised.starts_at, ActionItem.id)
    return [_summary(r) for r in session.execute(query)]


def actions_raised_at(session: Session, meeting_id: int) -> list[ActionSummary]:
    query, _columns = _query()
    query = query.where(ActionItem.meeting_id == meeting_id).order_by(ActionItem.id)
    return [_summary(r) for r in session.execute(query)]


def get_action(session: Session, action_id: int) -> ActionSummary:
    query, _columns = _query()
    row = session.execute(query.where(ActionItem.id == action_id)).first()
    if row is None:
        raise not_found(ActionItem, action_id)
    return _summary(row)


def list_actions(session: Session, *, open_only: bool = False, owner_id: int | None = None,
                 meeting_id: int | None = None) -> list[ActionSummary]:
    """Actions by due date (undated last), then when raised."""
    query, raised = _query()
    if open_only:
        query = query.where(ActionItem.status == ActionStatus.OPEN)
    if owner_id is not None:
        query = query.where(ActionItem.owner_id == owner_id)
    if meeting_id is not None:
        query = query.where(ActionItem.meeting_id == meeting_id)
    query = query.order_by(ActionItem.due_on.is_(None), ActionItem.due_on, raised.starts_at, ActionItem.id)
    return [_summary(r) for r in session.execute(query)]


def _check_owner(session: Session, owner_id: int | None) -> None:
    if owner_id is not None and session.get(Member, owner_id) is None:
        raise UserError(_("owner: no member with id {id}").format(id=owner_id))


def add_action(
    session: Session,
    *,
    meeting_id: int,
    description: str,
    owner_id: int | None = None,
    due_on: date | None = None,
    agenda_item_id: int | None = None,
) -> ActionSummary:
    """Raise an action at a meeting (optionally under one agenda item)."""
    from communitydesk.services.meetings.agenda import ensure_minutes_open

    meeting = load_meeting(session, meeting_id)
    ensure_minutes_open(meeting)
    description = (description or "").strip()
    if not description:
        raise UserError(_("description: an action needs a description"))
    _check_owner(session, owner_id)
    if agenda_item_id is not None:
        item = session.get(AgendaItem, agenda_item_id)
        if item is None or item.meeting_id != meeting_id:
            raise UserError(_("agenda item {agenda_item_id} is not on meeting {meeting_id}").format(agenda_item_id=agenda_item_id, meeting_id=meeting_id))
    action = ActionItem(description=description, owner_id=owner_id, due_on=due_on,
                        meeting_id=meeting_id, agenda_item_id=agenda_item_id)
    session.add(action)
    session.flush()
    _carry_forward_from(session, meeting_id)
    return get_action(session, action.id)


def _carry_forward_from(session: Session, meeting_id: int | None) -> None:
    """An open action now exists at this meeting: later meetings list it as a matter arising
    (the rule is in services.meetings.matters_arising, which builds on this module)."""
    if meeting_id is None:
        return
    from communitydesk.services.meetings.matters_arising import carry_into_later_meetings

    carry_into_later_meetings(session, meeting_id)


def _load(session: Session, action_id: int, expected_version: int | None,
          mine: dict[str, object]) -> ActionItem:
    action = fetch(session, ActionItem, action_id)
    if expected_version is not None and action.version != expected_version:
        theirs = {k: getattr(action, k) for k in (*EDITABLE_ACTION_FIELDS, "status")}
        theirs["status"] = action.status.value
        raise ConflictError(_("the action {description!r} was changed by someone else").format(description=action.description),
                            mine=mine, theirs=theirs)
    return action


def _flush(session: Session, action: ActionItem) -> ActionSummary:
    try:
        session.flush()
    except StaleDataError:
        session.rollback()
        raise ConflictError(_("this action was changed by someone else")) from None
    return get_action(session, action.id)


def update_action(session: Session, action_id: int, changes: dict[str, object], *,
                  expected_version: int | None = None) -> ActionSummary:
    for key in changes:
        if key not in EDITABLE_ACTION_FIELDS:
            raise UserError(_("unknown action field {key!r}").format(key=key))
    if "description" in changes and not str(changes["description"] or "").strip():
        raise UserError(_("description: an action needs a description"))
    action = _load(session, action_id, expected_version, dict(changes))
    _check_owner(session, changes.get("owner_id"))  # type: ignore[arg-type]
    for key, value in changes.items():
        setattr(action, key, value.strip() if isinstance(value, str) else value)
    return _flush(session, action)


def close_action(session: Session, action_id: int, *, status: str, at_meeting_id: int | None = None,
                 note: str | None = None, expected_version: int | None = None) -> ActionSummary:
    """Mark done or dropped (recording at which meeting), or ``open`` to reopen."""
    try:
        new = ActionStatus(status)
    except ValueError:
        raise UserError(_("status: {status!r} is not done, dropped or open").format(status=status)) from None
    action = _load(session, action_id, expected_version, {"status": new.value})
    if at_meeting_id is not None:
        load_meeting(session, at_meeting_id)
    action.status = new
    if new == ActionStatus.OPEN:
        action.closed_at = None
        action.closed_at_meeting_id = None
    else:
        action.closed_at = datetime.now().replace(microsecond=0)
        action.closed_at_meeting_id = at_meeting_id
    if note is not None:
        action.note = note.strip() or None
    summary = _flush(session, action)
    if new == ActionStatus.OPEN:
        _carry_forward_from(session, action.meeting_id)
    return summary
