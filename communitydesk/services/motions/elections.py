"""Elections at the AGM: offices with seats, nominations, votes per candidate, officers.

An office with no more nominations than seats elects everyone nominated unopposed; a
contested one needs every candidate's votes, and the ``seats`` candidates with most votes
are elected (a tie for the last seat is refused until it is settled by a recount).
Declaring the result records each winner's term on their member record, starting on
the office's start date (default: the meeting's day), and ends the open term of anyone
who held the office before (a re-elected officer starts a new term).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from communitydesk.db.models import ElectionOffice, Member, Nomination, OfficerTerm
from communitydesk.errors import UserError
from communitydesk.i18n import _
from communitydesk.services.core.lookup import fetch
from communitydesk.services.core.names import person_name
from communitydesk.services.meetings.planning import load_meeting


@dataclass(frozen=True)
class Candidate:
    nomination_id: int
    member_id: int
    name: str
    proposer: str | None
    seconder: str | None
    votes: int | None
    elected: bool


@dataclass(frozen=True)
class Election:
    id: int
    meeting_id: int
    office: str
    seats: int
    starts_on: date
    declared: bool
    candidates: tuple[Candidate, ...]

    @property
    def contested(self) -> bool:
        return len(self.candidates) > self.seats

    @property
    def outcome(self) -> str:
        """``elected unopposed``, ``elected by ballot``, ``pending`` or ``no nominations``."""
        if not self.candidates:
            return "no nominations"
        if not self.declared:
            return "pending"
        return "elected by ballot" if self.contested else "elected unopposed"

    def ballot_order(self) -> list[Candidate]:
        """Random but stable: the same election always prints its candidates in the same order."""
        order = sorted(self.candidates, key=lambda c: c.nomination_id)
        random.Random(self.id).shuffle(order)
        return order

    def to_json(self) -> dict:
        return {"id": self.id, "meeting_id": self.meeting_id, "office": self.office, "seats": self.seats,
                "starts_on": self.starts_on, "contested": self.contested, "result": self.outcome,
                "candidates": [{"member_id": c.member_id, "name": c.name, "proposer": c.proposer,
                                "seconder": c.seconder, "votes": c.votes, "elected": c.elected}
                               for c in self.candidates]}


@dataclass(frozen=True)
class Term:
    member_id: int
    office: str
    starts_on: date
    ends_on: date | None


def _names(session: Session, ids: set[int | None]) -> dict[int, str]:
    rows = session.execute(select(Member.id, Member.first_name, Member.last_name, Member.preferred_name)
                           .where(Member.id.in_(ids - {None})))
    return {r.id: person_name(r.first_name, r.last_name, r.preferred_name) for r in rows}


def _office(session: Session, office_id: int) -> ElectionOffice:
    office = fetch(session, ElectionOffice, office_id)
    return office


def get_election(session: Session, office_id: int) -> Election:
    office = _office(session, office_id)
    nominations = list(session.scalars(select(Nomination).where(Nomination.office_id == office_id)
                                       .order_by(Nomination.id)))
    names = _names(session, {n.member_id for n in nominations} | {n.proposer_id for n in nominations}
                   | {n.seconder_id for n in nominations})
    meeting = load_meeting(session, office.meeting_id)
    return Election(
        id=office.id, meeting_id=office.meeting_id, office=office.name, seats=office.seats,
        starts_on=office.starts_on or meeting.starts_at.date(), declared=office.declared_at is not None,
        candidates=tuple(Candidate(n.id, n.member_id, names.get(n.member_id, "?"), names.get(n.proposer_id),
                                   names.get(n.seconder_id), n.votes, n.elected) for n in nominations))


def list_elections(session: Session, meeting_id: int) -> list[Election]:
    load_meeting(session, meeting_id)
    ids = session.scalars(select(ElectionOffice.id).where(ElectionOffice.meeting_id == meeting_id)
                          .order_by(ElectionOffice.id))
    return [get_election(session, i) for i in ids]


def add_office(session: Session, meeting_id: int, *, name: str, seats: int = 1,
               starts_on: date | None = None) -> Election:
    load_meeting(session, meeting_id)
    title = (name or "").strip()
    if not title:
        raise UserError(_("name: an office needs a name (chair, secretary, treasurer, committee member)"))
    if seats < 1:
        raise UserError(_("seats: an office has at least one seat"))
    office = ElectionOffice(meeting_id=meeting_id, name=title, seats=seats, starts_on=starts_on)
    session.add(office)
    session.flush()
    return get_election(session, office.id)


def _refuse_if_declared(office: ElectionOffice) -> None:
    if office.declared_at is not None:
        raise UserError(_("the election for {name} has been declared; nothing can change now").format(name=office.name))


def nominate(session: Session, office_id: int, *, member_id: int, proposer_id: int | None = None,
             seconder_id: int | None = None) -> Election:
    office = _office(session, office_id)
    _refuse_if_declared(office)
    names = _names(session, {member_id, proposer_id, seconder_id})
    for field, who in (("candidate", member_id), ("proposer", proposer_id), ("seconder", seconder_id)):
        if who is not None and who not in names:
            raise UserError(_("{field}: no member with id {who}").format(field=field, who=who))
    if proposer_id is not None and proposer_id == seconder_id:
        raise UserError(_("seconder: a nomination must be seconded by someone other than its proposer"))
    if member_id in (proposer_id, seconder_id):
        raise UserError(_("proposer/seconder: a candidate cannot nominate themselves"))
    taken = session.scalar(select(Nomination).where(Nomination.office_id == office_id,
                                                    Nomination.member_id == member_id))
    if taken is not None:
        raise UserError(_("{candidate} is already nominated for {office}").format(candidate=names[member_id], office=office.name))
    session.add(Nomination(office_id=office_id, member_id=member_id, proposer_id=proposer_id,
                           seconder_id=seconder_id))
    session.flush()
    return get_election(session, office_id)


def withdraw_nomination(session: Session, office_id: int, member_id: int) -> Election:
    office = _office(session, office_id)
    _refuse_if_declared(office)
    row = session.scalar(select(Nomination).where(Nomination.office_id == office_id,
                                                  Nomination.member_id == member_id))
    if row is None:
        raise UserError(_("member {member_id} is not nominated for {name}").format(member_id=member_id, name=office.name))
    session.delete(row)
    session.flush()
    return get_election(session, office_id)


def record_candidate_votes(session: Session, office_id: int, votes: dict[int, int]) -> Election:
    """The count for a contested election: member id → votes."""
    office = _office(session, office_id)
    _refuse_if_declared(office)
    rows = {n.member_id: n for n in session.scalars(select(Nomination).where(Nomination.office_id == office_id))}
    for member_id, count in votes.items():
        if member_id not in rows:
            raise UserError(_("member {member_id} is not a candidate for {name}").format(member_id=member_id, name=office.name))
        if count < 0:
            raise UserError(_("votes: a count is a whole number, 0 or more"))
        rows[member_id].votes = count
    session.flush()
    return get_election(session, office_id)


def _winners(election: Election) -> set[int]:
    if not election.contested:
        return {c.member_id for c in election.candidates}
    missing = [c.name for c in election.candidates if c.votes is None]
    if missing:
        raise UserError(_("{office} is contested: record the votes for {candidates} first").format(office=election.office, candidates=', '.join(missing)))
    ranked = sorted(election.candidates, key=lambda c: -(c.votes or 0))
    cut = ranked[election.seats - 1].votes
    above = [c for c in ranked if (c.votes or 0) > (cut or 0)]
    at_cut = [c for c in ranked if c.votes == cut]
    if len(above) + len(at_cut) > election.seats:
        raise UserError(_("{office}: {candidates} tie on {cut} votes for the last seat; settle it (a recount or as the rules say) and record the votes again").format(office=election.office, candidates=', '.join(c.name for c in at_cut), cut=cut))
    return {c.member_id for c in ranked[:election.seats]}


def declare(session: Session, office_id: int) -> Election:
    """Elect (unopposed, or the most votes) and record the officers' terms."""
    office = _office(session, office_id)
    _refuse_if_declared(office)
    election = get_election(session, office_id)
    if not election.candidates:
        raise UserError(_("nobody is nominated for {name}; the office stays vacant").format(name=office.name))
    winners = _winners(election)
    for nomination in session.scalars(select(Nomination).where(Nomination.office_id == office_id)):
        nomination.elected = nomination.member_id in winners
    starts = election.starts_on
    for term in session.scalars(select(OfficerTerm).where(OfficerTerm.office == office.name,
                                                          OfficerTerm.ends_on.is_(None))):
        if term.starts_on < starts:  # every earlier holder's term ends; the winners start anew
            term.ends_on = starts - timedelta(days=1)
    for member_id in sorted(winners):
        session.add(OfficerTerm(member_id=member_id, office=office.name, starts_on=starts, office_id=office.id))
    office.declared_at = datetime.now().replace(microsecond=0)
    session.flush()
    return get_election(session, office_id)


def officer_terms(session: Session, member_id: int) -> list[Term]:
    """The offices a member has held, newest first: for their record."""
    return [Term(t.member_id, t.office, t.starts_on, t.ends_on) for t in session.scalars(
        select(OfficerTerm).where(OfficerTerm.member_id == member_id)
        .order_by(OfficerTerm.starts_on.desc(), OfficerTerm.id.desc()))]
