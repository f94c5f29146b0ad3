"""roles: PostgreSQL roles per database, grants, row-level security and the audit trigger

Revision ID: cd0008
Revises: cd0007

On a shared database the window cannot be the guard (anyone with a login can open
psql), so PostgreSQL enforces who may see what. SQLite (one person's laptop) has no
roles: nothing changes there. The grants live in communitydesk/db/roles.py.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from communitydesk.db import roles

revision: str = "cd0008"
down_revision: str | None = "cd0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(  # on SQLite too, so both databases have one schema
        "login_members",
        sa.Column("login", sa.String(length=63), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["member_id"], ["members.id"],
                                name=op.f("fk_login_members_member_id_members"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("login", name=op.f("pk_login_members")),
    )
    conn = op.get_bind()
    if conn.dialect.name == "postgresql":
        roles.install(conn)


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "postgresql":
        roles.uninstall(conn)
    op.drop_table("login_members")
