"""door may lock today's meeting: grants re-stated on shared databases made at cd0008

Revision ID: cd0009
Revises: cd0008

Fixing a meeting's sheet numbers locks its row (SELECT … FOR UPDATE), which PostgreSQL
allows only with UPDATE rights: the door login could open neither the register nor the
kiosk. db/roles.py now gives the door UPDATE (version) on meetings (row security still
limits it to today's); a database already at cd0008 gets that here. SQLite: nothing.
"""

from collections.abc import Sequence

from alembic import op

from communitydesk.db import roles

revision: str = "cd0009"
down_revision: str | None = "cd0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "postgresql":
        roles.install(conn)  # idempotent: re-states every grant and policy from db/roles.py


def downgrade() -> None:
    """Nothing to undo: cd0008's downgrade removes the roles with their grants."""
