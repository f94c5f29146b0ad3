"""Renewals due as an audience (#18): due within N days, in grace or lapsed, from the dues book."""

from __future__ import annotations

import pytest

from communitydesk.db.engine import Database
from communitydesk.domain import Channel
from communitydesk.services.dues.status import dues_status
from communitydesk.services.outreach.audiences import (
    DUE_SOON,
    GRACE_OR_LAPSED,
    RENEWALS,
    renewals_due_ids,
)
from communitydesk.services.outreach.reach import email_addresses, reach
from tests.services.outreach.dues_people import TODAY, add_people_with_dues


def test_dues_audiences_follow_the_dues_book(db: Database) -> None:
    ids = add_people_with_dues(db)
    names = {v: k for k, v in ids.items()}
    with db.session() as s:
        states = {names[r.member_id]: r.state.value for r in dues_status(s, on=TODAY)}
        assert states == {"Zoë Ångström": "paid", "Secret Noconsent": "paid", "Łukasz Wiśniewski": "grace",
                          "Sam Phoneonly": "lapsed", "Pat Noemail": "paid"}
        due = {names[i] for i in renewals_due_ids(s, DUE_SOON, within_days=30, on=TODAY)}
        behind = {names[i] for i in renewals_due_ids(s, GRACE_OR_LAPSED, on=TODAY)}
        both = {names[i] for i in renewals_due_ids(s, RENEWALS, within_days=30, on=TODAY)}
        assert due == {"Zoë Ångström", "Secret Noconsent"}
        assert behind == {"Łukasz Wiśniewski", "Sam Phoneonly"}
        assert both == due | behind
        assert renewals_due_ids(s, DUE_SOON, within_days=10, on=TODAY) == []  # nobody ends by 25 June
        assert {names[i] for i in renewals_due_ids(s, DUE_SOON, within_days=365, on=TODAY)} == \
            due | {"Pat Noemail"}


def test_consent_still_decides_who_is_emailed(any_db: Database) -> None:
    add_people_with_dues(any_db)
    with any_db.session() as s:
        people = reach(s, renewals_due_ids(s, RENEWALS, on=TODAY), Channel.EMAIL)
    assert sorted(email_addresses(people)) == ["lukasz&co@example.org", "zoe+news@example.org"]
    assert {p.name for p in people.left_out} == {"Secret Noconsent", "Sam Phoneonly"}


def test_not_a_dues_audience_is_a_bug(db: Database) -> None:
    with db.session() as s, pytest.raises(ValueError):
        renewals_due_ids(s, "tag")
