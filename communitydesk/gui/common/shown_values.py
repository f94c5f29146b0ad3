"""Stored values (a member's status, a meeting's kind) as the reader's language shows them.

The database keeps the English value ("lapsed", "committee"); every screen shows it through
here, so a list, a filter and a form all say the same translated word (#19)."""

from __future__ import annotations

from communitydesk.i18n import N_, _

MEMBER_STATUS = {"prospect": N_("Prospect"), "active": N_("Active"), "lapsed": N_("Lapsed"),
                 "left": N_("Left")}
MEETING_KIND = {"general": N_("General"), "committee": N_("Committee"), "action": N_("Action"),
                "social": N_("Social"), "training": N_("Training")}
MEETING_STATUS = {"planned": N_("Planned"), "held": N_("Held"), "cancelled": N_("Cancelled")}
PAYMENT_METHOD = {"cash": N_("Cash"), "cheque": N_("Cheque"), "transfer": N_("Bank transfer"),
                  "card": N_("Card"), "other": N_("Other")}
ATTENDANCE_STATUS = {"present": N_("Present"), "apologies": N_("Apologies"), "absent": N_("Absent")}


def shown(names: dict[str, str], value: str | None) -> str:
    """``value`` in the reader's language; one we have no word for as it is, capitalised."""
    if not value:
        return ""
    return _(names[value]) if value in names else value.capitalize()
