"""The one parser for dates people type: ISO or the day-first form, with or without a time."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from communitydesk.errors import UserError
from communitydesk.io.dates import parse_day, parse_when
from communitydesk.services.meetings import planning as meetings


def test_days_in_iso_or_day_first() -> None:
    for text in ("2026-12-10", "10/12/2026", "10.12.2026", " 10/12/26 "):
        assert parse_day(text) == date(2026, 12, 10), text
    for bad in ("12/31/2026", "tomorrow", "2026-02-30", "", "10/12/2026 19:00"):
        with pytest.raises(UserError, match="--due: .* like 2026-12-10 or 10/12/2026"):
            parse_day(bad, field="--due")


def test_times_in_iso_or_day_first() -> None:
    for text in ("2026-12-10 19:00", "2026-12-10T19:00", "10/12/2026 19:00", "10/12/2026 19:00:00"):
        assert parse_when(text) == datetime(2026, 12, 10, 19, 0), text
    assert parse_when("10/12/2026") == datetime(2026, 12, 10)
    for bad in ("10/12/2026 25:00", "10/12/2026 7pm", "next week"):
        with pytest.raises(UserError, match="--starts: .*10/12/2026 19:00"):
            parse_when(bad, field="--starts")


def test_the_services_use_the_same_parser() -> None:
    assert meetings.parse_day("10/12/2026") == date(2026, 12, 10)
    assert meetings.parse_when("10/12/2026 19:00") == datetime(2026, 12, 10, 19, 0)
