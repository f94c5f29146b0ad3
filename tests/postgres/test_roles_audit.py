"""#20: on a shared database the audit trail names the person, for the app and for psql alike.

A trigger writes the trail (the login, and the member linked to it by ``db grant --member``);
the app's own audit events stand aside there, so nothing is recorded twice.
"""

from __future__ import annotations

import json

import psycopg
import pytest
from sqlalchemy import select

from communitydesk.db.engine import Database
from communitydesk.db.models import AuditEntry
from tests.postgres.test_roles import _conninfo, cli, login_url, shared_database  # noqa: F401 - fixture

pytestmark = pytest.mark.postgres


def entries(db: Database, entity: str) -> list[AuditEntry]:
    with db.session() as session:
        return list(session.scalars(select(AuditEntry).where(AuditEntry.entity == entity)
                                    .order_by(AuditEntry.id)))


def test_a_change_from_the_app_names_the_person_once(granted: dict, pg_db: Database,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    organiser = granted["logins"]["organiser"]
    ada = granted["ids"]["Ada"]
    code, _, err = cli(capsys, login_url(pg_db, organiser), "members", "edit", str(ada),
                       "--phone", "+44 7700 900123")
    assert code == 0, err
    updates = [e for e in entries(pg_db, "member") if e.action == "update" and e.entity_id == ada]
    assert len(updates) == 1  # the trigger only: the app's own events did not write a second
    assert updates[0].user_name == f"Bea Organiser ({organiser})"
    assert "phone" in json.loads(updates[0].changes)
    assert "version" not in json.loads(updates[0].changes)


def test_a_change_made_with_psql_is_recorded_with_the_login(granted: dict, pg_db: Database) -> None:
    secretary = granted["logins"]["secretary"]
    with psycopg.connect(_conninfo(pg_db.url, secretary)) as conn:
        conn.execute("UPDATE members SET notes = 'rang about the repairs' WHERE id = %s",
                     (granted["ids"]["Ada"],))
    updates = [e for e in entries(pg_db, "member") if e.action == "update"]
    assert [(e.user_name, json.loads(e.changes)) for e in updates] == [(secretary, ["notes"])]


def test_a_door_check_in_is_recorded_though_door_cannot_read_the_trail(granted: dict,
                                                                       pg_db: Database) -> None:
    door = granted["logins"]["door"]
    with psycopg.connect(_conninfo(pg_db.url, door)) as conn:
        conn.execute("INSERT INTO attendance (meeting_id, member_id, status, checked_in_at) "
                     "VALUES (%s, %s, 'present', localtimestamp(0))",
                     (granted["ids"]["meeting"], granted["ids"]["Bea"]))
        conn.commit()
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT user_name FROM audit_log")
    inserted = entries(pg_db, "attendance")
    assert [(e.action, e.user_name) for e in inserted] == [("insert", door)]


def test_many_rows_in_one_statement_are_summed_up(pg_db: Database) -> None:
    with psycopg.connect(_conninfo(pg_db.url).replace(" password=pw", "")) as conn:
        conn.execute("INSERT INTO tags (name) SELECT 'tag ' || n FROM generate_series(1, 30) n")
    assert [(e.action, json.loads(e.changes)) for e in entries(pg_db, "tag")] == [("insert", ["30 records"])]
