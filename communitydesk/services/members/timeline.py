"""A member's story with the group in one list: one-to-ones, meetings, actions owned, ladder moves.

The timeline is a list screen, so one-to-ones appear by date, organiser and next
step only; their confidential notes stay on the one-to-one itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from communitydesk.db.models import ActionItem, Attendance, Meeting, Member
from communitydesk.i18n import _
from communitydesk.services.core.lookup import fetch
from communitydesk.services.one_to_ones.conversations import list_one_to_ones
from communitydesk.services.one_to_ones.ladder import stage_history

KIND_ONE_TO_ONE = "one_to_one"
KIND_ATTENDANCE = "attendance"
KIND_ACTION = "action"
KIND_STAGE = "stage"
KIND_ORDER = {KIND_ONE_TO_ONE: 0, KIND_ATTENDANCE: 1, KIND_ACTION: 2, KIND_STAGE: 3}  # same-time ties
KIND_LABELS = {KIND_ONE_TO_ONE: "One-to-one", KIND_ATTENDANCE: "Meeting",
               KIND_ACTION: "Action", KIND_STAGE: "Ladder"}


@dataclass(frozen=True)
class TimelineEvent:
    at: datetime
    kind: str
    title: str
    detail: str = ""
    ref_id: int | None = None

    @property
    def on(self) -> date:
        return self.at.date()

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    def to_json(self) -> dict:
        return {"at": self.at, "kind": self.kind, "title": self.title, "detail": self.detail,
                "ref_id": self.ref_id}


def _noon(day: date) -> datetime:
    return datetime.combine(day, time(12))


def member_timeline(session: Session, member_id: int) -> list[TimelineEvent]:
    """Everything dated about one member, oldest first (ties: one-to-ones, meetings, actions, moves)."""
    fetch(session, Member, member_id)
    events: list[TimelineEvent] = []

    for c in list_one_to_ones(session, member_id=member_id):
        bits = [c.medium_label]
        if c.duration_minutes:
            bits.append(_("{minutes} min").format(minutes=c.duration_minutes))
        if c.next_step:
            bits.append(_("next step: {text}").format(text=c.next_step))
        if c.follow_up_on:
            bits.append((_("follow up {date} (done)") if c.follow_up_done_at else
                         _("follow up {date}")).format(date=c.follow_up_on.isoformat()))
        title = _("One-to-one with {name}").format(name=c.organiser_name) if c.organiser_name \
            else _("One-to-one")
        events.append(TimelineEvent(_noon(c.held_on), KIND_ONE_TO_ONE, title, " · ".join(bits), c.id))

    query = (select(Meeting.id, Meeting.title, Meeting.starts_at, Meeting.status, Attendance.status)
             .join(Attendance, Attendance.meeting_id == Meeting.id)
             .where(Attendance.member_id == member_id))
    for meeting_id, title, starts_at, meeting_status, status in session.execute(query):
        detail = _(status.value.capitalize())  # Present, Apologies, Absent: the window's words
        if meeting_status.value == "cancelled":
            detail = _("{status} (meeting cancelled)").format(status=detail)
        events.append(TimelineEvent(starts_at, KIND_ATTENDANCE, title, detail, meeting_id))

    query = (select(ActionItem.id, ActionItem.description, ActionItem.status, ActionItem.due_on,
                    ActionItem.created_at, Meeting.starts_at, Meeting.title)
             .outerjoin(Meeting, Meeting.id == ActionItem.meeting_id)
             .where(ActionItem.owner_id == member_id))
    for action_id, description, status, due_on, created_at, raised_at, meeting_title in session.execute(query):
        at = raised_at or created_at
        bits = [_(status.value.capitalize())]  # Open, Done, Dropped
        if due_on:
            bits.append(_("due {date}").format(date=due_on.isoformat()))
        if meeting_title:
            bits.append(_("raised at {meeting}").format(meeting=meeting_title))
        events.append(TimelineEvent(at, KIND_ACTION, description, " · ".join(bits), action_id))

    for move in stage_history(session, member_id):
        title = f"{move.from_stage} → {move.to_stage}" if move.from_stage \
            else _("Placed at {stage}").format(stage=move.to_stage)
        by = _("by {name}").format(name=move.changed_by_name) if move.changed_by_name else ""
        bits = [b for b in (move.reason, by) if b]
        events.append(TimelineEvent(move.changed_at, KIND_STAGE, title, " · ".join(bits), move.id))

    events.sort(key=lambda e: (e.at, KIND_ORDER[e.kind], e.ref_id or 0))
    return events
