"""The words the group uses for the state of things, shared by services, the CLI, the window and the database.

Why here and not in ``db/``: a status is part of what the program means, not how it is stored.
The database columns check their values against these enums (``db.models.base.checked_enum``),
and everything else imports them from here.
"""

from __future__ import annotations

import enum


class MemberStatus(enum.StrEnum):
    PROSPECT = "prospect"
    ACTIVE = "active"
    LAPSED = "lapsed"
    LEFT = "left"


class MeetingKind(enum.StrEnum):
    GENERAL = "general"
    COMMITTEE = "committee"
    ACTION = "action"
    SOCIAL = "social"
    TRAINING = "training"


class MeetingStatus(enum.StrEnum):
    PLANNED = "planned"
    HELD = "held"
    CANCELLED = "cancelled"


class ActionStatus(enum.StrEnum):
    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"


class AttendanceStatus(enum.StrEnum):
    PRESENT = "present"
    APOLOGIES = "apologies"
    ABSENT = "absent"


class Medium(enum.StrEnum):
    """How a one-to-one conversation took place."""

    IN_PERSON = "in_person"
    PHONE = "phone"
    VIDEO = "video"
    OTHER = "other"


# --- #16 motions, votes and elections


class Majority(enum.StrEnum):
    """What share of the votes cast (for + against) a motion needs to be carried."""

    SIMPLE = "simple"
    TWO_THIRDS = "two-thirds"
    THREE_QUARTERS = "three-quarters"


class VoteChoice(enum.StrEnum):
    FOR = "for"
    AGAINST = "against"
    ABSTAIN = "abstain"


class MotionResult(enum.StrEnum):
    CARRIED = "carried"
    LOST = "lost"
    NOT_QUORATE = "not quorate"
    PENDING = "pending"
