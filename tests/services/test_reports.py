"""Report maths on a hand-computed group (tests/services/report_data.py), SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest

from communitydesk.errors import UserError
from communitydesk.services.reports.figures import attendance_report
from communitydesk.services.reports.periods import Period
from tests.services.report_data import PERIOD, build_report_group


@pytest.fixture
def group(any_db):
    with any_db.session() as s:
        ids = build_report_group(s)
    return any_db, ids


def _report(db, **kw):
    with db.session() as s:
        return attendance_report(s, Period(*PERIOD), **kw)


def test_headline_numbers_match_the_hand_count(group) -> None:
    db, _ = group
    r = _report(db)
    # M1, M2, M4, M5 count; M3 is cancelled, M0 and M6 are outside.
    assert r.meetings == 4
    assert r.unique_attendees == 4  # Ann, Łukasz, Bob, Cat (Dan only sent apologies)
    assert r.new_attendees == 2  # Bob (his M3 presence was cancelled), Cat the guest
    assert r.returning_attendees == 2  # Ann and Łukasz came in December
    assert r.total_present == 8
    assert r.apologies == 2


def test_per_member_rates_use_joined_on_or_first_attendance(group) -> None:
    db, ids = group
    rows = {m.id: m for m in _report(db).members}
    assert set(rows) == {ids[k] for k in ("ann", "bob", "cat", "dan", "luk")}  # Eve never came
    assert (rows[ids["ann"]].present, rows[ids["ann"]].rate) == (3, 0.75)
    assert (rows[ids["bob"]].eligible, rows[ids["bob"]].rate) == (2, 1.0)  # joined 15 Feb
    assert (rows[ids["cat"]].eligible, rows[ids["cat"]].rate) == (2, 1.0)  # first came 10 Mar
    assert (rows[ids["dan"]].present, rows[ids["dan"]].apologies, rows[ids["dan"]].absent) == (0, 2, 1)
    assert rows[ids["dan"]].rate == 0.0
    assert rows[ids["luk"]].rate == 0.25 and rows[ids["luk"]].name == "Łukasz Żółw"
    assert rows[ids["ann"]].last_attended == date(2026, 3, 10)  # not April's meeting
    assert rows[ids["dan"]].last_attended is None
    assert rows[ids["bob"]].new and not rows[ids["ann"]].new


def test_meeting_and_month_rows(group) -> None:
    db, ids = group
    r = _report(db)
    meetings = {m.id: m for m in r.meeting_rows}
    assert set(meetings) == {ids[k] for k in ("M1", "M2", "M3", "M4", "M5")}
    assert not meetings[ids["M3"]].counted and meetings[ids["M3"]].present == 0
    assert (meetings[ids["M4"]].present, meetings[ids["M4"]].absent, meetings[ids["M4"]].new) == (3, 1, 2)
    assert [(m.month.month, m.meetings, m.unique_attendees, m.new_attendees, m.returning_attendees)
            for m in r.months] == [(1, 1, 2, 0, 2), (2, 1, 1, 0, 1), (3, 2, 3, 2, 1)]


def test_tag_and_kind_filters(group) -> None:
    db, ids = group
    tagged = _report(db, tag="tenants")
    assert (tagged.meetings, tagged.unique_attendees, tagged.new_attendees,
            tagged.total_present, tagged.apologies) == (4, 2, 1, 3, 0)
    assert {m.id for m in tagged.members} == {ids["cat"], ids["luk"]}
    general = _report(db, kind="general")
    assert (general.meetings, general.unique_attendees, general.new_attendees,
            general.returning_attendees, general.total_present, general.apologies) == (2, 4, 2, 2, 5, 1)
    assert {m.id: m.rate for m in general.members}[ids["bob"]] == 1.0


def test_bad_filters_are_user_errors(group) -> None:
    db, _ = group
    with pytest.raises(UserError, match="tag"):
        _report(db, tag="Nobody")
    with pytest.raises(UserError, match="kind"):
        _report(db, kind="party")


def test_empty_period_and_everything(group) -> None:
    db, _ = group
    with db.session() as s:
        empty = attendance_report(s, Period(date(2030, 1, 1), date(2030, 1, 31)))
        everything = attendance_report(s, Period(None, None))
    assert (empty.meetings, empty.unique_attendees, empty.members) == (0, 0, ())
    assert everything.meetings == 6 and everything.new_attendees == everything.unique_attendees == 4


def test_both_query_plans_for_earlier_attendance_agree(group, monkeypatch) -> None:
    """Few earlier meetings are scanned; many are probed per person: same answers."""
    from communitydesk.services.attendance import history as attendance_history

    db, _ = group
    scanned = _report(db)
    monkeypatch.setattr(attendance_history, "_SCAN_LIMIT", 0)
    probed = _report(db)
    assert probed == scanned
    assert _report(db, tag="Tenants").returning_attendees == 1
