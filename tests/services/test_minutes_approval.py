"""Minutes are approved only for a meeting that has taken place, at a later one that has too
(issue 13 item 9: "Approve minutes" was offered for a meeting not yet held)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from communitydesk.db.engine import Database
from communitydesk.errors import UserError
from communitydesk.services.meetings.minutes import approval_choices, approve_minutes
from communitydesk.services.meetings.planning import add_meeting, get_meeting_detail

TODAY = date(2026, 11, 20)


@pytest.fixture
def three(any_db: Database):
    with any_db.session() as s:
        october = add_meeting(s, title="October", starts_at=datetime(2026, 10, 6, 19)).id
        november = add_meeting(s, title="November", starts_at=datetime(2026, 11, 3, 19)).id
        december = add_meeting(s, title="December", starts_at=datetime(2026, 12, 1, 19)).id
    return any_db, october, november, december


def test_minutes_of_a_meeting_not_yet_held_cannot_be_approved(three) -> None:
    db, october, november, december = three
    with db.session() as s, pytest.raises(UserError, match="has not taken place yet"):
        approve_minutes(s, december, at_meeting_id=december, today=TODAY)
    with db.session() as s:
        assert not get_meeting_detail(s, december).minutes_approved


def test_approval_is_at_a_later_meeting_that_has_taken_place(three) -> None:
    db, october, november, december = three
    with db.session() as s:
        with pytest.raises(UserError, match="not taken place yet"):
            approve_minutes(s, november, at_meeting_id=december, today=TODAY)
        with pytest.raises(UserError, match="later meeting"):
            approve_minutes(s, november, at_meeting_id=november, today=TODAY)
        with pytest.raises(UserError, match="later meeting"):
            approve_minutes(s, november, at_meeting_id=october, today=TODAY)
        approval = approve_minutes(s, october, at_meeting_id=november, today=TODAY)
        assert approval.approved and approval.approved_at_meeting_id == november
        # on 1 December itself the December meeting counts as held
        approve_minutes(s, november, at_meeting_id=december, today=date(2026, 12, 1))


def test_the_choices_the_window_offers(three) -> None:
    db, october, november, december = three
    with db.session() as s:
        assert approval_choices(s, december, today=TODAY).reason == (
            "December has not taken place yet: minutes are approved after the meeting.")
        choices = approval_choices(s, october, today=TODAY)
        assert choices.reason is None and [m.id for m in choices.meetings] == [november]
        none_yet = approval_choices(s, november, today=TODAY)
        assert none_yet.meetings == () and "no later meeting has taken place" in none_yet.reason
