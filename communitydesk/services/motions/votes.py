"""Roll-call votes: one person, one vote, from the people the register marks present.

A proxy vote (an absent member's vote cast by a present person) is taken only when the
``proxies_allowed`` setting is "yes", and is recorded with who held it; each member is
counted once. Marking a voter absent (or clearing their entry) after they voted is
refused until the secretary says whether their votes stand (``keep``) or go (``remove``):
``set_attendance`` does that, the register's own ``record_attendance`` asks ``refuse_if_voted``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from communitydesk.db.models import Attendance, Member, Motion, MotionVote, SheetNumber
from communitydesk.domain import AttendanceStatus, VoteChoice
from communitydesk.errors import UserError
from communitydesk.i18n import _, ngettext
from communitydesk.services.attendance.register import AttendanceEntry, record_attendance
from communitydesk.services.core.lookup import fetch
from communitydesk.services.core.names import person_name
from communitydesk.services.motions.motions import (
    MotionView,
    check_can_vote,
    get_motion,
    load_motion,
    note_quorum,
)
from communitydesk.services.settings.group_settings import load_settings

VotesOnLeaving = Literal["keep", "remove"]


@dataclass(frozen=True)
class RollCallRow:
    member_id: int
    name: str
    number: int | None  # the sign-in sheet's row number
    vote: str | None
    proxy_for: str | None = None


def _present_ids(session: Session, meeting_id: int) -> set[int]:
    return set(session.scalars(select(Attendance.member_id).where(
        Attendance.meeting_id == meeting_id, Attendance.status == AttendanceStatus.PRESENT)))


def _name(session: Session, member_id: int) -> str:
    member = fetch(session, Member, member_id)
    return person_name(member.first_name, member.last_name, member.preferred_name)


def record_vote(session: Session, motion_id: int, *, member_id: int, vote: str | VoteChoice | None,
                proxy_holder_id: int | None = None) -> MotionView:
    """One person's vote (``None`` takes it back); only people marked present vote by name."""
    motion = load_motion(session, motion_id)
    check_can_vote(session, motion)
    if motion.hands_for is not None:
        raise UserError(_("motion {motion_id} was decided by a show of hands; clear it before a roll call").format(motion_id=motion_id))
    present = _present_ids(session, motion.meeting_id)
    if proxy_holder_id is None and member_id not in present:
        raise UserError(_("{name} is not marked present at meeting {meeting_id}; only people marked present may vote by name").format(name=_name(session, member_id), meeting_id=motion.meeting_id))
    if proxy_holder_id is not None:
        if load_settings(session).proxies_allowed != "yes":
            raise UserError(_("proxy votes are not allowed; a secretary can allow them with `settings set proxies_allowed yes`"))
        if proxy_holder_id not in present:
            raise UserError(_("proxy: {name} holds the proxy but is not marked present").format(name=_name(session, proxy_holder_id)))
        if member_id in present:
            raise UserError(_("{name} is present and votes in person, not by proxy").format(name=_name(session, member_id)))
    row = session.scalar(select(MotionVote).where(MotionVote.motion_id == motion_id,
                                                  MotionVote.member_id == member_id))
    if vote is None:
        if row is not None:
            session.delete(row)
    else:
        try:
            choice = VoteChoice(vote)
        except ValueError:
            raise UserError(_("vote: {vote!r} is not for, against or abstain").format(vote=vote)) from None
        if row is None:
            row = MotionVote(motion_id=motion_id, member_id=member_id, vote=choice)
            session.add(row)
        row.vote, row.proxy_holder_id, row.kept_when_left = choice, proxy_holder_id, False
    note_quorum(session, motion)
    session.flush()
    return get_motion(session, motion_id)


def roll_call(session: Session, motion_id: int) -> list[RollCallRow]:
    """The people present, in sign-in sheet order, each with their vote so far (then any proxies)."""
    motion = load_motion(session, motion_id)
    numbers = dict(session.execute(select(SheetNumber.member_id, SheetNumber.number)
                                   .where(SheetNumber.meeting_id == motion.meeting_id)).all())
    votes = {v.member_id: v for v in session.scalars(select(MotionVote).where(MotionVote.motion_id == motion_id))}
    people = session.execute(
        select(Member.id, Member.first_name, Member.last_name, Member.preferred_name)
        .join(Attendance, Attendance.member_id == Member.id)
        .where(Attendance.meeting_id == motion.meeting_id, Attendance.status == AttendanceStatus.PRESENT)
        .order_by(Member.last_name, Member.first_name, Member.id)).all()
    people.sort(key=lambda p: (numbers.get(p.id) is None, numbers.get(p.id) or 0))
    rows = [RollCallRow(p.id, person_name(p.first_name, p.last_name, p.preferred_name), numbers.get(p.id),
                        VoteChoice(votes[p.id].vote).value if p.id in votes else None) for p in people]
    seen = {p.id for p in people}
    for member_id, vote in votes.items():
        if member_id not in seen:
            holder = _name(session, vote.proxy_holder_id) if vote.proxy_holder_id else None
            rows.append(RollCallRow(member_id, _name(session, member_id), None, VoteChoice(vote.vote).value,
                                    proxy_for=holder))
    return rows


def votes_by(session: Session, meeting_id: int, member_id: int) -> list[int]:
    """Motions of the meeting this person voted on in person and whose vote is not yet settled."""
    return list(session.scalars(
        select(MotionVote.motion_id).join(Motion, Motion.id == MotionVote.motion_id)
        .where(Motion.meeting_id == meeting_id, MotionVote.member_id == member_id,
               MotionVote.proxy_holder_id.is_(None), MotionVote.kept_when_left.is_(False))
        .order_by(MotionVote.motion_id)))


@dataclass(frozen=True)
class VoterVotes:
    """Someone about to stop being present, and the motions they voted on by name."""

    member_id: int
    name: str
    motions: tuple[tuple[int, str], ...]  # (motion id, its wording)


class VotedError(UserError):
    """Refused: these people voted by name; the window asks keep / remove / cancel."""

    def __init__(self, message: str, voters: tuple[VoterVotes, ...]) -> None:
        super().__init__(message)
        self.voters = voters


def _voter(session: Session, meeting_id: int, member_id: int) -> VoterVotes | None:
    motion_ids = votes_by(session, meeting_id, member_id)
    if not motion_ids:
        return None
    texts = dict(session.execute(select(Motion.id, Motion.text).where(Motion.id.in_(motion_ids))).all())
    return VoterVotes(member_id, _name(session, member_id), tuple((m, texts[m]) for m in motion_ids))


def _refusal(voters: tuple[VoterVotes, ...]) -> VotedError:
    said = "; ".join(ngettext("{name} voted on motion {motions}", "{name} voted on motions {motions}",
                              len(v.motions)).format(name=v.name, motions=", ".join(str(m) for m, _text in v.motions))
                     for v in voters)
    return VotedError(_("{said}; say whether that vote stands (keep) or is taken back (remove) before marking them not present").format(said=said), voters)


def refuse_if_voted(session: Session, meeting_id: int, member_id: int) -> None:
    """The register's guard: someone who voted cannot silently stop being present."""
    voter = _voter(session, meeting_id, member_id)
    if voter is not None:
        raise _refusal((voter,))


def mark_register(session: Session, meeting_id: int, member_ids: tuple[int, ...] | list[int],
                  status: str | AttendanceStatus | None,
                  votes: VotesOnLeaving | None = None) -> tuple[AttendanceEntry, ...]:
    """The register's marks for several people at once; every voter leaving is named in one refusal."""
    leaving = status is None or AttendanceStatus(status) != AttendanceStatus.PRESENT
    if leaving and votes is None:
        present = _present_ids(session, meeting_id)
        voters = tuple(v for m in member_ids if m in present
                       if (v := _voter(session, meeting_id, m)) is not None)
        if voters:
            raise _refusal(voters)
    return tuple(set_attendance(session, meeting_id, member_id=m, status=status, votes=votes) for m in member_ids)


def set_attendance(session: Session, meeting_id: int, *, member_id: int, status: str | AttendanceStatus | None,
                   votes: VotesOnLeaving | None = None) -> AttendanceEntry:
    """Mark the register, settling the person's roll-call votes first when they stop being present."""
    leaving = status is None or AttendanceStatus(status) != AttendanceStatus.PRESENT
    if leaving and votes is not None:
        for vote in session.scalars(select(MotionVote).join(Motion, Motion.id == MotionVote.motion_id)
                                    .where(Motion.meeting_id == meeting_id, MotionVote.member_id == member_id,
                                           MotionVote.proxy_holder_id.is_(None))):
            if votes == "remove":
                session.delete(vote)
            else:
                vote.kept_when_left = True
        session.flush()
    return record_attendance(session, meeting_id, member_id=member_id, status=status)
