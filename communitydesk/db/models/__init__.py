"""All models, importable from one place; Alembic reads ``Base.metadata`` from here."""

from communitydesk.db.models.base import Base
from communitydesk.db.models.meetings import (
    ActionItem,
    ActionStatus,
    AgendaItem,
    Meeting,
    MeetingKind,
    MeetingSeries,
    MeetingStatus,
)
from communitydesk.db.models.members import Member, MemberStatus, StageChange, Tag, member_tags
from communitydesk.db.models.people_work import Attendance, AttendanceStatus, Medium, OneToOne
from communitydesk.db.models.sheet_numbers import SheetNumber
from communitydesk.db.models.system import AuditEntry, Setting

__all__ = [
    "ActionItem", "ActionStatus", "AgendaItem", "Attendance", "AttendanceStatus", "AuditEntry",
    "Base", "Medium", "Meeting", "MeetingKind", "MeetingSeries", "MeetingStatus", "Member",
    "MemberStatus", "OneToOne", "Setting", "SheetNumber", "StageChange", "Tag", "member_tags",
]
