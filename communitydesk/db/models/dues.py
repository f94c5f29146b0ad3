"""Membership dues: plans, payments taken offline, each member's plan, the receipt counter.

Money is an integer number of minor units (pence, cents): SQLAlchemy's ``Numeric`` on
SQLite goes through floating point and ``SUM()`` runs on REAL. Services convert to
``Decimal`` at the edge.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, true
from sqlalchemy.orm import Mapped, mapped_column

from communitydesk.db.models.base import Base, Timestamps, checked_enum
from communitydesk.domain import DuesPeriod, PaymentMethod


class DuesPlan(Timestamps, Base):
    """E.g. Standard 12.00 a year, Concession 3.00, Life; zero for a waived plan."""

    __tablename__ = "dues_plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    amount_minor: Mapped[int] = mapped_column(Integer)
    period: Mapped[DuesPeriod] = mapped_column(checked_enum(DuesPeriod, "dues_period"))
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())


class DuesPayment(Timestamps, Base):
    """One payment (or a refund: a negative amount naming the payment it refunds)."""

    __tablename__ = "dues_payments"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    plan_id: Mapped[int | None] = mapped_column(ForeignKey("dues_plans.id"), index=True)
    paid_on: Mapped[date] = mapped_column(Date, index=True)
    amount_minor: Mapped[int] = mapped_column(Integer)
    method: Mapped[PaymentMethod] = mapped_column(checked_enum(PaymentMethod, "payment_method"))
    reference: Mapped[str | None] = mapped_column(String(120))
    taken_by: Mapped[str | None] = mapped_column(String(120))
    receipt_number: Mapped[int] = mapped_column(Integer, unique=True)
    refund_of_id: Mapped[int | None] = mapped_column(ForeignKey("dues_payments.id"), index=True)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    __mapper_args__ = {"version_id_col": version}


class MemberPlan(Base):
    """The plan a member is on now (their record shows it; renewals ask for its amount)."""

    __tablename__ = "dues_member_plans"

    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("dues_plans.id"), index=True)


class ReceiptCounter(Base):
    """One row: the last receipt number given. Locked (FOR UPDATE) to give the next one."""

    __tablename__ = "dues_receipt_counter"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_number: Mapped[int] = mapped_column(Integer, default=0)
