"""#20: which person uses which PostgreSQL login, so the audit trail names people, not machines."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from communitydesk.db.models.base import Base


class LoginMember(Base):
    """Login ``login`` is used by member ``member_id`` (set with ``db grant LOGIN ROLE --member``)."""

    __tablename__ = "login_members"

    login: Mapped[str] = mapped_column(String(63), primary_key=True)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
