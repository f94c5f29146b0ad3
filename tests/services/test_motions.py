"""Motions, amendments and roll calls against the register (#16)."""

from __future__ import annotations

from datetime import datetime

import pytest

from communitydesk.errors import UserError
from communitydesk.services.attendance.register import record_attendance
from communitydesk.services.meetings.planning import add_meeting
from communitydesk.services.members.records import add_member
from communitydesk.services.motions.motions import (
    add_motion,
    clear_votes,
    list_motions,
    record_hands,
    withdraw_motion,
)
from communitydesk.services.motions.votes import record_vote, roll_call, set_attendance
from communitydesk.services.settings.group_settings import set_setting


def _meeting(session, people: int = 6, present: int = 4):  # noqa: ANN001, ANN202
    ids = [add_member(session, first_name=f"P{i}", last_name=f"Person{i:02}").id for i in range(people)]
    meeting = add_meeting(session, title="General meeting", starts_at=datetime(2026, 3, 3, 19, 0))
    set_setting(session, "quorum", "3")
    for member_id in ids[:present]:
        record_attendance(session, meeting.id, member_id=member_id, status="present")
    return meeting.id, ids


def test_put_and_count_by_hands(any_db) -> None:  # noqa: ANN001
    with any_db.session() as session:
        meeting_id, ids = _meeting(session)
        motion = add_motion(session, meeting_id, text="That we adopt the accounts", proposer_id=ids[0],
                            seconder_id=ids[1], majority="two-thirds")
        assert motion.result == "pending" and motion.proposer == "P0 Person00"
        decided = record_hands(session, motion.id, votes_for=2, against=1, abstain=1)
        assert (decided.votes_for, decided.against, decided.abstain, decided.result) == (2, 1, 1, "carried")
        assert decided.to_json()["for"] == 2
        with pytest.raises(UserError, match="only 4 people are marked present"):
            record_hands(session, motion.id, votes_for=4, against=1)


def test_seconder_must_differ_and_wording_is_needed(db) -> None:  # noqa: ANN001
    with db.session() as session:
        meeting_id, ids = _meeting(session)
        with pytest.raises(UserError, match="someone other than its proposer"):
            add_motion(session, meeting_id, text="x", proposer_id=ids[0], seconder_id=ids[0])
        with pytest.raises(UserError, match="needs its wording"):
            add_motion(session, meeting_id, text="  ")


def test_amendment_is_voted_first_and_listed_after_its_motion(db) -> None:  # noqa: ANN001
    with db.session() as session:
        meeting_id, _ = _meeting(session)
        main = add_motion(session, meeting_id, text="That the rent strike begins in May")
        other = add_motion(session, meeting_id, text="That we thank the caretaker")
        amendment = add_motion(session, meeting_id, text="Replace May with June", amends=main.id)
        with pytest.raises(UserError, match=f"vote on its amendment {amendment.id} first"):
            record_hands(session, main.id, votes_for=3, against=0)
        record_hands(session, amendment.id, votes_for=1, against=2)
        assert record_hands(session, main.id, votes_for=3, against=0).result == "carried"
        with pytest.raises(UserError, match="amendment must come before the vote"):
            add_motion(session, meeting_id, text="Too late", amends=main.id)
        assert [m.id for m in list_motions(session, meeting_id)] == [main.id, amendment.id, other.id]


def test_withdrawn_motion_takes_no_votes(db) -> None:  # noqa: ANN001
    with db.session() as session:
        meeting_id, _ = _meeting(session)
        motion = add_motion(session, meeting_id, text="That we buy a minibus")
        assert withdraw_motion(session, motion.id).withdrawn
        with pytest.raises(UserError, match="withdrawn"):
            record_hands(session, motion.id, votes_for=3, against=0)


def test_roll_call_only_present_people_and_quorum_kept_at_the_vote(db) -> None:  # noqa: ANN001
    with db.session() as session:
        meeting_id, ids = _meeting(session)
        motion = add_motion(session, meeting_id, text="That we affiliate")
        with pytest.raises(UserError, match="P5 Person05 is not marked present"):
            record_vote(session, motion.id, member_id=ids[5], vote="for")
        for member_id, vote in zip(ids[:4], ("for", "for", "against", "abstain"), strict=True):
            decided = record_vote(session, motion.id, member_id=member_id, vote=vote)
        assert (decided.votes_for, decided.against, decided.abstain, decided.method) == (2, 1, 1, "roll call")
        assert decided.result == "carried"
        assert [r.vote for r in roll_call(session, motion.id)] == ["for", "for", "against", "abstain"]
        with pytest.raises(UserError, match="roll call recorded"):
            record_hands(session, motion.id, votes_for=1, against=0)
        assert clear_votes(session, motion.id).result == "pending"


def test_marking_a_voter_absent_asks_about_the_vote(db) -> None:  # noqa: ANN001
    with db.session() as session:
        meeting_id, ids = _meeting(session)
        motion = add_motion(session, meeting_id, text="That we affiliate")
        record_vote(session, motion.id, member_id=ids[0], vote="for")
        record_vote(session, motion.id, member_id=ids[1], vote="for")
        with pytest.raises(UserError, match=f"P0 Person00 voted on motion {motion.id}; say whether"):
            record_attendance(session, meeting_id, member_id=ids[0], status="absent")
        with pytest.raises(UserError, match="say whether"):
            record_attendance(session, meeting_id, member_id=ids[0], status=None)
        set_attendance(session, meeting_id, member_id=ids[0], status="absent", votes="remove")
        set_attendance(session, meeting_id, member_id=ids[1], status="absent", votes="keep")
        after = list_motions(session, meeting_id)[0]
        assert after.votes_for == 1  # the kept vote stands, the removed one is gone
        record_attendance(session, meeting_id, member_id=ids[2], status="absent")  # never voted: no question


def test_proxy_votes_only_when_allowed_and_counted_once(db) -> None:  # noqa: ANN001
    with db.session() as session:
        meeting_id, ids = _meeting(session)
        motion = add_motion(session, meeting_id, text="That we affiliate")
        with pytest.raises(UserError, match="proxy votes are not allowed"):
            record_vote(session, motion.id, member_id=ids[5], vote="for", proxy_holder_id=ids[0])
        set_setting(session, "proxies_allowed", "yes")
        with pytest.raises(UserError, match="not marked present"):
            record_vote(session, motion.id, member_id=ids[5], vote="for", proxy_holder_id=ids[4])
        with pytest.raises(UserError, match="votes in person"):
            record_vote(session, motion.id, member_id=ids[1], vote="for", proxy_holder_id=ids[0])
        record_vote(session, motion.id, member_id=ids[5], vote="for", proxy_holder_id=ids[0])
        decided = record_vote(session, motion.id, member_id=ids[5], vote="against", proxy_holder_id=ids[0])
        assert (decided.votes_for, decided.against) == (0, 1)
        rows = roll_call(session, motion.id)
        assert rows[-1].proxy_for == "P0 Person00" and rows[-1].vote == "against"


def test_motion_numbers_letter_amendments_under_their_motion() -> None:
    """The Motions panel and the printed paper number from this one rule: 1, 2, 2a, 2b, 3."""
    from types import SimpleNamespace

    from communitydesk.services.motions.motions import motion_numbers

    motions = [SimpleNamespace(id=i, parent_id=p) for i, p in ((10, None), (11, None), (12, 11), (13, 11), (14, None))]
    assert motion_numbers(motions) == {10: "1", 11: "2", 12: "2a", 13: "2b", 14: "3"}
