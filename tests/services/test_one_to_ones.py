"""Logging, editing and listing one-to-ones; the confidential notes stay out of lists."""

from __future__ import annotations

from dataclasses import fields
from datetime import date

import pytest

from communitydesk.db.engine import Database
from communitydesk.errors import ConflictError, UserError
from communitydesk.services.core.jsonable import to_jsonable
from communitydesk.services.members.records import add_member, get_member
from communitydesk.services.one_to_ones.conversations import (
    SENSITIVE_FIELDS,
    OneToOneSummary,
    delete_one_to_one,
    get_one_to_one,
    list_one_to_ones,
    log_one_to_one,
    records_about_member,
    update_one_to_one,
)
from communitydesk.services.one_to_ones.ladder import stage_history


@pytest.fixture
def people(any_db: Database) -> tuple[Database, int, int]:
    with any_db.session() as s:
        organiser = add_member(s, first_name="Mercy", last_name="Adeyemi").id
        member = add_member(s, first_name="Łukasz", last_name="Wiśniewski", status="prospect").id
    return any_db, organiser, member


def test_log_and_read_back(people) -> None:
    db, organiser, member = people
    with db.session() as s:
        record = log_one_to_one(
            s, organiser_id=organiser, member_id=member, held_on=date(2026, 3, 5), medium="phone",
            duration_minutes=40, interests="  Damp flats  ", story="Moved here in 2019",
            issues="Repairs ignored", commitments="Will bring a neighbour", next_step="Invite to repairs group",
            follow_up_on=date(2026, 3, 19), stage_after="supporter",
        )
    with db.session() as s:
        again = get_one_to_one(s, record.id)
        assert again.interests == "Damp flats"
        assert again.summary.medium == "phone" and again.summary.duration_minutes == 40
        assert again.summary.member_name == "Łukasz Wiśniewski"
        assert again.summary.organiser_name == "Mercy Adeyemi"
        assert again.summary.stage_after == "Supporter"
        assert get_member(s, member).ladder_stage == "Supporter"
        [move] = stage_history(s, member)
        assert (move.from_stage, move.to_stage, move.changed_by_id, move.one_to_one_id) == (
            None, "Supporter", organiser, record.id)
        assert "2026-03-05" in (move.reason or "")
        assert to_jsonable(again)["confidential"] is True


def test_lists_never_carry_confidential_notes(people) -> None:
    db, organiser, member = people
    with db.session() as s:
        log_one_to_one(s, organiser_id=organiser, member_id=member, held_on=date(2026, 1, 5),
                       story="SECRET-STORY", issues="SECRET-ISSUE")
        log_one_to_one(s, organiser_id=organiser, member_id=member, held_on=date(2026, 2, 5))
        rows = list_one_to_ones(s, member_id=member)
    assert [r.held_on for r in rows] == [date(2026, 2, 5), date(2026, 1, 5)]
    assert not set(SENSITIVE_FIELDS) & {f.name for f in fields(OneToOneSummary)}
    assert "SECRET" not in str(to_jsonable(rows))


@pytest.mark.parametrize(("changes", "field"), [
    ({"held_on": date(2026, 3, 5), "follow_up_on": date(2026, 3, 1)}, "follow-up"),
    ({"held_on": date(2026, 3, 5), "medium": "carrier pigeon"}, "medium"),
    ({"held_on": date(2026, 3, 5), "duration_minutes": 0}, "duration"),
    ({"held_on": date(2026, 3, 5), "stage_after": "Chief"}, "stage after"),
])
def test_bad_values_name_the_field(people, changes, field) -> None:
    db, organiser, member = people
    with pytest.raises(UserError, match=field), db.session() as s:
        log_one_to_one(s, organiser_id=organiser, member_id=member, **changes)


def test_unknown_people_and_self_are_refused(people) -> None:
    db, organiser, member = people
    with pytest.raises(UserError, match="member: no member with id 999"), db.session() as s:
        log_one_to_one(s, organiser_id=organiser, member_id=999, held_on=date(2026, 3, 5))
    with pytest.raises(UserError, match="organiser: no member"), db.session() as s:
        log_one_to_one(s, organiser_id=999, member_id=member, held_on=date(2026, 3, 5))
    with pytest.raises(UserError, match="same member"), db.session() as s:
        log_one_to_one(s, organiser_id=member, member_id=member, held_on=date(2026, 3, 5))


def test_edit_with_optimistic_locking(people) -> None:
    db, organiser, member = people
    with db.session() as s:
        record = log_one_to_one(s, organiser_id=organiser, member_id=member, held_on=date(2026, 3, 5),
                                story="first")
    with db.session() as s:  # someone else saves first
        update_one_to_one(s, record.id, {"story": "theirs"}, expected_version=record.version)
    with pytest.raises(ConflictError) as err, db.session() as s:
        update_one_to_one(s, record.id, {"story": "mine"}, expected_version=record.version)
    assert err.value.mine == {"story": "mine"} and err.value.theirs == {"story": "theirs"}
    with db.session() as s:
        saved = update_one_to_one(s, record.id, {"story": "mine", "stage_after": "Participant"},
                                  expected_version=record.version + 1)
        assert saved.story == "mine"
        assert get_member(s, member).ladder_stage == "Participant"


def test_delete(people) -> None:
    db, organiser, member = people
    with db.session() as s:
        record = log_one_to_one(s, organiser_id=organiser, member_id=member, held_on=date(2026, 3, 5),
                                stage_after="Supporter")
    with db.session() as s:
        delete_one_to_one(s, record.id, expected_version=record.version)
    with db.session() as s:
        assert list_one_to_ones(s, member_id=member) == []
        assert stage_history(s, member)[0].one_to_one_id is None
        with pytest.raises(UserError, match="no one-to-one"):
            get_one_to_one(s, record.id)


def test_records_for_the_persons_own_data_request(people) -> None:
    db, organiser, member = people
    with db.session() as s:
        log_one_to_one(s, organiser_id=organiser, member_id=member, held_on=date(2026, 2, 5), story="Second")
        log_one_to_one(s, organiser_id=organiser, member_id=member, held_on=date(2026, 1, 5), story="First")
        log_one_to_one(s, organiser_id=member, member_id=organiser, held_on=date(2026, 1, 9), story="About Mercy")
        records = records_about_member(s, member)
    assert [r.story for r in records] == ["First", "Second"]
    assert all(to_jsonable(r)["confidential"] is True for r in records)
