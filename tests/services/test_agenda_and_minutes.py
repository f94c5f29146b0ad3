"""Agenda ordering, running times, minutes stored exactly, approval makes them read-only."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

import pytest

from communitydesk.db.engine import open_database
from communitydesk.errors import ConflictError, UserError
from communitydesk.services.meetings.actions import add_action
from communitydesk.services.meetings.agenda import (
    add_agenda_item,
    list_agenda,
    move_agenda_item,
    remove_agenda_item,
    reorder_agenda,
    update_agenda_item,
)
from communitydesk.services.meetings.minutes import approve_minutes, reopen_minutes, set_minutes
from communitydesk.services.meetings.planning import (
    add_meeting,
    duplicate_meeting,
    get_meeting_detail,
    update_meeting,
)

MINUTES = "Zoë Öztürk reported: «Ремонт» done.\n\n  • Łódź visit — 3 people\r\nΚαλημέρα!  \n"


def test_agenda_order_and_running_times(any_db) -> None:  # noqa: ANN001
    with any_db.session() as s:
        m = add_meeting(s, title="General", starts_at=datetime(2026, 3, 5, 19))
        a = add_agenda_item(s, m.id, title="Welcome", duration_minutes=5)
        b = add_agenda_item(s, m.id, title="Reports", presenter="Treasurer", duration_minutes=20)
        c = add_agenda_item(s, m.id, title="AOB", duration_minutes=10)
        first = add_agenda_item(s, m.id, title="Apologies", position=2, duration_minutes=5)
        items = list_agenda(s, m.id)
        assert [i.title for i in items] == ["Welcome", "Apologies", "Reports", "AOB"]
        assert [i.position for i in items] == [1, 2, 3, 4]
        assert [i.ends_at.time() for i in items] == [time(19, 5), time(19, 10), time(19, 30), time(19, 40)]
        move_agenda_item(s, c.id, -10)
        assert [i.title for i in list_agenda(s, m.id)][0] == "AOB"
        reorder_agenda(s, m.id, [a.id, first.id, b.id, c.id])
        remove_agenda_item(s, first.id)
        assert [(i.position, i.title) for i in list_agenda(s, m.id)] == [
            (1, "Welcome"), (2, "Reports"), (3, "AOB")]
        with pytest.raises(UserError, match="every agenda item"):
            reorder_agenda(s, m.id, [a.id])
        with pytest.raises(UserError, match="minutes"):
            add_agenda_item(s, m.id, title="Long", duration_minutes="lots")  # type: ignore[arg-type]


def test_minutes_survive_a_fresh_engine_exactly(tmp_path: Path) -> None:
    path = str(tmp_path / "minutes.sqlite3")
    db = open_database(path, backups_dir=tmp_path / "b")
    with db.session() as s:
        m = add_meeting(s, title="General", starts_at=datetime(2026, 3, 5, 19))
        add_agenda_item(s, m.id, title="Reports")
        set_minutes(s, m.id, 1, text=MINUTES, decision="Agreed: write to Mr Şahin\nby Friday")
    db.dispose()
    again = open_database(path, backups_dir=tmp_path / "b")
    with again.session() as s:
        item = list_agenda(s, m.id)[0]
        assert item.minutes == MINUTES
        assert item.decision == "Agreed: write to Mr Şahin\nby Friday"
    again.dispose()


def test_minutes_survive_on_postgres(pg_db) -> None:  # noqa: ANN001
    with pg_db.session() as s:
        m = add_meeting(s, title="General", starts_at=datetime(2026, 3, 5, 19))
        add_agenda_item(s, m.id, title="Reports")
        set_minutes(s, m.id, 1, text=MINUTES)
    with pg_db.session() as s:
        assert list_agenda(s, m.id)[0].minutes == MINUTES


def test_approved_minutes_are_read_only_until_reopened(any_db) -> None:  # noqa: ANN001
    with any_db.session() as s:
        m = add_meeting(s, title="General", starts_at=datetime(2026, 3, 5, 19))
        later = add_meeting(s, title="General", starts_at=datetime(2026, 4, 2, 19))
        item = add_agenda_item(s, m.id, title="Reports")
        set_minutes(s, m.id, 1, text="First draft")
        with pytest.raises(UserError, match="a later meeting"):
            approve_minutes(s, later.id, at_meeting_id=m.id)
        approval = approve_minutes(s, m.id, at_meeting_id=later.id, today=date(2026, 4, 2))
        assert approval.approved and approval.approved_at_meeting_id == later.id
        assert get_meeting_detail(s, m.id).minutes_approved
    with any_db.session() as s:
        for attempt in (
            lambda: set_minutes(s, m.id, 1, text="Changed"),
            lambda: update_agenda_item(s, item.id, {"title": "X"}),
            lambda: add_agenda_item(s, m.id, title="New"),
            lambda: add_action(s, meeting_id=m.id, description="Sneaky"),
            lambda: remove_agenda_item(s, item.id),
        ):
            with pytest.raises(UserError, match="approved and read-only"):
                attempt()
        assert list_agenda(s, m.id)[0].minutes == "First draft"
        reopen_minutes(s, m.id)
        set_minutes(s, m.id, 1, text="Corrected")
        assert list_agenda(s, m.id)[0].minutes == "Corrected"


def test_agenda_item_conflict(any_db) -> None:  # noqa: ANN001
    with any_db.session() as s:
        m = add_meeting(s, title="General", starts_at=datetime(2026, 3, 5, 19))
        item = add_agenda_item(s, m.id, title="Reports")
    with any_db.session() as s:
        update_agenda_item(s, item.id, {"minutes": "theirs"}, expected_version=item.version)
    with any_db.session() as s, pytest.raises(ConflictError) as caught:
        update_agenda_item(s, item.id, {"minutes": "mine"}, expected_version=item.version)
    assert caught.value.mine["minutes"] == "mine" and caught.value.theirs["minutes"] == "theirs"


def test_update_and_duplicate_meeting(any_db) -> None:  # noqa: ANN001
    with any_db.session() as s:
        m = add_meeting(s, title="General", starts_at=datetime(2026, 3, 5, 19),
                        ends_at=datetime(2026, 3, 5, 21), venue="Hall")
        add_agenda_item(s, m.id, title="Welcome", duration_minutes=5, presenter="Chair")
        add_agenda_item(s, m.id, title="Reports")
        set_minutes(s, m.id, 2, text="Not copied")
        detail = get_meeting_detail(s, m.id)
    with any_db.session() as s:
        update_meeting(s, m.id, {"venue": "Library"}, expected_version=detail.version)
    with any_db.session() as s:
        with pytest.raises(ConflictError):
            update_meeting(s, m.id, {"venue": "Pub"}, expected_version=detail.version)
        copy = duplicate_meeting(s, m.id, starts_at=datetime(2026, 4, 2, 18, 30))
        assert copy.ends_at == datetime(2026, 4, 2, 20, 30) and copy.venue == "Library"
        items = list_agenda(s, copy.id)
        assert [(i.title, i.presenter, i.minutes) for i in items] == [
            ("Welcome", "Chair", None), ("Reports", None, None)]
        with pytest.raises(UserError, match="end before"):
            update_meeting(s, m.id, {"ends_at": datetime(2026, 3, 5, 18)})
