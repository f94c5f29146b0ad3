"""The leadership ladder: stages from settings, who stands where, and moving people up (or down).

Every move writes a ``StageChange`` (from, to, when, by whom, why, and the
one-to-one it followed, if any) and sets ``Member.ladder_stage``, so the board
shows today's picture and the member keeps the whole history.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from communitydesk.db.models import Member, StageChange
from communitydesk.domain import MemberStatus
from communitydesk.errors import UserError
from communitydesk.i18n import N_, _
from communitydesk.services.core.ids import MemberId
from communitydesk.services.core.lookup import fetch
from communitydesk.services.core.names import person_name
from communitydesk.services.core.text import fold, name_sort_key
from communitydesk.services.settings.group_settings import load_settings

NOT_PLACED = N_("Not yet placed")


@dataclass(frozen=True)
class LadderPerson:
    member_id: MemberId
    name: str
    status: str


@dataclass(frozen=True)
class LadderColumn:
    """One stage on the board. ``known`` is False for a stage no longer in settings."""

    stage: str | None
    title: str
    people: tuple[LadderPerson, ...]
    known: bool = True

    @property
    def count(self) -> int:
        return len(self.people)

    def to_json(self) -> dict:
        return {"stage": self.stage, "count": self.count,
                "people": [{"id": p.member_id, "name": p.name, "status": p.status} for p in self.people]}


@dataclass(frozen=True)
class StageMove:
    id: int
    member_id: MemberId
    from_stage: str | None
    to_stage: str
    changed_at: datetime
    changed_by_id: int | None
    changed_by_name: str | None
    reason: str | None
    one_to_one_id: int | None


def ladder_stages(session: Session) -> tuple[str, ...]:
    return load_settings(session).ladder_stages


def resolve_stage(session: Session, name: str, *, field: str = "stage") -> str:
    """The settings' spelling of a stage typed in any case ("activist" → "Activist")."""
    stages = ladder_stages(session)
    for stage in stages:
        if fold(stage) == fold(name.strip()):
            return stage
    raise UserError(_("{field}: “{name}” is not a ladder stage; the stages are {stages}").format(
        field=field, name=name, stages=", ".join(stages)))


def ladder_board(session: Session) -> list[LadderColumn]:
    """Columns in ladder order; people with no stage first, stages dropped from settings last.

    Everyone still in touch is on the board: people who have left, archived and
    anonymised records are not.
    """
    stages = ladder_stages(session)
    query = select(Member.id, Member.first_name, Member.last_name, Member.preferred_name,
                   Member.status, Member.ladder_stage).where(
        Member.anonymised_at.is_(None), Member.archived_at.is_(None),
        Member.status != MemberStatus.LEFT)
    session.flush()
    rows = sorted(session.connection().execute(query).all(),
                  key=lambda r: (*name_sort_key(r.last_name, r.first_name), r.id))
    by_fold = {fold(s): s for s in stages}
    grouped: dict[str | None, list[LadderPerson]] = {}
    for r in rows:
        stage = by_fold.get(fold(r.ladder_stage), r.ladder_stage) if r.ladder_stage else None
        person = LadderPerson(MemberId(r.id), person_name(r.first_name, r.last_name, r.preferred_name),
                              r.status.value)
        grouped.setdefault(stage, []).append(person)
    columns = [LadderColumn(None, _(NOT_PLACED), tuple(grouped.pop(None)))] if None in grouped else []
    columns += [LadderColumn(s, s, tuple(grouped.pop(s, ()))) for s in stages]
    columns += [LadderColumn(s, _("{stage} (not in settings)").format(stage=s), tuple(p), known=False)
                for s, p in sorted(grouped.items(), key=lambda kv: fold(kv[0] or ""))]
    return columns


def move_member(
    session: Session,
    member_id: int,
    *,
    to_stage: str,
    reason: str | None = None,
    changed_by_id: int | None = None,
    changed_at: datetime | None = None,
    one_to_one_id: int | None = None,
) -> StageMove | None:
    """Put someone on a stage, recording who, when and why. None if they are already there."""
    member = fetch(session, Member, member_id)
    if member.anonymised_at is not None:
        raise UserError(_("member {id} has been anonymised and cannot be moved on the ladder").format(
            id=member_id))
    stage = resolve_stage(session, to_stage)
    if changed_by_id is not None and session.get(Member, changed_by_id) is None:
        raise UserError(_("moved by: no member with id {id}").format(id=changed_by_id))
    if member.ladder_stage == stage:
        return None
    change = StageChange(
        member_id=member.id, from_stage=member.ladder_stage, to_stage=stage,
        changed_at=changed_at or datetime.now().replace(microsecond=0),
        changed_by_id=changed_by_id, reason=(reason or "").strip() or None,
        one_to_one_id=one_to_one_id,
    )
    session.add(change)
    member.ladder_stage = stage
    session.flush()
    return stage_history(session, member.id, only_id=change.id)[0]


def stage_history(session: Session, member_id: int, *, only_id: int | None = None) -> list[StageMove]:
    """A member's moves on the ladder, oldest first."""
    by = aliased(Member)
    query = (select(StageChange, by.first_name, by.last_name, by.preferred_name)
             .outerjoin(by, by.id == StageChange.changed_by_id)
             .where(StageChange.member_id == member_id)
             .order_by(StageChange.changed_at, StageChange.id))
    if only_id is not None:
        query = query.where(StageChange.id == only_id)
    out = []
    for change, first, last, preferred in session.execute(query):
        out.append(StageMove(
            id=change.id, member_id=MemberId(change.member_id), from_stage=change.from_stage,
            to_stage=change.to_stage, changed_at=change.changed_at,
            changed_by_id=change.changed_by_id,
            changed_by_name=person_name(first, last, preferred) if first else None,
            reason=change.reason, one_to_one_id=change.one_to_one_id,
        ))
    return out
