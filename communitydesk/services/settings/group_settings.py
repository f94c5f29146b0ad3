"""Typed group settings over the key/value ``settings`` table, and the rules every value obeys.

New settings are a new field with a default here: no migration needed. Only
values that differ from the stored ones are written. The rules live here (not
in the CLI or a dialog) so ``settings set``, the Settings dialog and the
first-run screen accept and refuse exactly the same values.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from communitydesk.db.models import Meeting, Member, Setting
from communitydesk.errors import UserError
from communitydesk.i18n import _
from communitydesk.services.core.text import fold
from communitydesk.services.settings.rules import (  # noqa: F401 - re-exported: callers import them here
    _RULES_BY_FIELD,
    CURRENCIES,
    LANGUAGES_AVAILABLE,
    PAPER_SIZES,
    RULES,
    RULES_BY_KEY,
    SettingRule,
    _Refused,
    time_zones,
)

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
DEFAULT_GROUP_NAME = "Our Community Group"
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


@dataclass(frozen=True)
class GroupSettings:
    group_name: str = DEFAULT_GROUP_NAME
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
    group_email: str = ""  # #18: the To address of group emails (people go in BCC)
    proxies_allowed: str = "no"  # #16: "yes" lets a present person cast an absent member's vote
    extra: dict[str, object] = field(default_factory=dict)


_FIELDS = {f.name: f for f in dataclasses.fields(GroupSettings) if f.name != "extra"}


# ----------------------------------------------------------------------------- rules (rules.py)



def _from_text(rule: SettingRule, text: str) -> object:
    """The typed value a command-line word stands for (validity is the rule's job)."""
    expected = type(getattr(GroupSettings(), rule.field))
    if expected is tuple:
        return tuple(part for line in text.splitlines() for part in line.split(";"))
    if expected is int:
        word = text.strip()
        if rule.key == "financial_year_start":
            month = next((i for i, m in enumerate(MONTHS, 1) if fold(word) in (fold(m), fold(m[:3]))), None)
            if month is not None:
                return month
        if not re.fullmatch(r"[+-]?\d+", word):
            raise _Refused(_("{value} is not a whole number").format(value=repr(text)))
        return int(word)
    return text


def parse_setting(key: str, text: str) -> tuple[str, object]:
    """``settings set KEY VALUE``: the field and the value to store, or a UserError saying what is allowed."""
    rule = RULES_BY_KEY.get(key.strip().lower())
    if rule is None:
        raise UserError(_("unknown setting {key}; the settings are {keys}").format(
            key=repr(key), keys=", ".join(RULES_BY_KEY)))
    try:
        return rule.field, rule.check(_from_text(rule, text))
    except _Refused as exc:
        raise UserError(_refused(rule, exc)) from None


def _refused(rule: SettingRule, exc: _Refused) -> str:
    """'quorum: '12 people' is neither …; allowed: …': the key stays as `settings set` spells it."""
    return f"{rule.key}: " + _("{problem}; allowed: {allowed}").format(
        problem=exc, allowed=rule.allowed_words)


def _check(field_name: str, value: object) -> object:
    """The value to store; UserError for a wrong type (a programming slip), _Refused for a bad value."""
    expected = type(getattr(GroupSettings(), field_name))
    if expected is tuple and isinstance(value, list):
        value = tuple(value)
    if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
        raise UserError(_("setting {name} must be {kind}, not {value}").format(
            name=field_name, kind=expected.__name__, value=repr(value)))
    rule = _RULES_BY_FIELD.get(field_name)
    return value if rule is None else rule.check(value)


def check_setting(field_name: str, value: object) -> object:
    """The value to store for a field, or UserError naming the setting and what is allowed."""
    try:
        return _check(field_name, value)
    except _Refused as exc:
        raise UserError(_refused(_RULES_BY_FIELD[field_name], exc)) from None


def setting_problems(changes: Mapping[str, object]) -> dict[str, str]:
    """For a form: each refused field with a sentence to show under it (empty when all may be saved)."""
    problems: dict[str, str] = {}
    for name, value in changes.items():
        if name not in _FIELDS:
            continue
        try:
            _check(name, value)
        except _Refused as exc:
            reason = str(exc)
            allowed = _RULES_BY_FIELD[name].allowed_words.replace('""', _("empty"))
            problems[name] = _("{problem}. Allowed: {allowed}.").format(
                problem=f"{reason[:1].upper()}{reason[1:]}", allowed=allowed)
        except UserError as exc:
            problems[name] = str(exc)
    return problems


# ----------------------------------------------------------------------------- storage


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
    """Store the given settings after checking each against its rule; unknown keys go to
    ``extra`` (for capabilities' own keys)."""
    current = load_settings(session)
    checked = {key: check_setting(key, value) if key in _FIELDS else value
               for key, value in changes.items()}
    for key, value in checked.items():
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


def set_setting(session: Session, key: str, text: str) -> GroupSettings:
    """One ``settings set``: parse, check and store."""
    field_name, value = parse_setting(key, text)
    return save_settings(session, **{field_name: value})


# ----------------------------------------------------------------------------- views


@dataclass(frozen=True)
class SettingsView:
    """What ``settings show`` prints: the contract's keys; the kiosk PIN only as set or not."""

    group_name: str
    default_venue: str
    phone_region: str
    timezone: str
    paper_size: str
    financial_year_start: int
    quorum: str
    currency: str
    dues_grace_days: int
    language: str
    languages_available: tuple[str, ...]
    kiosk_pin_set: bool
    retention_lapsed_months: int
    retention_prospect_months: int
    backup_dir: str
    ladder_stages: tuple[str, ...]
    agenda_template: tuple[str, ...]
    one_to_one_prompts: tuple[str, ...]
    group_name_set: bool  # False while the group still has the placeholder name
    group_email: str = ""
    proxies_allowed: str = "no"  # #16: "yes" or "no"


def settings_view(session: Session) -> SettingsView:
    s = load_settings(session)
    return SettingsView(
        group_name=s.group_name, default_venue=s.default_venue, phone_region=s.phone_region,
        timezone=s.timezone, paper_size=s.paper_size, financial_year_start=s.financial_year_start_month,
        quorum=s.quorum, currency=s.currency, dues_grace_days=s.dues_grace_days, language=s.language,
        languages_available=LANGUAGES_AVAILABLE, kiosk_pin_set=bool(s.kiosk_pin),
        retention_lapsed_months=s.retention_lapsed_months,
        retention_prospect_months=s.retention_prospect_months, backup_dir=s.backup_dir,
        ladder_stages=s.ladder_stages, agenda_template=s.agenda_template,
        one_to_one_prompts=s.one_to_one_prompts,
        group_name_set=session.get(Setting, "group_name") is not None, group_email=s.group_email,
        proxies_allowed=s.proxies_allowed)


def needs_first_run(session: Session) -> bool:
    """A new group's database: nobody named it, and it holds no members and no meetings."""
    if session.get(Setting, "group_name") is not None:
        return False
    return (session.scalar(select(Member.id).limit(1)) is None
            and session.scalar(select(Meeting.id).limit(1)) is None)
