"""Motions and amendments on a meeting: put, edited, withdrawn, and their show-of-hands figures.

An amendment is a motion on a motion (``parent_id``) and is voted first: the main motion
takes no votes while an amendment to it is still open. The quorum is recorded with each
vote, so a decision stands as it was taken when people leave later.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from communitydesk.db.models import AgendaItem, Member, Motion, MotionVote
from communitydesk.domain import Majority, MotionResult, VoteChoice
from communitydesk.errors import ConflictError, UserError
from communitydesk.i18n import _
from communitydesk.services.core.lookup import fetch
from communitydesk.services.core.names import person_name
from communitydesk.services.meetings.planning import load_meeting
from communitydesk.services.motions.counting import Figures, result
from communitydesk.services.motions.quorum import meeting_quorum


@dataclass(frozen=True)
class MotionView:
    id: int
    meeting_id: int
    agenda_item_id: int | None
    parent_id: int | None
    text: str
    proposer_id: int | None
    proposer: str | None
    seconder_id: int | None
    seconder: str | None
    majority: str
    votes_for: int | None
    against: int | None
    abstain: int | None
    method: str  # "hands", "roll call" or "" (no votes yet)
    casting_vote: str | None
    withdrawn: bool
    present_at_vote: int | None
    required_at_vote: int | None
    result: str
    version: int

    @property
    def is_amendment(self) -> bool:
        return self.parent_id is not None

    def to_json(self) -> dict:
        return {"id": self.id, "text": self.text, "proposer": self.proposer, "seconder": self.seconder,
                "majority": self.majority, "for": self.votes_for, "against": self.against,
                "abstain": self.abstain, "result": self.result, "meeting_id": self.meeting_id,
                "agenda_item_id": self.agenda_item_id, "amends": self.parent_id,
                "withdrawn": self.withdrawn, "casting_vote": self.casting_vote, "method": self.method}


def motion_numbers(motions: Iterable[MotionView]) -> dict[int, str]:
    """1, 2, 2a, 2b, 3: each motion's number, amendments lettered under their motion (in the
    order given), the same on the Motions panel and on the printed paper."""
    numbers: dict[int, str] = {}
    main = 0
    letters: dict[int, int] = {}
    for m in motions:
        if m.parent_id is None:
            main += 1
            numbers[m.id] = str(main)
        else:
            letters[m.parent_id] = letters.get(m.parent_id, 0) + 1
            numbers[m.id] = numbers.get(m.parent_id, "?") + "abcdefghijklmnopqrstuvwxyz"[(letters[m.parent_id] - 1) % 26]
    return numbers


def _majority(value: str | Majority) -> Majority:
    try:
        return Majority(value)
    except ValueError:
        raise UserError(_("majority: {value!r} is not one of {choices}").format(value=value, choices=', '.join(m.value for m in Majority))) from None


def load_motion(session: Session, motion_id: int) -> Motion:
    motion = fetch(session, Motion, motion_id)
    return motion


def _roll_call_figures(session: Session, motion_ids: list[int]) -> dict[int, dict[str, int]]:
    rows = session.execute(
        select(MotionVote.motion_id, MotionVote.vote, func.count())
        .where(MotionVote.motion_id.in_(motion_ids)).group_by(MotionVote.motion_id, MotionVote.vote))
    counts: dict[int, dict[str, int]] = {}
    for motion_id, vote, n in rows:
        counts.setdefault(motion_id, {})[VoteChoice(vote).value] = n
    return counts


def _views(session: Session, motions: list[Motion]) -> list[MotionView]:
    if not motions:  # no round trips for nothing: a pack reads a meeting's motions twice (#14)
        return []
    ids = {m.proposer_id for m in motions} | {m.seconder_id for m in motions}
    names = {row.id: person_name(row.first_name, row.last_name, row.preferred_name)
             for row in session.execute(select(Member.id, Member.first_name, Member.last_name,
                                               Member.preferred_name).where(Member.id.in_(ids - {None})))}
    roll = _roll_call_figures(session, [m.id for m in motions])
    return [_view(m, names, roll.get(m.id)) for m in motions]


def _view(motion: Motion, names: dict[int, str], roll: dict[str, int] | None) -> MotionView:
    figures: Figures | None = None
    method = ""
    if motion.hands_for is not None:
        figures = Figures(motion.hands_for, motion.hands_against or 0, motion.hands_abstain or 0)
        method = "hands"
    elif roll:
        figures = Figures(roll.get("for", 0), roll.get("against", 0), roll.get("abstain", 0))
        method = "roll call"
    quorate = (motion.present_at_vote or 0) >= (motion.required_at_vote or 0)
    outcome = MotionResult.PENDING if motion.withdrawn_at else result(
        figures, motion.majority, quorate=quorate, casting_vote=motion.casting_vote)
    return MotionView(
        id=motion.id, meeting_id=motion.meeting_id, agenda_item_id=motion.agenda_item_id,
        parent_id=motion.parent_id, text=motion.text, proposer_id=motion.proposer_id,
        proposer=names.get(motion.proposer_id), seconder_id=motion.seconder_id,
        seconder=names.get(motion.seconder_id), majority=Majority(motion.majority).value,
        votes_for=figures.votes_for if figures else None, against=figures.against if figures else None,
        abstain=figures.abstain if figures else None, method=method,
        casting_vote=VoteChoice(motion.casting_vote).value if motion.casting_vote else None,
        withdrawn=motion.withdrawn_at is not None, present_at_vote=motion.present_at_vote,
        required_at_vote=motion.required_at_vote, result=outcome.value, version=motion.version)


def get_motion(session: Session, motion_id: int) -> MotionView:
    return _views(session, [load_motion(session, motion_id)])[0]


def list_motions(session: Session, meeting_id: int) -> list[MotionView]:
    """Each main motion followed by its amendments, in the order they were put."""
    load_meeting(session, meeting_id)
    motions = list(session.scalars(
        select(Motion).where(Motion.meeting_id == meeting_id)
        .order_by(func.coalesce(Motion.parent_id, Motion.id), Motion.parent_id.is_not(None), Motion.id)))
    return _views(session, motions)


def _check_people(session: Session, proposer_id: int | None, seconder_id: int | None) -> None:
    for field, member_id in (("proposer", proposer_id), ("seconder", seconder_id)):
        if member_id is not None and session.get(Member, member_id) is None:
            raise UserError(_("{field}: no member with id {member_id}").format(field=field, member_id=member_id))
    if proposer_id is not None and proposer_id == seconder_id:
        raise UserError(_("seconder: a motion must be seconded by someone other than its proposer"))


def _check_item(session: Session, meeting_id: int, agenda_item_id: int | None) -> None:
    if agenda_item_id is None:
        return
    item = session.get(AgendaItem, agenda_item_id)
    if item is None or item.meeting_id != meeting_id:
        raise UserError(_("item: agenda item {agenda_item_id} is not on meeting {meeting_id}'s agenda").format(agenda_item_id=agenda_item_id, meeting_id=meeting_id))


def add_motion(session: Session, meeting_id: int, *, text: str, agenda_item_id: int | None = None,
               proposer_id: int | None = None, seconder_id: int | None = None,
               majority: str | Majority = Majority.SIMPLE, amends: int | None = None) -> MotionView:
    """Put a motion (or, with ``amends``, an amendment to a motion not yet voted on)."""
    load_meeting(session, meeting_id)
    words = (text or "").strip()
    if not words:
        raise UserError(_("text: a motion needs its wording"))
    _check_people(session, proposer_id, seconder_id)
    _check_item(session, meeting_id, agenda_item_id)
    if amends is not None:
        parent = load_motion(session, amends)
        if parent.meeting_id != meeting_id:
            raise UserError(_("amends: motion {amends} is on another meeting").format(amends=amends))
        if parent.parent_id is not None:
            raise UserError(_("amends: motion {amends} is itself an amendment; amend the main motion").format(amends=amends))
        if _has_votes(session, parent) or parent.withdrawn_at:
            raise UserError(_("amends: motion {amends} has been voted on or withdrawn; an amendment must come before the vote").format(amends=amends))
        agenda_item_id = agenda_item_id or parent.agenda_item_id
    motion = Motion(meeting_id=meeting_id, agenda_item_id=agenda_item_id, parent_id=amends, text=words,
                    proposer_id=proposer_id, seconder_id=seconder_id, majority=_majority(majority))
    session.add(motion)
    session.flush()
    return get_motion(session, motion.id)


EDITABLE = ("text", "proposer_id", "seconder_id", "majority", "agenda_item_id")


def edit_motion(session: Session, motion_id: int, changes: dict[str, object], *,
                expected_version: int | None = None) -> MotionView:
    """Change the wording, people, majority or item; ConflictError if someone saved it meanwhile."""
    motion = load_motion(session, motion_id)
    if expected_version is not None and motion.version != expected_version:
        mine = {k: v for k, v in changes.items()}
        theirs = {k: getattr(motion, k) for k in changes}
        raise ConflictError(_("motion {motion_id} was changed by someone else while you edited it").format(motion_id=motion_id),
                            mine=mine, theirs=theirs)
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise UserError(_("motion: cannot change {fields}").format(fields=', '.join(sorted(unknown))))
    values = {k: getattr(motion, k) for k in EDITABLE} | changes
    if not str(values["text"] or "").strip():
        raise UserError(_("text: a motion needs its wording"))
    _check_people(session, values["proposer_id"], values["seconder_id"])  # type: ignore[arg-type]
    _check_item(session, motion.meeting_id, values["agenda_item_id"])  # type: ignore[arg-type]
    for key, value in changes.items():
        setattr(motion, key, _majority(value) if key == "majority" else
                (str(value).strip() if key == "text" else value))
    session.flush()
    return get_motion(session, motion_id)


def withdraw_motion(session: Session, motion_id: int, *, withdrawn: bool = True) -> MotionView:
    """Withdrawn (with the meeting's consent) before a vote; its amendments go with it."""
    motion = load_motion(session, motion_id)
    if withdrawn and _has_votes(session, motion):
        raise UserError(_("motion {motion_id} has been voted on; clear its votes before withdrawing it").format(motion_id=motion_id))
    motion.withdrawn_at = datetime.now().replace(microsecond=0) if withdrawn else None
    session.flush()
    return get_motion(session, motion_id)


def _has_votes(session: Session, motion: Motion) -> bool:
    if motion.hands_for is not None:
        return True
    return session.scalar(select(func.count()).select_from(MotionVote)
                          .where(MotionVote.motion_id == motion.id)) > 0


def check_can_vote(session: Session, motion: Motion) -> None:
    """Refuse a vote on a withdrawn motion, or on a motion whose amendments are still open."""
    if motion.withdrawn_at is not None:
        raise UserError(_("motion {motion_id} was withdrawn; it takes no votes").format(motion_id=motion.id))
    for amendment in session.scalars(select(Motion).where(Motion.parent_id == motion.id)):
        if amendment.withdrawn_at is None and not _has_votes(session, amendment):
            raise UserError(_("motion {motion_id}: vote on its amendment {amendment_id} first (amendments are voted before the motion they amend)").format(motion_id=motion.id, amendment_id=amendment.id))


def note_quorum(session: Session, motion: Motion) -> None:
    """Keep the quorum as it stands at this vote."""
    quorum = meeting_quorum(session, motion.meeting_id)
    motion.present_at_vote, motion.required_at_vote = quorum.present, quorum.required


def record_hands(session: Session, motion_id: int, *, votes_for: int, against: int, abstain: int = 0,
                 casting_vote: str | VoteChoice | None = None) -> MotionView:
    """A show of hands (replaces an earlier count; refused while a roll call is recorded)."""
    motion = load_motion(session, motion_id)
    check_can_vote(session, motion)
    for name, n in (("--for", votes_for), ("--against", against), ("--abstain", abstain)):
        if n is None or n < 0:
            raise UserError(_("{name}: a count of hands is a whole number, 0 or more").format(name=name))
    if session.scalar(select(func.count()).select_from(MotionVote).where(MotionVote.motion_id == motion_id)):
        raise UserError(_("motion {motion_id} has a roll call recorded; clear it before a show of hands").format(motion_id=motion_id))
    quorum = meeting_quorum(session, motion.meeting_id)
    if quorum.present and votes_for + against + abstain > quorum.present:
        raise UserError(_("motion {motion_id}: {hands} hands but only {present} people are marked present").format(motion_id=motion_id, hands=votes_for + against + abstain, present=quorum.present))
    motion.hands_for, motion.hands_against, motion.hands_abstain = votes_for, against, abstain
    motion.casting_vote = VoteChoice(casting_vote) if casting_vote else None
    note_quorum(session, motion)
    session.flush()
    return get_motion(session, motion_id)


def set_casting_vote(session: Session, motion_id: int, casting_vote: str | VoteChoice | None) -> MotionView:
    """The chair's casting vote on a tie (None clears it)."""
    motion = load_motion(session, motion_id)
    motion.casting_vote = VoteChoice(casting_vote) if casting_vote else None
    session.flush()
    return get_motion(session, motion_id)


def clear_votes(session: Session, motion_id: int) -> MotionView:
    """Back to pending: the show of hands and every roll-call vote removed."""
    motion = load_motion(session, motion_id)
    motion.hands_for = motion.hands_against = motion.hands_abstain = None
    motion.casting_vote = None
    motion.present_at_vote = motion.required_at_vote = None
    for vote in session.scalars(select(MotionVote).where(MotionVote.motion_id == motion_id)):
        session.delete(vote)
    session.flush()
    return get_motion(session, motion_id)
