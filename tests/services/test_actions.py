"""Raising, editing, closing and reopening actions; bad input and conflicts."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from communitydesk.errors import ConflictError, UserError
from communitydesk.services.meetings.actions import (
    add_action,
    close_action,
    list_actions,
    update_action,
)
from communitydesk.services.meetings.agenda import add_agenda_item
from communitydesk.services.meetings.planning import add_meeting
from communitydesk.services.members.records import add_member


def test_raise_edit_close_reopen(any_db) -> None:  # noqa: ANN001
    with any_db.session() as s:
        ann = add_member(s, first_name="Ann", last_name="Lee")
        m = add_meeting(s, title="General", starts_at=datetime(2026, 3, 3, 19))
        later = add_meeting(s, title="General", starts_at=datetime(2026, 4, 7, 19))
        item = add_agenda_item(s, m.id, title="Repairs")
        a = add_action(s, meeting_id=m.id, description="  Photograph the damp  ", owner_id=ann.id,
                       agenda_item_id=item.id)
        assert a.description == "Photograph the damp" and a.agenda_item_id == item.id
        b = add_action(s, meeting_id=m.id, description="Undated")
        edited = update_action(s, a.id, {"due_on": date(2026, 3, 1)}, expected_version=a.version)
        assert edited.is_overdue(date(2026, 3, 2)) and not edited.is_overdue(date(2026, 3, 1))
        assert [x.id for x in list_actions(s)] == [a.id, b.id]  # dated first
        done = close_action(s, a.id, status="done", at_meeting_id=later.id, note="Sent to the council")
        assert done.status == "done" and done.closed_at_meeting_id == later.id
        assert not done.is_overdue(date(2027, 1, 1))
        assert [x.id for x in list_actions(s, open_only=True)] == [b.id]
        reopened = close_action(s, a.id, status="open")
        assert reopened.status == "open" and reopened.closed_at_meeting_id is None


def test_bad_input_names_the_field(any_db) -> None:  # noqa: ANN001
    with any_db.session() as s:
        m = add_meeting(s, title="General", starts_at=datetime(2026, 3, 3, 19))
        other = add_meeting(s, title="Other", starts_at=datetime(2026, 3, 4, 19))
        item = add_agenda_item(s, other.id, title="Elsewhere")
        with pytest.raises(UserError, match="description"):
            add_action(s, meeting_id=m.id, description="   ")
        with pytest.raises(UserError, match="owner: no member with id 99"):
            add_action(s, meeting_id=m.id, description="X", owner_id=99)
        with pytest.raises(UserError, match="not on meeting"):
            add_action(s, meeting_id=m.id, description="X", agenda_item_id=item.id)
        with pytest.raises(UserError, match="no meeting with id 42"):
            add_action(s, meeting_id=42, description="X")
        a = add_action(s, meeting_id=m.id, description="X")
        with pytest.raises(UserError, match="status"):
            close_action(s, a.id, status="finished")
        with pytest.raises(UserError, match="unknown action field"):
            update_action(s, a.id, {"status": "done"})


def test_closing_a_stale_action_is_a_conflict(any_db) -> None:  # noqa: ANN001
    with any_db.session() as s:
        m = add_meeting(s, title="General", starts_at=datetime(2026, 3, 3, 19))
        a = add_action(s, meeting_id=m.id, description="Book the hall")
    with any_db.session() as s:
        update_action(s, a.id, {"description": "Book the big hall"}, expected_version=a.version)
    with any_db.session() as s, pytest.raises(ConflictError) as caught:
        close_action(s, a.id, status="done", expected_version=a.version)
    assert caught.value.theirs["description"] == "Book the big hall"
