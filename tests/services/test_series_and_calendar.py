"""Recurring series from an RRULE; the .ics file read back by a standard parser."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from communitydesk.db.models import Setting
from communitydesk.errors import UserError
from communitydesk.services.meetings.calendar_export import export_ics
from communitydesk.services.meetings.planning import add_meeting, cancel_meeting
from communitydesk.services.meetings.rows import list_meeting_rows
from communitydesk.services.meetings.series import (
    create_series,
    describe_rule,
    monthly_weekday_rule,
)
from communitydesk.services.settings.group_settings import save_settings


def test_first_tuesday_of_each_month(any_db) -> None:  # noqa: ANN001
    rule = monthly_weekday_rule(1, 1)
    assert describe_rule(rule) == "first Tuesday of each month"
    with any_db.session() as s:
        result = create_series(s, title="General meeting", rule=rule, first_day=date(2026, 1, 1),
                               at=time(19), count=4, venue="Hall")
        starts = [m.starts_at for m in result.meetings]
        assert starts == [datetime(2026, 1, 6, 19), datetime(2026, 2, 3, 19),
                          datetime(2026, 3, 3, 19), datetime(2026, 4, 7, 19)]
        assert {m.series_id for m in result.meetings} == {result.series_id}
        until = create_series(s, title="Weekly", rule="FREQ=WEEKLY;BYDAY=WE",
                              first_day=date(2026, 1, 1), at=time(18), until=date(2026, 1, 31),
                              length=timedelta(minutes=90))
        assert len(until.meetings) == 4
        assert until.meetings[0].ends_at == datetime(2026, 1, 7, 19, 30)
        with pytest.raises(UserError, match="repeat"):
            create_series(s, title="X", rule="FREQ=NONSENSE", first_day=date(2026, 1, 1), at=time(19), count=2)


def test_ics_round_trip_with_time_zone(db, tmp_path: Path) -> None:  # noqa: ANN001
    with db.session() as s:
        save_settings(s, timezone="Europe/Warsaw", group_name="Łódź tenants")
        winter = add_meeting(s, title="Zebranie – Łódź", starts_at=datetime(2026, 1, 13, 19),
                             ends_at=datetime(2026, 1, 13, 21), venue="Świetlica")
        summer = add_meeting(s, title="Summer", starts_at=datetime(2026, 7, 7, 19))
        cancel_meeting(s, summer.id)
        assert export_ics(s, tmp_path / "m.ics") == 2
    cal = Calendar.from_ical((tmp_path / "m.ics").read_bytes())
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Warsaw"]
    events = {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}
    first = events["Zebranie – Łódź"]
    assert first["DTSTART"].params["TZID"] == "Europe/Warsaw"
    start = first.decoded("DTSTART")
    assert start.astimezone(ZoneInfo("UTC")) == datetime(2026, 1, 13, 18, tzinfo=ZoneInfo("UTC"))
    assert str(first["LOCATION"]) == "Świetlica"
    assert first["UID"] == f"meeting-{winter.id}@communitydesk.local"
    july = events["Summer"].decoded("DTSTART")
    assert july.astimezone(ZoneInfo("UTC")).hour == 17  # CEST, UTC+2
    assert events["Summer"].decoded("DTEND") - july == timedelta(hours=2)
    assert str(events["Summer"]["STATUS"]) == "CANCELLED"


def test_unknown_time_zone_is_a_user_error(db, tmp_path: Path) -> None:  # noqa: ANN001
    with db.session() as s:
        with pytest.raises(UserError, match="timezone"):
            save_settings(s, timezone="Mars/Olympus")  # refused now; stored before the rule:
        s.add(Setting(key="timezone", value='"Mars/Olympus"'))
        add_meeting(s, title="X", starts_at=datetime(2026, 1, 13, 19))
        with pytest.raises(UserError, match="time zone"):
            export_ics(s, tmp_path / "m.ics")


def test_meeting_rows_count_present(demo_db) -> None:  # noqa: ANN001
    from sqlalchemy import func, select

    from communitydesk.db.models import Attendance

    with demo_db.session() as s:
        rows = list_meeting_rows(s)
        held = [r for r in rows if r.status == "held"]
        assert held and all(r.present > 0 for r in held)
        first = held[0]
        expected = s.scalar(select(func.count()).select_from(Attendance).where(
            Attendance.meeting_id == first.id, Attendance.status == "present"))
        assert first.present == expected
        assert all(r.present == 0 for r in rows if r.status == "planned")
