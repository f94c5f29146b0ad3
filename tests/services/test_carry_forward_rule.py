"""Carry-forward is a rule of the meetings service (issue 13 item 7), not a side effect of viewing.

Whatever creates the next meeting (service, CLI, window) or raises an action gives the
later meetings their "Matters arising" item; reading an agenda never writes.
"""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import func, select

from communitydesk.db.engine import Database
from communitydesk.db.models import ActionItem, AgendaItem, Meeting
from communitydesk.services.meetings.actions import add_action, close_action
from communitydesk.services.meetings.agenda import add_agenda_item, list_agenda
from communitydesk.services.meetings.documents import agenda_data, meeting_pack_data
from communitydesk.services.meetings.matters_arising import agenda_with_arising
from communitydesk.services.meetings.minutes import approve_minutes
from communitydesk.services.meetings.planning import add_meeting, duplicate_meeting
from communitydesk.services.meetings.series import create_series


def _arising(s, meeting_id: int) -> dict[str, list[str]]:  # noqa: ANN001
    return {e.title: [a.description for a in acts] for e, acts in agenda_with_arising(s, meeting_id)}


def test_the_next_meeting_created_after_an_open_action_carries_it(any_db: Database) -> None:
    with any_db.session() as s:
        a = add_meeting(s, title="November general", starts_at=datetime(2026, 11, 3, 19))
        add_agenda_item(s, a.id, title="Rent strike")
        add_action(s, meeting_id=a.id, description="Book the hall")
        b = add_meeting(s, title="December general", starts_at=datetime(2026, 12, 1, 19))
    with any_db.session() as s:  # a fresh read, nobody "opened" B
        assert _arising(s, b.id) == {"Matters arising": ["Book the hall"]}
        printed = agenda_data(s, b.id)
        assert [i.title for i in printed.items] == ["Matters arising"]
        assert [x.description for x in printed.matters_arising] == ["Book the hall"]
        assert _arising(s, a.id) == {"Rent strike": []}  # nothing earlier: no item


def test_an_action_raised_after_the_next_meeting_exists_reaches_it(any_db: Database) -> None:
    with any_db.session() as s:
        series = create_series(s, title="General", rule="FREQ=MONTHLY;BYDAY=1TU",
                               first_day=date(2026, 1, 1), at=time(19), count=3)
        first, second, third = (m.id for m in series.meetings)
        for title in ("Welcome and apologies", "Minutes of the last meeting", "AOB"):
            add_agenda_item(s, second, title=title)
        add_action(s, meeting_id=first, description="Write to the landlord")
        other = add_meeting(s, title="Social", starts_at=datetime(2026, 1, 10, 14))
        add_action(s, meeting_id=other.id, description="Not in the series")
    with any_db.session() as s:
        assert [e.title for e in list_agenda(s, second)] == [
            "Welcome and apologies", "Minutes of the last meeting", "Matters arising", "AOB"]
        assert _arising(s, second)["Matters arising"] == ["Write to the landlord"]
        assert _arising(s, third) == {"Matters arising": ["Write to the landlord"]}
        assert _arising(s, first) == {}


def test_duplicating_and_reopening_carry_too(any_db: Database) -> None:
    with any_db.session() as s:
        a = add_meeting(s, title="Committee", starts_at=datetime(2026, 2, 2, 19))
        action = add_action(s, meeting_id=a.id, description="Order leaflets")
        close_action(s, action.id, status="done")
        b = duplicate_meeting(s, a.id, starts_at=datetime(2026, 3, 2, 19))
        assert _arising(s, b.id) == {}  # nothing open when it was made
        close_action(s, action.id, status="open")
        assert _arising(s, b.id) == {"Matters arising": ["Order leaflets"]}
        c = duplicate_meeting(s, a.id, starts_at=datetime(2026, 4, 6, 19))
        assert _arising(s, c.id) == {"Matters arising": ["Order leaflets"]}


def test_approved_and_cancelled_meetings_are_left_alone(any_db: Database) -> None:
    with any_db.session() as s:
        a = add_meeting(s, title="One", starts_at=datetime(2026, 1, 5, 19))
        b = add_meeting(s, title="Two", starts_at=datetime(2026, 2, 5, 19))
        c = add_meeting(s, title="Three", starts_at=datetime(2026, 3, 5, 19))
        add_agenda_item(s, b.id, title="Reports")
        approve_minutes(s, b.id, at_meeting_id=c.id, today=date(2026, 3, 6))
        add_action(s, meeting_id=a.id, description="Book the hall")
        assert [e.title for e in list_agenda(s, b.id)] == ["Reports"]
        assert [e.title for e in list_agenda(s, c.id)] == ["Matters arising"]


def _counts(s) -> tuple:  # noqa: ANN001
    return tuple(s.scalar(select(func.count()).select_from(t)) for t in (AgendaItem, ActionItem, Meeting))


def test_reading_an_agenda_never_writes(any_db: Database) -> None:
    with any_db.session() as s:
        a = add_meeting(s, title="One", starts_at=datetime(2026, 1, 5, 19))
        b = add_meeting(s, title="Two", starts_at=datetime(2026, 2, 5, 19))
        # an action added straight in the table (an old database): the rule never ran for it
        s.add(ActionItem(meeting_id=a.id, description="From an old database"))
    with any_db.session() as s:
        before = _counts(s)
        assert _arising(s, b.id) == {}
        assert [x.description for x in agenda_data(s, b.id).matters_arising] == ["From an old database"]
        meeting_pack_data(s, b.id)
        assert not s.new and not s.dirty
        assert _counts(s) == before


def test_template_keeps_matters_arising_after_the_last_minutes(any_db: Database) -> None:
    """A meeting made with the template gets the carried item in the template's place."""
    from communitydesk.services.meetings.agenda import apply_agenda_template
    from communitydesk.services.meetings.series import plan_meetings
    from communitydesk.services.settings.group_settings import DEFAULT_AGENDA

    with any_db.session() as s:
        a = add_meeting(s, title="One", starts_at=datetime(2026, 1, 5, 19))
        add_action(s, meeting_id=a.id, description="Book the hall")
        (b,) = plan_meetings(s, {"title": "Two", "starts_at": datetime(2026, 2, 5, 19)},
                             use_template=True)
        assert [e.title for e in list_agenda(s, b)] == list(DEFAULT_AGENDA)
        assert _arising(s, b)["Matters arising"] == ["Book the hall"]
        c = add_meeting(s, title="Three", starts_at=datetime(2026, 3, 5, 19))  # from the CLI
        add_agenda_item(s, c.id, title="Rent strike")
        apply_agenda_template(s, c.id, DEFAULT_AGENDA)  # later, "Add template items"
        titles = [e.title for e in list_agenda(s, c.id)]
        assert titles[:2] == ["Matters arising", "Rent strike"]  # own items keep their order
