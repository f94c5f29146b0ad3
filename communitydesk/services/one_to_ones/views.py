"""What the one-to-ones screens show, each read in one go so a screen opens with one session.

The window loads these on a worker thread (``ctx.ops.read``) and gets frozen
values back: the people a picker offers (labels already written, so 20,000
names cost the UI thread nothing), the follow-up queue with its organiser
filter, and everything the log/edit form needs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from communitydesk.services.core.gc_pause import gc_paused
from communitydesk.services.core.ids import MemberId
from communitydesk.services.core.names import person_name
from communitydesk.services.members.records import MemberSummary, list_members
from communitydesk.services.one_to_ones.conversations import OneToOneRecord, get_one_to_one
from communitydesk.services.one_to_ones.follow_ups import FollowUp, follow_ups_due, list_organisers
from communitydesk.services.settings.group_settings import load_settings


def member_label(member: MemberSummary) -> str:
    """"Kasia Nowak  (#12)": the name people use, and the id that tells namesakes apart."""
    return f"{person_name(member.first_name, member.last_name, member.preferred_name)}  (#{member.id})"


@dataclass(frozen=True)
class MemberChoices:
    """The people a picker offers, in list order: ids, labels and ladder stages side by side."""

    ids: tuple[MemberId, ...] = ()
    labels: tuple[str, ...] = ()
    stages: tuple[str | None, ...] = ()


def member_choices(session: Session, *, status: str | None = None) -> MemberChoices:
    """Members by surname (``status="active"`` for "who decided" and "who follows up")."""
    members = list_members(session, status=status)
    return MemberChoices(ids=tuple(MemberId(m.id) for m in members),
                         labels=tuple(member_label(m) for m in members),
                         stages=tuple(m.ladder_stage for m in members))


@dataclass(frozen=True)
class FollowUpQueueView:
    """The queue for one date and organiser, and everyone the organiser filter can offer."""

    organisers: tuple[tuple[MemberId, str], ...]
    rows: tuple[FollowUp, ...]


def follow_up_queue_view(session: Session, *, on: date, organiser_id: int | None,
                         within_days: int) -> FollowUpQueueView:
    """Thousands of overdue rows on a big group: built with the cycle collector paused, which
    otherwise walks the window's whole heap while holding the GIL and stalls the UI thread."""
    with gc_paused():
        return FollowUpQueueView(
            organisers=tuple(list_organisers(session)),
            rows=tuple(follow_ups_due(session, on=on, organiser_id=organiser_id, within_days=within_days)))


@dataclass(frozen=True)
class OneToOneForm:
    """Everything the log/edit form shows: the people, the stages, the prompts, the record."""

    people: MemberChoices
    ladder_stages: tuple[str, ...]
    prompts: tuple[str, ...]
    record: OneToOneRecord | None


def one_to_one_form(session: Session, one_to_one_id: int | None = None) -> OneToOneForm:
    settings = load_settings(session)
    record = get_one_to_one(session, one_to_one_id) if one_to_one_id is not None else None
    return OneToOneForm(people=member_choices(session), ladder_stages=settings.ladder_stages,
                        prompts=settings.one_to_one_prompts, record=record)
