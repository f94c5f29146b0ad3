"""dues: membership plans, payments taken offline, members' plans, the receipt counter (#17)

Revision ID: cd0007
Revises: cd0006

Money is stored as an integer number of minor units (pence, cents), never a float.
The receipt counter is one row, locked when a number is taken, so receipt numbers
never repeat or skip even with two treasurers on a shared database.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "cd0007"
down_revision: str | None = "cd0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _enum(name: str, *values: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=20)


def _timestamps() -> list[sa.Column]:
    return [sa.Column("created_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
            sa.Column("updated_at", sa.DateTime(), server_default=sa.func.now(), nullable=False)]


def upgrade() -> None:
    op.create_table(
        "dues_plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("amount_minor", sa.Integer(), nullable=False),
        sa.Column("period", _enum("dues_period", "year", "month", "life"), nullable=False),
        sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False),
        *_timestamps(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dues_plans")),
        sa.UniqueConstraint("name", name=op.f("uq_dues_plans_name")),
    )
    op.create_table(
        "dues_payments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=True),
        sa.Column("paid_on", sa.Date(), nullable=False),
        sa.Column("amount_minor", sa.Integer(), nullable=False),
        sa.Column("method", _enum("payment_method", "cash", "cheque", "transfer", "card", "other"),
                  nullable=False),
        sa.Column("reference", sa.String(length=120), nullable=True),
        sa.Column("taken_by", sa.String(length=120), nullable=True),
        sa.Column("receipt_number", sa.Integer(), nullable=False),
        sa.Column("refund_of_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        *_timestamps(),
        sa.ForeignKeyConstraint(["member_id"], ["members.id"],
                                name=op.f("fk_dues_payments_member_id_members"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["plan_id"], ["dues_plans.id"],
                                name=op.f("fk_dues_payments_plan_id_dues_plans")),
        sa.ForeignKeyConstraint(["refund_of_id"], ["dues_payments.id"],
                                name=op.f("fk_dues_payments_refund_of_id_dues_payments")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dues_payments")),
        sa.UniqueConstraint("receipt_number", name=op.f("uq_dues_payments_receipt_number")),
    )
    with op.batch_alter_table("dues_payments", schema=None) as batch_op:
        for column in ("member_id", "plan_id", "paid_on", "refund_of_id"):
            batch_op.create_index(batch_op.f(f"ix_dues_payments_{column}"), [column], unique=False)
    op.create_table(
        "dues_member_plans",
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["member_id"], ["members.id"],
                                name=op.f("fk_dues_member_plans_member_id_members"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["plan_id"], ["dues_plans.id"],
                                name=op.f("fk_dues_member_plans_plan_id_dues_plans")),
        sa.PrimaryKeyConstraint("member_id", name=op.f("pk_dues_member_plans")),
    )
    with op.batch_alter_table("dues_member_plans", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_dues_member_plans_plan_id"), ["plan_id"], unique=False)
    counter = op.create_table(
        "dues_receipt_counter",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("last_number", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dues_receipt_counter")),
    )
    op.bulk_insert(counter, [{"id": 1, "last_number": 0}])


def downgrade() -> None:
    op.drop_table("dues_receipt_counter")
    with op.batch_alter_table("dues_member_plans", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dues_member_plans_plan_id"))
    op.drop_table("dues_member_plans")
    with op.batch_alter_table("dues_payments", schema=None) as batch_op:
        for column in ("refund_of_id", "paid_on", "plan_id", "member_id"):
            batch_op.drop_index(batch_op.f(f"ix_dues_payments_{column}"))
    op.drop_table("dues_payments")
    op.drop_table("dues_plans")
