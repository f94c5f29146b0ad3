"""sheet_numbers: the row numbers printed on each meeting's sign-in sheet, fixed once shown

Revision ID: cd0005
Revises: cd0004

Numbering by sorted position moved people when someone was added (row 18 on the
paper became someone else on screen). Each meeting now keeps the number it first
printed or showed for each person; people added later take the next numbers.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "cd0005"
down_revision: str | None = "cd0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "sheet_numbers",
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meetings.id"],
            name=op.f("fk_sheet_numbers_meeting_id_meetings"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"],
            name=op.f("fk_sheet_numbers_member_id_members"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("meeting_id", "member_id", name=op.f("pk_sheet_numbers")),
        sa.UniqueConstraint("meeting_id", "number", name=op.f("uq_sheet_numbers_meeting_id_number")),
    )
    with op.batch_alter_table("sheet_numbers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sheet_numbers_member_id"), ["member_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("sheet_numbers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sheet_numbers_member_id"))
    op.drop_table("sheet_numbers")
