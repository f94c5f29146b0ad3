"""People: members (including prospects and guests), tags, and the ladder history."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    false,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from communitydesk.db.models.base import Base, Timestamps, checked_enum
from communitydesk.domain import MemberStatus

member_tags = Table(
    "member_tags",
    Base.metadata,
    Column("member_id", ForeignKey("members.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Tag(Base):
    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    colour: Mapped[str | None] = mapped_column(String(9))

    members: Mapped[list[Member]] = relationship(secondary=member_tags, back_populates="tags")


class Member(Timestamps, Base):
    __tablename__ = "members"
    __table_args__ = (
        Index("ix_members_last_first", "last_name", "first_name"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100), default="")
    preferred_name: Mapped[str | None] = mapped_column(String(100))
    pronouns: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(254), index=True)
    phone: Mapped[str | None] = mapped_column(String(40), index=True)
    address_line1: Mapped[str | None] = mapped_column(String(200))
    address_line2: Mapped[str | None] = mapped_column(String(200))
    town: Mapped[str | None] = mapped_column(String(100))
    postcode: Mapped[str | None] = mapped_column(String(20))
    status: Mapped[MemberStatus] = mapped_column(
        checked_enum(MemberStatus, "member_status"), default=MemberStatus.ACTIVE, index=True
    )
    joined_on: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)
    ladder_stage: Mapped[str | None] = mapped_column(String(60))
    consent_email: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    consent_phone: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    consent_post: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    consent_date: Mapped[date | None] = mapped_column(Date)
    consent_source: Mapped[str | None] = mapped_column(String(200))
    archived_at: Mapped[datetime | None] = mapped_column(DateTime)
    anonymised_at: Mapped[datetime | None] = mapped_column(DateTime)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    tags: Mapped[list[Tag]] = relationship(
        secondary=member_tags, back_populates="members", order_by="Tag.name"
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p)

    @property
    def display_name(self) -> str:
        first = self.preferred_name or self.first_name
        return " ".join(p for p in (first, self.last_name) if p)


class StageChange(Base):
    """One move on the leadership ladder: who moved, from where to where, why, by whom."""

    __tablename__ = "stage_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    from_stage: Mapped[str | None] = mapped_column(String(60))
    to_stage: Mapped[str] = mapped_column(String(60))
    changed_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())
    changed_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL")
    )
    reason: Mapped[str | None] = mapped_column(Text)
    one_to_one_id: Mapped[int | None] = mapped_column(
        ForeignKey("one_to_ones.id", ondelete="SET NULL")
    )
