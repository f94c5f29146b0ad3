"""index attendance (meeting_id, status) for the Meetings list's Present counts

Revision ID: cd0002
Revises: cd0001
Create Date: 2026-11-25 08:30:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "cd0002"
down_revision: str | None = "cd0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.create_index("ix_attendance_meeting_status", ["meeting_id", "status"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.drop_index("ix_attendance_meeting_status")
