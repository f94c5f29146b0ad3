"""Open actions are carried into the next meeting as matters arising, and resolved there."""

from __future__ import annotations

from datetime import date, datetime, time

from communitydesk.db.engine import Database
from communitydesk.services.meetings.actions import add_action, list_actions
from communitydesk.services.meetings.agenda import apply_agenda_template, list_agenda
from communitydesk.services.meetings.matters_arising import (
    agenda_with_arising,
    carry_forward_open_actions,
    matters_arising,
    resolve_arising,
)
from communitydesk.services.meetings.planning import add_meeting
from communitydesk.services.meetings.series import create_series
from communitydesk.services.members.records import add_member
from communitydesk.services.settings.group_settings import DEFAULT_AGENDA


def test_series_carries_actions_forward_and_finishing_removes_them(any_db: Database) -> None:
    with any_db.session() as s:
        ann = add_member(s, first_name="Ann", last_name="Lee")
        bob = add_member(s, first_name="Łukasz", last_name="Wiśniewski")
        series = create_series(s, title="General meeting", rule="FREQ=MONTHLY;BYDAY=1TU",
                               first_day=date(2026, 1, 1), at=time(19), count=3)
        first, second, third = (m.id for m in series.meetings)
        for m in series.meetings:
            apply_agenda_template(s, m.id, DEFAULT_AGENDA)
        letter = add_action(s, meeting_id=first, description="Write to the landlord",
                            owner_id=ann.id, due_on=date(2026, 1, 20))
        leaflet = add_action(s, meeting_id=first, description="Print 200 leaflets", owner_id=bob.id)
        other = add_meeting(s, title="Unrelated social", starts_at=datetime(2025, 12, 1, 14))
        add_action(s, meeting_id=other.id, description="Not in this series")

    with any_db.session() as s:
        agenda = agenda_with_arising(s, second)
        arising = {e.title: [a.description for a in acts] for e, acts in agenda}
        assert arising["Matters arising"] == ["Write to the landlord", "Print 200 leaflets"]
        assert all(not acts for e, acts in agenda if e.title != "Matters arising")
        resolve_arising(s, letter.id, at_meeting_id=second, resolution="done")
        resolve_arising(s, leaflet.id, at_meeting_id=second, resolution="carry on",
                        due_on=date(2026, 3, 1))

    with any_db.session() as s:
        at_second = {a.description: a.status for a in matters_arising(s, second)}
        assert at_second == {"Write to the landlord": "done", "Print 200 leaflets": "open"}
        at_third = matters_arising(s, third)
        assert [a.description for a in at_third] == ["Print 200 leaflets"]
        assert at_third[0].due_on == date(2026, 3, 1) and "Carried on" in (at_third[0].note or "")
        assert [a.description for a in list_actions(s, open_only=True, owner_id=ann.id)] == []


def test_meeting_without_series_sees_every_earlier_meeting(any_db: Database) -> None:
    with any_db.session() as s:
        a = add_meeting(s, title="Committee", starts_at=datetime(2026, 1, 5, 19))
        b = add_meeting(s, title="Action planning", starts_at=datetime(2026, 1, 12, 19))
        c = add_meeting(s, title="Open meeting", starts_at=datetime(2026, 1, 19, 19))
        add_action(s, meeting_id=a.id, description="Book the hall")
        add_action(s, meeting_id=b.id, description="Call the council")
        assert [x.description for x in matters_arising(s, c.id)] == ["Book the hall", "Call the council"]
        assert [x.description for x in matters_arising(s, a.id)] == []


def test_carry_forward_adds_the_agenda_item_once(any_db: Database) -> None:
    with any_db.session() as s:
        a = add_meeting(s, title="One", starts_at=datetime(2026, 1, 5, 19))
        b = add_meeting(s, title="Two", starts_at=datetime(2026, 2, 5, 19))
        apply_agenda_template(s, b.id, ("Welcome and apologies", "Minutes of the last meeting", "AOB"))
        add_action(s, meeting_id=a.id, description="Book the hall")
        carried = carry_forward_open_actions(s, b.id)
        again = carry_forward_open_actions(s, b.id)
        assert carried.agenda_item_id == again.agenda_item_id
        titles = [e.title for e in list_agenda(s, b.id)]
        assert titles == ["Welcome and apologies", "Minutes of the last meeting", "Matters arising", "AOB"]
        assert [x.description for x in carried.actions] == ["Book the hall"]
        # nothing to carry: no item added
        assert carry_forward_open_actions(s, a.id).agenda_item_id is None


def test_printed_matters_arising_match_the_screen(any_db: Database) -> None:
    from communitydesk.services.meetings.actions import open_actions_before

    with any_db.session() as s:
        series = create_series(s, title="General", rule="FREQ=MONTHLY;BYDAY=1TU",
                               first_day=date(2026, 1, 1), at=time(19), count=2)
        first, second = (m.id for m in series.meetings)
        add_action(s, meeting_id=first, description="In the series")
        other = add_meeting(s, title="Social", starts_at=datetime(2026, 1, 10, 14))
        add_action(s, meeting_id=other.id, description="Elsewhere")
        assert [a.description for a in open_actions_before(s, second)] == ["In the series"]
        assert [a.description for a in matters_arising(s, second)] == ["In the series"]
