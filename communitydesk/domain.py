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


# --- #17 dues


class DuesPeriod(enum.StrEnum):
    """How long one payment on a plan covers."""

    YEAR = "year"
    MONTH = "month"
    LIFE = "life"


class PaymentMethod(enum.StrEnum):
    CASH = "cash"
    CHEQUE = "cheque"
    TRANSFER = "transfer"
    CARD = "card"
    OTHER = "other"


class DuesState(enum.StrEnum):
    """A member's standing on a date (DESIGN.md "Membership dues")."""

    PAID = "paid"
    GRACE = "grace"
    LAPSED = "lapsed"
    NONE = "none"
    LIFE = "life"


# ---- #18 reaching people ----------------------------------------------------------------------


class Channel(enum.StrEnum):
    """A way of reaching a person; each needs its own consent on the member's record."""

    EMAIL = "email"
    POST = "post"
    PHONE = "phone"


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
