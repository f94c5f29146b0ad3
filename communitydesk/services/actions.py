"""Action items: the basic queries. The meetings capability builds matters arising on these."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from communitydesk.db.models import ActionItem, ActionStatus, Meeting, Member
from communitydesk.services.ids import ActionId
from communitydesk.services.meetings import load_meeting


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

    def is_overdue(self, today: date) -> bool:
        return self.status == ActionStatus.OPEN.value and self.due_on is not None and self.due_on < today


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
        meeting_date=starts.date() if starts else None,
    )


def open_actions_before(session: Session, meeting_id: int) -> list[ActionSummary]:
    """Open actions raised at meetings that started before this one (matters arising)."""
    meeting = load_meeting(session, meeting_id)
    query, raised = _query()
    query = query.where(ActionItem.status == ActionStatus.OPEN, raised.starts_at < meeting.starts_at)
    query = query.order_by(raised.starts_at, ActionItem.id)
    return [_summary(r) for r in session.execute(query)]


def actions_raised_at(session: Session, meeting_id: int) -> list[ActionSummary]:
    query, _ = _query()
    query = query.where(ActionItem.meeting_id == meeting_id).order_by(ActionItem.id)
    return [_summary(r) for r in session.execute(query)]
