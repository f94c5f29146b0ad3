"""AGM elections (#16): unopposed when nominations ≤ seats, else most votes; officer terms on the record."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from communitydesk.errors import UserError
from communitydesk.services.meetings.planning import add_meeting
from communitydesk.services.members.records import add_member
from communitydesk.services.motions.elections import (
    add_office,
    declare,
    list_elections,
    nominate,
    officer_terms,
    record_candidate_votes,
)


def _agm(session, people: int = 6):  # noqa: ANN001, ANN202
    ids = [add_member(session, first_name=f"C{i}", last_name=f"Cand{i}").id for i in range(people)]
    meeting = add_meeting(session, title="AGM", starts_at=datetime(2026, 5, 12, 19, 0))
    return meeting.id, ids


def test_unopposed_office_elects_everyone_nominated(any_db) -> None:  # noqa: ANN001
    with any_db.session() as session:
        meeting_id, ids = _agm(session)
        office = add_office(session, meeting_id, name="Committee member", seats=3)
        nominate(session, office.id, member_id=ids[0], proposer_id=ids[4], seconder_id=ids[5])
        election = nominate(session, office.id, member_id=ids[1])
        assert not election.contested and election.outcome == "pending"
        done = declare(session, office.id)
        assert done.outcome == "elected unopposed"
        assert [c.elected for c in done.candidates] == [True, True]
        assert done.candidates[0].proposer == "C4 Cand4"
        assert officer_terms(session, ids[0])[0].office == "Committee member"
        assert officer_terms(session, ids[0])[0].starts_on == date(2026, 5, 12)
        with pytest.raises(UserError, match="has been declared"):
            nominate(session, office.id, member_id=ids[2])


def test_contested_office_takes_the_most_votes_and_ends_the_old_term(db) -> None:  # noqa: ANN001
    with db.session() as session:
        meeting_id, ids = _agm(session)
        before = add_office(session, meeting_id, name="Treasurer", starts_on=date(2025, 5, 1))
        nominate(session, before.id, member_id=ids[3])
        declare(session, before.id)
        office = add_office(session, meeting_id, name="Treasurer")
        for member_id in ids[:3]:
            nominate(session, office.id, member_id=member_id)
        with pytest.raises(UserError, match="record the votes for C0 Cand0, C1 Cand1, C2 Cand2 first"):
            declare(session, office.id)
        record_candidate_votes(session, office.id, {ids[0]: 9, ids[1]: 9, ids[2]: 4})
        with pytest.raises(UserError, match="C0 Cand0, C1 Cand1 tie on 9 votes"):
            declare(session, office.id)
        record_candidate_votes(session, office.id, {ids[1]: 11})
        done = declare(session, office.id)
        assert done.outcome == "elected by ballot"
        assert [c.member_id for c in done.candidates if c.elected] == [ids[1]]
        assert officer_terms(session, ids[3])[0].ends_on == date(2026, 5, 11)
        assert [e.office for e in list_elections(session, meeting_id)] == ["Treasurer", "Treasurer"]


def test_ballot_order_is_random_but_stable(db) -> None:  # noqa: ANN001
    with db.session() as session:
        meeting_id, ids = _agm(session, people=6)
        office = add_office(session, meeting_id, name="Chair")
        for member_id in ids:
            election = nominate(session, office.id, member_id=member_id)
        first = [c.member_id for c in election.ballot_order()]
        assert sorted(first) == ids
        assert first == [c.member_id for c in list_elections(session, meeting_id)[0].ballot_order()]
        assert first != ids  # seeded by the election id: shuffled, the same each time


def test_nomination_checks(db) -> None:  # noqa: ANN001
    with db.session() as session:
        meeting_id, ids = _agm(session)
        office = add_office(session, meeting_id, name="Secretary")
        with pytest.raises(UserError, match="cannot nominate themselves"):
            nominate(session, office.id, member_id=ids[0], proposer_id=ids[0])
        nominate(session, office.id, member_id=ids[0])
        with pytest.raises(UserError, match="already nominated"):
            nominate(session, office.id, member_id=ids[0])
        with pytest.raises(UserError, match="at least one seat"):
            add_office(session, meeting_id, name="Nobody", seats=0)
