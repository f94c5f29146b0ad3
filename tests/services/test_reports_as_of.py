"""Reports count only meetings that have started by the as-of date (DESIGN.md, issue 13 item 6).

Someone who came to the only meeting held so far has a rate of 100%, even though next
month's meeting is already planned; nothing about a meeting still ahead shows in any
number, rate, chart row or "last attended".
"""

from __future__ import annotations

from datetime import date

import pytest

from communitydesk.services.meetings.rows import list_meeting_rows
from communitydesk.services.reports.figures import attendance_report
from communitydesk.services.reports.periods import Period
from tests.services.report_data import ONE_SO_FAR_AS_OF as AS_OF
from tests.services.report_data import build_one_meeting_so_far

YEAR = Period(date(2026, 4, 1), date(2027, 3, 31))


@pytest.fixture
def one_meeting_so_far(any_db):
    with any_db.session() as s:
        ids = build_one_meeting_so_far(s)
    return any_db, ids


def test_only_meetings_started_by_the_as_of_date_count(one_meeting_so_far) -> None:
    db, ids = one_meeting_so_far
    with db.session() as s:
        report = attendance_report(s, YEAR, as_of=AS_OF)
    assert report.as_of == AS_OF
    assert (report.meetings, report.unique_attendees, report.new_attendees,
            report.returning_attendees, report.total_present, report.apologies) == (1, 1, 1, 0, 1, 1)
    people = {m.id: m for m in report.members}
    assert (people[ids["ann"]].present, people[ids["ann"]].eligible, people[ids["ann"]].rate) == (1, 1, 1.0)
    assert people[ids["ann"]].last_attended == date(2026, 11, 3)  # not 1 Dec
    assert (people[ids["bob"]].present, people[ids["bob"]].rate, people[ids["bob"]].last_attended) == (0, 0.0, None)
    rows = {m.id: m for m in report.meeting_rows}
    assert rows[ids["held"]].counted and rows[ids["held"]].present == 1
    assert not rows[ids["ahead"]].counted and rows[ids["ahead"]].present == 0
    assert rows[ids["ahead"]].not_counted_because == "not held yet"
    assert [(m.month, m.meetings, m.unique_attendees) for m in report.months] == [
        (date(2026, m, 1), 1 if m == 11 else 0, 1 if m == 11 else 0) for m in range(4, 12)]


def test_a_meeting_counts_from_its_own_day(one_meeting_so_far) -> None:
    db, ids = one_meeting_so_far
    with db.session() as s:
        on_the_day = attendance_report(s, YEAR, as_of=date(2026, 12, 1))
        day_before = attendance_report(s, YEAR, as_of=date(2026, 11, 30))
        everything = attendance_report(s, Period(None, None), as_of=date(2026, 11, 30))
    assert on_the_day.meetings == 2 and on_the_day.total_present == 3
    assert {m.id: m.rate for m in on_the_day.members}[ids["ann"]] == 1.0
    assert {m.id: m.rate for m in on_the_day.members}[ids["bob"]] == 0.5
    assert day_before.meetings == 1 and everything.meetings == 1
    assert everything.months[-1].month == date(2026, 11, 1)


def test_as_of_defaults_to_today(one_meeting_so_far) -> None:
    db, _ = one_meeting_so_far
    with db.session() as s:
        report = attendance_report(s, YEAR)
    assert report.as_of == date.today()


def test_meeting_list_counts_nobody_present_at_a_meeting_still_ahead(one_meeting_so_far) -> None:
    db, ids = one_meeting_so_far
    with db.session() as s:
        rows = {r.id: r for r in list_meeting_rows(s, today=AS_OF)}
    assert rows[ids["held"]].present == 1
    assert rows[ids["ahead"]].present == 0
