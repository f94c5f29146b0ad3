"""The letter preview warns when {next_meeting} would print empty for everyone (#18)."""

from __future__ import annotations

from datetime import datetime, timedelta

from communitydesk.db.engine import Database
from communitydesk.services.meetings.planning import add_meeting
from communitydesk.services.outreach.letters import DEFAULT_TEMPLATE, preview_letter
from tests.services.outreach.people import add_people


def test_no_meeting_planned_is_said_before_printing(db: Database) -> None:
    ids = list(add_people(db).values())
    with db.session() as s:
        sample = preview_letter(s, ids, DEFAULT_TEMPLATE)
        assert "{next_meeting}" in DEFAULT_TEMPLATE and "No meeting is planned yet" in sample.warning
        assert preview_letter(s, ids, "Dear {called},").warning == ""
        add_meeting(s, title="Residents' meeting", starts_at=datetime.now() + timedelta(days=7))
    with db.session() as s:
        sample = preview_letter(s, ids, DEFAULT_TEMPLATE)
    assert sample.warning == "" and "Residents' meeting" in sample.text
