"""#20: what each login may use, read from PostgreSQL in one round trip (the window follows it)."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from communitydesk.db.engine import Database, open_database
from communitydesk.services.core.permissions import CAPABILITIES, Permissions, login_permissions
from tests.postgres.test_roles import login_url, shared_database  # noqa: F401 - fixture

pytestmark = pytest.mark.postgres

EVERY = set(CAPABILITIES)
# role -> (may read, may change): what db/roles.py grants, as the window must show it
EXPECTED = {
    "admin": (EVERY, EVERY),
    "secretary": (EVERY - {"one_to_ones", "backups"},
                  {"members", "meetings", "minutes", "actions", "attendance", "motions", "reports", "settings"}),
    "treasurer": ({"members", "meetings", "minutes", "actions", "attendance", "dues", "motions", "reports",
                   "settings"}, {"dues"}),
    "organiser": ({"members", "meetings", "minutes", "actions", "attendance", "one_to_ones", "motions",
                   "reports", "settings"}, {"actions", "one_to_ones"}),
    "door": ({"attendance", "settings"}, {"attendance"}),
}


def _permissions(db: Database) -> tuple[Permissions, int]:
    statements = []
    event.listen(db.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    with db.session() as session:
        statements.clear()  # the session's own set-up is not the read
        found = login_permissions(session)
    return found, len(statements)


@pytest.mark.parametrize("role", list(EXPECTED))
def test_each_role_gets_what_postgresql_grants_in_one_round_trip(granted: dict, pg_db: Database,
                                                                 role: str) -> None:
    db = open_database(login_url(pg_db, granted["logins"][role]), backups_dir=pg_db.backups_dir)
    try:
        found, statements = _permissions(db)
    finally:
        db.dispose()
    readable, changeable = EXPECTED[role]
    assert found.role == role
    assert set(found.readable) == readable, role
    assert set(found.changeable) == changeable, role
    assert statements == 1
    assert found.restricted == (role != "admin")


def test_the_owner_may_use_everything(granted: dict, pg_db: Database) -> None:
    found, _statements = _permissions(pg_db)
    assert found == Permissions.everything("owner")


def test_sqlite_has_no_roles(db: Database) -> None:
    with db.session() as session:
        assert login_permissions(session) == Permissions.everything()
