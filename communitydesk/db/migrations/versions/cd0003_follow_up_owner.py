"""one-to-ones: follow_up_by_id, so a follow-up can be handed to another organiser

Revision ID: cd0003
Revises: cd0002

Reassigning a follow-up must not rewrite who held the conversation, so the
person who owes the follow-up gets its own column (NULL: the organiser).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "cd0003"
down_revision: str | None = "cd0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("one_to_ones", schema=None) as batch_op:
        batch_op.add_column(sa.Column("follow_up_by_id", sa.Integer(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_one_to_ones_follow_up_by_id"), ["follow_up_by_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_one_to_ones_follow_up_by_id_members"), "members",
            ["follow_up_by_id"], ["id"], ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("one_to_ones", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_one_to_ones_follow_up_by_id_members"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_one_to_ones_follow_up_by_id"))
        batch_op.drop_column("follow_up_by_id")
