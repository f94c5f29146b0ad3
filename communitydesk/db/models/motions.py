"""Formal decisions (#16): motions and amendments with their votes; AGM offices, nominations, officers."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column

from communitydesk.db.models.base import Base, Timestamps, checked_enum
from communitydesk.domain import Majority, VoteChoice


class Motion(Timestamps, Base):
    """A motion put to a meeting; an amendment is a motion whose ``parent_id`` is the motion it amends.

    The figures are a show of hands (``hands_*``) or, when those are empty, the roll-call
    votes. ``present_at_vote``/``required_at_vote`` keep the quorum as it was when the vote
    was taken, so people leaving later do not change a decision already made.
    """

    __tablename__ = "motions"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    agenda_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="SET NULL"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("motions.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    proposer_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    seconder_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    majority: Mapped[Majority] = mapped_column(checked_enum(Majority, "motion_majority"),
                                               default=Majority.SIMPLE)
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime)
    hands_for: Mapped[int | None] = mapped_column(Integer)
    hands_against: Mapped[int | None] = mapped_column(Integer)
    hands_abstain: Mapped[int | None] = mapped_column(Integer)
    casting_vote: Mapped[VoteChoice | None] = mapped_column(checked_enum(VoteChoice, "motion_casting_vote"))
    present_at_vote: Mapped[int | None] = mapped_column(Integer)
    required_at_vote: Mapped[int | None] = mapped_column(Integer)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    __mapper_args__ = {"version_id_col": version}


class MotionVote(Base):
    """One person's vote in a roll call; ``proxy_holder_id`` is who cast it for them (counted once)."""

    __tablename__ = "motion_votes"
    __table_args__ = (UniqueConstraint("motion_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    motion_id: Mapped[int] = mapped_column(ForeignKey("motions.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    vote: Mapped[VoteChoice] = mapped_column(checked_enum(VoteChoice, "motion_vote_choice"))
    proxy_holder_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    # True once the secretary chose to keep this vote although the voter was then marked absent.
    kept_when_left: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class ElectionOffice(Base):
    """An office elected at a meeting (chair, treasurer, committee member × seats)."""

    __tablename__ = "election_offices"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    seats: Mapped[int] = mapped_column(Integer, default=1)
    starts_on: Mapped[date | None] = mapped_column(Date)  # the officers' terms start (default: meeting day)
    declared_at: Mapped[datetime | None] = mapped_column(DateTime)


class Nomination(Base):
    __tablename__ = "nominations"
    __table_args__ = (UniqueConstraint("office_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("election_offices.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    proposer_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    seconder_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    votes: Mapped[int | None] = mapped_column(Integer)
    elected: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class OfficerTerm(Base):
    """A person holding an office from a date: what a member's record shows."""

    __tablename__ = "officer_terms"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    office: Mapped[str] = mapped_column(String(120))
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    office_id: Mapped[int | None] = mapped_column(
        ForeignKey("election_offices.id", ondelete="SET NULL"), index=True)
