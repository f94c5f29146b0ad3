"""`meetings edit --series`: a meeting joins or leaves a recurring series; a version per change."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from communitydesk.db.engine import Database
from communitydesk.errors import UserError
from communitydesk.services.meetings.planning import add_meeting, get_meeting_detail
from communitydesk.services.meetings.series import create_series, monthly_weekday_rule
from communitydesk.services.meetings.series_link import set_meeting_series


def test_join_and_leave_a_series(any_db: Database) -> None:
    with any_db.session() as s:
        series = create_series(s, title="Committee", rule=monthly_weekday_rule(1, 1),
                               first_day=date(2026, 1, 1), at=time(19), count=2)
        lone = add_meeting(s, title="Extra committee", starts_at=datetime(2026, 2, 20, 19))
    with any_db.session() as s:
        before = get_meeting_detail(s, lone.id)
        joined = set_meeting_series(s, lone.id, series.series_id)
    assert joined.series_id == series.series_id and joined.version == before.version + 1
    with any_db.session() as s:
        assert set_meeting_series(s, lone.id, None).series_id is None
        with pytest.raises(UserError, match="no meeting series with id 999"):
            set_meeting_series(s, lone.id, 999)
