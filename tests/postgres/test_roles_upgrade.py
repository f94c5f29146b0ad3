"""A shared database made at cd0008 gets the door's right to lock today's meeting on upgrade.

Before cd0009 the door had no UPDATE on meetings, so fixing sheet numbers (SELECT … FOR
UPDATE) failed at the kiosk; db/roles.py grants it now, and cd0009 re-states the grants."""

from __future__ import annotations

from alembic import command
from sqlalchemy import text

from communitydesk.db import migrate, roles
from communitydesk.db.engine import Database

DOOR_MAY_LOCK = "SELECT has_column_privilege(:role, 'meetings', 'version', 'UPDATE')"


def test_upgrade_gives_the_door_its_meeting_lock(pg_db: Database) -> None:
    with pg_db.engine.begin() as conn:
        door = roles.role_name(str(conn.execute(text("SELECT current_database()")).scalar()), "door")
        command.downgrade(migrate.alembic_config(conn), "cd0008")
        conn.execute(text(f'REVOKE UPDATE (version) ON meetings FROM "{door}"'))  # as cd0008 left it
        assert conn.execute(text(DOOR_MAY_LOCK), {"role": door}).scalar() is False
        command.upgrade(migrate.alembic_config(conn), "head")
        assert conn.execute(text(DOOR_MAY_LOCK), {"role": door}).scalar() is True
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "cd0009"
