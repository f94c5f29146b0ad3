"""Typed group settings over the key/value ``settings`` table.

New settings are a new field with a default here: no migration needed. Only
values that differ from the stored ones are written.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from communitydesk.db.models import Setting
from communitydesk.errors import UserError

DEFAULT_LADDER = ("Contact", "Supporter", "Participant", "Activist", "Leader")
DEFAULT_AGENDA = (
    "Welcome and apologies",
    "Minutes of the last meeting",
    "Matters arising",
    "Reports",
    "Items for discussion",
    "Any other business",
    "Date of next meeting",
)
DEFAULT_ONE_TO_ONE_PROMPTS = (
    "What brought you to the group?",
    "What do you care most about where you live?",
    "What has happened to you or your family that made this matter?",
    "What would you be willing to do about it?",
    "Who else should we talk to?",
)


@dataclass(frozen=True)
class GroupSettings:
    group_name: str = "Our Community Group"
    default_venue: str = ""
    timezone: str = "Europe/London"
    phone_region: str = "GB"
    paper_size: str = "A4"
    financial_year_start_month: int = 4
    ladder_stages: tuple[str, ...] = DEFAULT_LADDER
    agenda_template: tuple[str, ...] = DEFAULT_AGENDA
    one_to_one_prompts: tuple[str, ...] = DEFAULT_ONE_TO_ONE_PROMPTS
    retention_lapsed_months: int = 24
    retention_prospect_months: int = 12
    backup_dir: str = ""
    quorum: str = ""  # "12" people, or "10%" of active members; "" means no quorum rule
    currency: str = "GBP"  # ISO 4217 code for dues
    dues_grace_days: int = 30
    language: str = ""  # "" follows the computer's language
    kiosk_pin: str = ""  # "" lets anyone leave the check-in kiosk after a confirmation
    extra: dict[str, object] = field(default_factory=dict)


_FIELDS = {f.name: f for f in dataclasses.fields(GroupSettings) if f.name != "extra"}


def load_settings(session: Session) -> GroupSettings:
    stored = {row.key: json.loads(row.value) for row in session.scalars(select(Setting))}
    values: dict[str, object] = {}
    extra: dict[str, object] = {}
    for key, value in stored.items():
        if key in _FIELDS:
            values[key] = tuple(value) if isinstance(value, list) else value
        else:
            extra[key] = value
    return GroupSettings(**values, extra=extra)  # type: ignore[arg-type]


def save_settings(session: Session, **changes: object) -> GroupSettings:
    """Store the given settings; unknown keys go to ``extra`` (for capabilities' own keys)."""
    current = load_settings(session)
    for key, value in changes.items():
        if key in _FIELDS:
            expected = type(getattr(GroupSettings(), key))
            if expected is tuple and isinstance(value, list):
                value = tuple(value)
            if not isinstance(value, expected):
                raise UserError(f"setting {key} must be {expected.__name__}, not {value!r}")
            if key == "ladder_stages" and not value:
                raise UserError("the ladder needs at least one stage")
        if key in _FIELDS and getattr(current, key) == value:
            continue
        encoded = json.dumps(list(value) if isinstance(value, tuple) else value)
        row = session.get(Setting, key)
        if row is None:
            session.add(Setting(key=key, value=encoded))
        else:
            row.value = encoded
    session.flush()
    return load_settings(session)
