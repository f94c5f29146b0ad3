"""Meeting basics and typed settings."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from communitydesk.db.engine import Database
from communitydesk.errors import UserError
from communitydesk.services.meetings.planning import (
    add_meeting,
    cancel_meeting,
    list_meetings,
    parse_when,
)
from communitydesk.services.settings.group_settings import (
    DEFAULT_LADDER,
    load_settings,
    save_settings,
)


def test_add_list_cancel(any_db: Database) -> None:
    with any_db.session() as s:
        a = add_meeting(s, title="General meeting", starts_at=datetime(2026, 3, 5, 19), venue="Hall")
        add_meeting(s, title="Committee", starts_at=datetime(2026, 3, 31, 23, 30), kind="committee")
        add_meeting(s, title="April", starts_at=datetime(2026, 4, 1, 0, 0))
    with any_db.session() as s:
        march = list_meetings(s, from_date=date(2026, 3, 1), to_date=date(2026, 3, 31))
        assert [m.title for m in march] == ["General meeting", "Committee"]
        cancelled = cancel_meeting(s, a.id)
        assert cancelled.status == "cancelled"
    with any_db.session() as s:
        assert [m.status for m in list_meetings(s)] == ["cancelled", "planned", "planned"]


def test_meeting_validation() -> None:
    with pytest.raises(UserError, match="not a date and time"):
        parse_when("31/02/2026 19:00")
    assert parse_when("2026-03-05T19:00") == datetime(2026, 3, 5, 19)


def test_meeting_cannot_end_before_start(any_db: Database) -> None:
    with any_db.session() as s, pytest.raises(UserError, match="end before"):
        add_meeting(s, title="X", starts_at=datetime(2026, 3, 5, 19), ends_at=datetime(2026, 3, 5, 18))


def test_settings_defaults_and_changes(any_db: Database) -> None:
    with any_db.session() as s:
        assert load_settings(s).ladder_stages == DEFAULT_LADDER
        save_settings(s, group_name="Elm Street Food Bank", ladder_stages=["New", "Regular", "Lead"],
                      custom_key={"a": 1})
    with any_db.session() as s:
        settings = load_settings(s)
        assert settings.group_name == "Elm Street Food Bank"
        assert settings.ladder_stages == ("New", "Regular", "Lead")
        assert settings.extra["custom_key"] == {"a": 1}
        with pytest.raises(UserError, match="financial_year_start_month"):
            save_settings(s, financial_year_start_month="April")
