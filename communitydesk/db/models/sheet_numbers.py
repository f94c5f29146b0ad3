"""The row numbers printed on a meeting's sign-in sheet, kept so paper row N is always one person."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from communitydesk.db.models.base import Base


class SheetNumber(Base):
    """Person ``member_id`` is row ``number`` on meeting ``meeting_id``'s sheet and register.

    Fixed the first time the numbers are shown (a print, the register, the kiosk) and never
    renumbered; a number is never given to two people at one meeting.
    """

    __tablename__ = "sheet_numbers"
    __table_args__ = (UniqueConstraint("meeting_id", "number"),)

    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True)
    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), primary_key=True, index=True)
    number: Mapped[int] = mapped_column(Integer)
