"""All models, importable from one place; Alembic reads ``Base.metadata`` from here."""

from communitydesk.db.models.base import Base
from communitydesk.db.models.dues import DuesPayment, DuesPlan, MemberPlan, ReceiptCounter
from communitydesk.db.models.logins import LoginMember
from communitydesk.db.models.meetings import (
    ActionItem,
    AgendaItem,
    Meeting,
    MeetingSeries,
)
from communitydesk.db.models.members import Member, StageChange, Tag, member_tags
from communitydesk.db.models.motions import (  # #16
    ElectionOffice,
    Motion,
    MotionVote,
    Nomination,
    OfficerTerm,
)
from communitydesk.db.models.people_work import Attendance, OneToOne
from communitydesk.db.models.sheet_numbers import SheetNumber
from communitydesk.db.models.system import AuditEntry, Setting

__all__ = [
    "ActionItem",
    "AgendaItem",
    "Attendance",
    "AuditEntry",
    "Base",
    "DuesPayment",
    "DuesPlan",
    "LoginMember",
    "Meeting",
    "MeetingSeries",
    "ElectionOffice",
    "Member",
    "MemberPlan",
    "Motion",
    "MotionVote",
    "Nomination",
    "OfficerTerm",
    "OneToOne",
    "ReceiptCounter",
    "Setting",
    "SheetNumber",
    "StageChange",
    "Tag",
    "member_tags",
]
