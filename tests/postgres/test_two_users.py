"""Two secretaries on one shared PostgreSQL database: the second save conflicts, nothing is lost.

Each "user" is a separate Database (own engine and connections) on the same real server.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

import pytest
from sqlalchemy import text
from sqlalchemy.orm.exc import StaleDataError

from communitydesk.db.engine import Database, open_database
from communitydesk.db.models import AgendaItem, Meeting, OneToOne
from communitydesk.errors import ConflictError, UserError
from communitydesk.services.core.versioned import save_versioned
from communitydesk.services.members.records import add_member, get_member, update_member

pytestmark = pytest.mark.postgres


@pytest.fixture
def second_user(pg_db: Database, paths) -> Iterator[Database]:
    other = open_database(pg_db.url, backups_dir=paths.backups_dir)
    other.set_audit_user("second-secretary")
    yield other
    other.dispose()


def test_member_edit_conflict_keeps_both_versions(pg_db: Database, second_user: Database) -> None:
    with pg_db.session() as s:
        member_id = add_member(s, first_name="Halina", last_name="Kowalska", phone="0111").id
    with pg_db.session() as s:
        mine_loaded = get_member(s, member_id)
    with second_user.session() as s:
        theirs_loaded = get_member(s, member_id)
    with second_user.session() as s:
        update_member(s, member_id, {"phone": "0222"}, expected_version=theirs_loaded.version)
    with pytest.raises(ConflictError) as caught, pg_db.session() as s:
        update_member(s, member_id, {"phone": "0333", "notes": "call after six"},
                      expected_version=mine_loaded.version)
    assert caught.value.mine["phone"] == "0333" and caught.value.theirs["phone"] == "0222"
    merged = {**caught.value.mine, "phone": caught.value.theirs["phone"]}  # the user's choice
    with pg_db.session() as s:
        current = get_member(s, member_id).version
        update_member(s, member_id, merged, expected_version=current)
    with second_user.session() as s:
        final = get_member(s, member_id)
    assert final.phone == "0222" and final.notes == "call after six"


def _meeting_with_item(db: Database) -> tuple[int, int]:
    with db.session() as s:
        meeting = Meeting(title="General meeting", starts_at=datetime(2026, 3, 5, 19, 0))
        s.add(meeting)
        s.flush()
        item = AgendaItem(meeting_id=meeting.id, position=1, title="Repairs")
        s.add(item)
        s.flush()
        return meeting.id, item.id


@pytest.mark.parametrize("what", ["meeting", "minutes", "one_to_one"])
def test_versioned_records_conflict_on_the_second_save(pg_db: Database, second_user: Database,
                                                       what: str) -> None:
    meeting_id, item_id = _meeting_with_item(pg_db)
    if what == "meeting":
        model, row_id, mine, theirs = Meeting, meeting_id, {"venue": "Hall A"}, {"venue": "Hall B"}
    elif what == "minutes":
        model, row_id = AgendaItem, item_id
        mine, theirs = {"minutes": "Agreed to write to the landlord"}, {"minutes": "Deferred"}
    else:
        with pg_db.session() as s:
            a = add_member(s, first_name="Org", last_name="One").id
            b = add_member(s, first_name="Mem", last_name="Two").id
            o = OneToOne(organiser_id=a, member_id=b, held_on=date(2026, 3, 1))
            s.add(o)
            s.flush()
            row_id = o.id
        model, mine, theirs = OneToOne, {"story": "Mine"}, {"story": "Theirs"}
    with pg_db.session() as s:
        loaded_version = s.get(model, row_id).version
    with second_user.session() as s:
        save_versioned(s, model, row_id, theirs, expected_version=loaded_version)
    with pytest.raises(ConflictError) as caught, pg_db.session() as s:
        save_versioned(s, model, row_id, mine, expected_version=loaded_version)
    assert caught.value.mine == mine and caught.value.theirs == theirs
    with second_user.session() as s:  # the first save is intact
        assert {k: getattr(s.get(model, row_id), k) for k in theirs} == theirs


def test_orm_version_column_catches_concurrent_flushes(pg_db: Database, second_user: Database) -> None:
    """Both load, both change in open transactions: the version column stops the second write."""
    meeting_id, _ = _meeting_with_item(pg_db)
    with pg_db.session() as s1:
        m1 = s1.get(Meeting, meeting_id)
        with second_user.session() as s2:
            s2.get(Meeting, meeting_id).notes = "second user's notes"
        m1.notes = "first user's notes"
        with pytest.raises(StaleDataError):
            s1.flush()
        s1.rollback()
    with second_user.session() as s:
        assert s.get(Meeting, meeting_id).notes == "second user's notes"


def test_dropped_connection_says_so_and_a_retry_works(pg_db: Database, pg_server) -> None:
    with pg_db.session() as s:
        member_id = add_member(s, first_name="Net", last_name="Drop").id
    admin = open_database(pg_db.url, backups_dir=pg_db.backups_dir, upgrade=False)
    try:
        with pytest.raises(UserError, match="lost the connection") as caught, pg_db.session() as s:
            record = get_member(s, member_id)  # the form is loaded...
            with admin.engine.connect() as conn:  # ...then the network drops
                conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                  "WHERE datname = current_database() AND pid <> pg_backend_pid()"))
            update_member(s, member_id, {"notes": "typed while offline"},
                          expected_version=record.version)
        assert "try again" in str(caught.value)
    finally:
        admin.dispose()
    with pg_db.session() as s:  # retry with the text the form kept
        update_member(s, member_id, {"notes": "typed while offline"}, expected_version=1)
    with pg_db.session() as s:
        assert get_member(s, member_id).notes == "typed while offline"
