"""The words shown for the domain's stored values (statuses, kinds, media) in the reader's language.

The database and the CLI keep the English values ("held", "in_person"); the window shows
these words instead, translated where they are shown (#19).
"""

from __future__ import annotations

from dataclasses import replace

from communitydesk.gui.common.row_model import Column
from communitydesk.i18n import N_, _

WORDS = {
    # MemberStatus
    "prospect": N_("Prospect"), "active": N_("Active"), "lapsed": N_("Lapsed"), "left": N_("Left"),
    # MeetingKind
    "general": N_("General"), "committee": N_("Committee"), "action": N_("Action"),
    "social": N_("Social"), "training": N_("Training"),
    # MeetingStatus
    "planned": N_("Planned"), "held": N_("Held"), "cancelled": N_("Cancelled"),
    # ActionStatus
    "open": N_("Open"), "done": N_("Done"), "dropped": N_("Dropped"),
    # AttendanceStatus
    "present": N_("Present"), "apologies": N_("Apologies"), "absent": N_("Absent"),
    # Medium
    "in_person": N_("In person"), "phone": N_("Phone"), "video": N_("Video"), "other": N_("Other"),
}


def word(value: object) -> str:
    """'held' -> 'Held' (or its translation); an unknown value is shown capitalised as it is."""
    text = str(getattr(value, "value", value) or "")
    return _(WORDS[text]) if text in WORDS else text.replace("_", " ").capitalize()


def translated_columns(columns: tuple[Column, ...]) -> tuple[Column, ...]:
    """A model's columns with their headers (marked ``N_``) in the reader's language."""
    return tuple(replace(c, header=_(c.header)) if c.header else c for c in columns)
