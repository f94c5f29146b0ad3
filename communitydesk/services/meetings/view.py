"""Everything the Meetings screen shows, gathered in one read per user action.

Opening a meeting used to read its row nine times across five sessions (header,
agenda tab, minutes tab, matters arising, approval choices each on its own); one
call here returns one frozen ``MeetingView`` from one session. The pickers'
member names come from ``member_choices``, loaded only when a picker is used.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from communitydesk.db.models import Member
from communitydesk.services.core.names import person_name
from communitydesk.services.core.text import fold
from communitydesk.services.meetings.actions import ActionSummary, list_actions
from communitydesk.services.meetings.agenda import AgendaEntry, list_agenda
from communitydesk.services.meetings.matters_arising import is_arising_title, matters_arising
from communitydesk.services.meetings.minutes import (
    ApprovalChoices,
    MinutesApproval,
    approval_choices,
    minutes_approval,
)
from communitydesk.services.meetings.planning import MeetingDetail, get_meeting_detail
from communitydesk.services.meetings.rows import MeetingRow, list_meeting_rows
from communitydesk.services.meetings.series import series_description
from communitydesk.services.settings.group_settings import load_settings


@dataclass(frozen=True)
class MeetingView:
    """One meeting as its editor shows it: header, agenda, minutes and matters arising."""

    detail: MeetingDetail
    approval: MinutesApproval
    choices: ApprovalChoices
    repeats: str | None
    agenda: tuple[AgendaEntry, ...]
    arising_by_item: dict[int, tuple[ActionSummary, ...]]  # agenda item id -> actions under it
    arising: tuple[ActionSummary, ...]  # open actions from earlier meetings, to resolve here
    raised: tuple[ActionSummary, ...]  # actions raised in this meeting's minutes


def meeting_view(session: Session, meeting_id: int, *, today: date) -> MeetingView:
    """The whole editor's data for one meeting, from one session."""
    detail = get_meeting_detail(session, meeting_id)
    agenda = tuple(list_agenda(session, meeting_id))
    arising = tuple(matters_arising(session, meeting_id))
    # as agenda_with_arising: the actions sit under the first "Matters arising" item
    under = next((entry.id for entry in agenda if is_arising_title(entry.title)), None)
    return MeetingView(
        detail=detail,
        approval=minutes_approval(session, meeting_id),
        choices=approval_choices(session, meeting_id, today=today),
        repeats=series_description(session, detail.series_id),
        agenda=agenda,
        arising_by_item={under: arising} if under is not None and arising else {},
        arising=arising,
        raised=tuple(list_actions(session, meeting_id=meeting_id)),
    )


@dataclass(frozen=True)
class MeetingsList:
    """The Meetings list, and whether anything is planned (else it opens on past meetings)."""

    rows: tuple[MeetingRow, ...]


def meetings_list(session: Session, *, today: date) -> MeetingsList:
    return MeetingsList(rows=tuple(list_meeting_rows(session, today=today)))


def default_venue(session: Session) -> str:
    """Where a new meeting is held unless the organiser says otherwise."""
    return load_settings(session).default_venue


@dataclass(frozen=True)
class MemberChoice:
    member_id: int
    label: str  # the person's name, with "(#id)" when two people share it
    folded: str  # the label without accents or case, for matching what is typed


def member_choices(session: Session) -> tuple[MemberChoice, ...]:
    """Every current member who can chair, take minutes or own an action, in name order.

    One narrow query (ids and name columns only), run when a picker is first used.
    """
    rows = session.execute(
        select(Member.id, Member.first_name, Member.last_name, Member.preferred_name)
        .where(Member.archived_at.is_(None), Member.anonymised_at.is_(None))
        .order_by(Member.last_name, Member.first_name, Member.id)
    ).all()
    names = [person_name(r.first_name, r.last_name, r.preferred_name) for r in rows]
    twice = {n for n, c in Counter(fold(n) for n in names).items() if c > 1}
    labels = [(r.id, f"{n} (#{r.id})" if fold(n) in twice else n) for r, n in zip(rows, names, strict=True)]
    return tuple(MemberChoice(member_id, label, fold(label)) for member_id, label in labels)
