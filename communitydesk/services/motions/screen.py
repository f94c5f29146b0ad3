"""What the Motions panel shows for one meeting, in one read."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from communitydesk.db.models import AgendaItem
from communitydesk.services.motions.elections import Election, list_elections
from communitydesk.services.motions.motions import MotionView, list_motions
from communitydesk.services.motions.quorum import Quorum, meeting_quorum


@dataclass(frozen=True)
class MotionsScreen:
    meeting_id: int
    motions: tuple[MotionView, ...]
    agenda_items: tuple[tuple[int, str], ...]  # (id, "3. Accounts")
    quorum: Quorum
    elections: tuple[Election, ...]


def motions_screen(session: Session, meeting_id: int) -> MotionsScreen:
    items = session.execute(select(AgendaItem.id, AgendaItem.position, AgendaItem.title)
                            .where(AgendaItem.meeting_id == meeting_id).order_by(AgendaItem.position))
    return MotionsScreen(
        meeting_id=meeting_id, motions=tuple(list_motions(session, meeting_id)),
        agenda_items=tuple((i.id, f"{n}. {i.title}") for n, i in enumerate(items, 1)),
        quorum=meeting_quorum(session, meeting_id), elections=tuple(list_elections(session, meeting_id)))
