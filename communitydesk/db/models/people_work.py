"""Attendance and one-to-ones: what people did, linked to meetings and organisers."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from communitydesk.db.models.base import Base, Timestamps, checked_enum
from communitydesk.domain import AttendanceStatus, Medium


class Attendance(Base):
    __tablename__ = "attendance"
    __table_args__ = (
        UniqueConstraint("meeting_id", "member_id"),
        # Both cover their reads (no table lookups): a person's history, and a meeting's
        # register or its "present" count, for the Reports screen and the Meetings list.
        Index("ix_attendance_member_status_meeting", "member_id", "status", "meeting_id"),
        Index("ix_attendance_meeting_status_member", "meeting_id", "status", "member_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    status: Mapped[AttendanceStatus] = mapped_column(
        checked_enum(AttendanceStatus, "attendance_status")
    )
    checked_in_at: Mapped[datetime | None] = mapped_column(DateTime)


class OneToOne(Timestamps, Base):
    """A relational conversation. interests/story/issues/commitments are confidential."""

    __tablename__ = "one_to_ones"

    id: Mapped[int] = mapped_column(primary_key=True)
    organiser_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL"), index=True
    )
    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), index=True
    )
    held_on: Mapped[date] = mapped_column(Date)
    medium: Mapped[Medium] = mapped_column(checked_enum(Medium, "one_to_one_medium"),
                                           default=Medium.IN_PERSON)
    duration_minutes: Mapped[int | None] = mapped_column(Integer)
    interests: Mapped[str | None] = mapped_column(Text)
    story: Mapped[str | None] = mapped_column(Text)
    issues: Mapped[str | None] = mapped_column(Text)
    commitments: Mapped[str | None] = mapped_column(Text)
    next_step: Mapped[str | None] = mapped_column(Text)
    follow_up_on: Mapped[date | None] = mapped_column(Date, index=True)
    follow_up_done_at: Mapped[datetime | None] = mapped_column(DateTime)
    # Who owes the follow-up when it was handed on; NULL means the organiser who held it.
    follow_up_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL"), index=True
    )
    stage_after: Mapped[str | None] = mapped_column(String(60))
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    __mapper_args__ = {"version_id_col": version}
