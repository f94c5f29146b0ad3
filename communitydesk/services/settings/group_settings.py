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
import zoneinfo
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import phonenumbers
from sqlalchemy import select
from sqlalchemy.orm import Session

from communitydesk.db.models import Meeting, Member, Setting
from communitydesk.errors import UserError
from communitydesk.i18n import available_languages
from communitydesk.io.text import is_valid_email, normalise_email
from communitydesk.services.core.text import fold

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
LANGUAGES_AVAILABLE = available_languages()  # English and each compiled catalogue in locale/
PAPER_SIZES = ("A4", "Letter")
# ISO 4217 codes in use (2025), funds and precious metals left out.
_CURRENCY_CODES = """
AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP
BYN BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP
GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR
KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK
MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR
SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS
UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG
"""
CURRENCIES = frozenset(_CURRENCY_CODES.split())
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


# ----------------------------------------------------------------------------- rules


class _Refused(ValueError):
    """A value a rule does not accept; the message says why, the rule says what is allowed."""


def _one_line(value: str, *, limit: int, required: bool = False) -> str:
    text = " ".join(value.split())
    if required and not text:
        raise _Refused("it cannot be empty")
    if len(text) > limit:
        raise _Refused(f"it is {len(text)} characters long; at most {limit} fit")
    return text


def _whole_number(value: int, *, low: int, high: int) -> int:
    if not low <= value <= high:
        raise _Refused(f"{value} is out of range")
    return value


def _phone_region(value: str) -> str:
    code = value.strip().upper()
    if code not in phonenumbers.SUPPORTED_REGIONS:
        raise _Refused(f"{value!r} is not a country or country code we know")
    return code


@cache
def time_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def _timezone(value: str) -> str:
    text = value.strip()
    if text not in time_zones():
        raise _Refused(f"{value!r} is not a time zone name")
    return text


def _paper(value: str) -> str:
    found = next((p for p in PAPER_SIZES if p.lower() == value.strip().lower()), None)
    if found is None:
        raise _Refused(f"{value!r} is not a paper size we print on")
    return found


_QUORUM = re.compile(r"(\d+)\s*(%?)")


def _quorum(value: str) -> str:
    text = value.strip()
    if not text:
        return ""
    match = _QUORUM.fullmatch(text)
    if match is None:
        raise _Refused(f"{value!r} is neither a number of people nor a share")
    number, share = int(match.group(1)), match.group(2)
    if number < 1 or (share and number > 100):
        raise _Refused(f"{value!r} is out of range")
    return f"{number}{share}"


def _currency(value: str) -> str:
    code = value.strip().upper()
    if code not in CURRENCIES:
        raise _Refused(f"{value!r} is not an ISO 4217 currency code")
    return code


def _language(value: str) -> str:
    code = value.strip().lower()
    if code in ("", "system", "auto"):
        return ""
    if code not in LANGUAGES_AVAILABLE:
        raise _Refused(f"{value!r} is not a language the app is translated into")
    return code


def _kiosk_pin(value: str) -> str:
    pin = value.strip()
    if pin and not (pin.isascii() and pin.isdigit()):
        raise _Refused("it has characters other than digits")  # the PIN itself is never echoed
    if pin and not 4 <= len(pin) <= 8:
        raise _Refused(f"it has {len(pin)} digits")
    return pin


def _group_email(value: str) -> str:
    email = normalise_email(value) or ""
    if email and not is_valid_email(email):
        raise _Refused(f"{value!r} is not an email address")
    return email


def _yes_no(value: str) -> str:  # #16 proxies_allowed
    if value.strip().lower() not in ("yes", "no"):
        raise _Refused(f"{value!r} is neither yes nor no")
    return value.strip().lower()


def _backup_dir(value: str) -> str:
    text = value.strip()
    if text and not Path(text).expanduser().is_absolute():
        raise _Refused(f"{value!r} is not a full folder path")
    return str(Path(text).expanduser()) if text else ""


def _lines(items: tuple[str, ...], *, most: int, limit: int, least: int = 0) -> tuple[str, ...]:
    kept = tuple(_one_line(item, limit=limit) for item in items)
    kept = tuple(item for item in kept if item)
    if len(kept) < least:
        raise _Refused(f"at least {least} {'is' if least == 1 else 'are'} needed")
    if len(kept) > most:
        raise _Refused(f"{len(kept)} lines; at most {most}")
    return kept


def _ladder(items: tuple[str, ...]) -> tuple[str, ...]:
    stages = _lines(items, most=12, limit=60, least=1)
    seen: set[str] = set()
    for stage in stages:
        if fold(stage) in seen:
            raise _Refused(f"{stage!r} appears twice")
        seen.add(fold(stage))
    return stages


@dataclass(frozen=True)
class SettingRule:
    key: str  # the name `settings set` and `settings show` use
    field: str  # the GroupSettings field it is stored in
    allowed: str  # what is accepted, in words a secretary understands
    check: Callable  # typed value -> the value to store; raises _Refused


RULES: tuple[SettingRule, ...] = (
    SettingRule("group_name", "group_name", "the group's name, one line of up to 120 characters",
                lambda v: _one_line(v, limit=120, required=True)),
    SettingRule("default_venue", "default_venue", "where meetings usually are, up to 200 characters",
                lambda v: _one_line(v, limit=200)),
    SettingRule("phone_region", "phone_region",
                "a two-letter country code such as GB, IE, US or DE (numbers without +country are read as there)",
                _phone_region),
    SettingRule("timezone", "timezone", "a time zone name such as Europe/London", _timezone),
    SettingRule("paper_size", "paper_size", "A4 or Letter", _paper),
    SettingRule("financial_year_start", "financial_year_start_month",
                "the month the financial year starts, 1 to 12 (or its English name)",
                lambda v: _whole_number(v, low=1, high=12)),
    SettingRule("quorum", "quorum",
                'a number of people such as 12, a share of active members from 1% to 100% such as 10%, '
                'or "" for no quorum rule', _quorum),
    SettingRule("currency", "currency", "a three-letter ISO 4217 currency code such as GBP, EUR or USD",
                _currency),
    SettingRule("dues_grace_days", "dues_grace_days", "a whole number of days from 0 to 3650",
                lambda v: _whole_number(v, low=0, high=3650)),
    SettingRule("language", "language",
                f'one of {", ".join(LANGUAGES_AVAILABLE)}, or "" to follow the computer', _language),
    SettingRule("group_email", "group_email", 'the group\'s own email address, or "" for none',
                _group_email),
    SettingRule("kiosk_pin", "kiosk_pin", 'a PIN of 4 to 8 digits, or "" for none', _kiosk_pin),
    SettingRule("proxies_allowed", "proxies_allowed", "yes or no (proxy votes in a roll call)", _yes_no),
    SettingRule("retention_lapsed_months", "retention_lapsed_months",
                "months from 0 (never) to 240", lambda v: _whole_number(v, low=0, high=240)),
    SettingRule("retention_prospect_months", "retention_prospect_months",
                "months from 0 (never) to 240", lambda v: _whole_number(v, low=0, high=240)),
    SettingRule("backup_dir", "backup_dir", 'a full folder path, or "" for the usual backups folder',
                _backup_dir),
    SettingRule("ladder_stages", "ladder_stages",
                'one to 12 different stage names of up to 60 characters, separated by ";"', _ladder),
    SettingRule("agenda_template", "agenda_template",
                'up to 40 agenda lines of up to 200 characters, separated by ";"',
                lambda v: _lines(v, most=40, limit=200)),
    SettingRule("one_to_one_prompts", "one_to_one_prompts",
                'up to 20 questions of up to 300 characters, separated by ";"',
                lambda v: _lines(v, most=20, limit=300)),
)
RULES_BY_KEY = {rule.key: rule for rule in RULES}
_RULES_BY_FIELD = {rule.field: rule for rule in RULES}


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
            raise _Refused(f"{text!r} is not a whole number")
        return int(word)
    return text


def parse_setting(key: str, text: str) -> tuple[str, object]:
    """``settings set KEY VALUE``: the field and the value to store, or a UserError saying what is allowed."""
    rule = RULES_BY_KEY.get(key.strip().lower())
    if rule is None:
        raise UserError(f"unknown setting {key!r}; the settings are {', '.join(RULES_BY_KEY)}")
    try:
        return rule.field, rule.check(_from_text(rule, text))
    except _Refused as exc:
        raise UserError(f"{rule.key}: {exc}; allowed: {rule.allowed}") from None


def _check(field_name: str, value: object) -> object:
    """The value to store; UserError for a wrong type (a programming slip), _Refused for a bad value."""
    expected = type(getattr(GroupSettings(), field_name))
    if expected is tuple and isinstance(value, list):
        value = tuple(value)
    if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
        raise UserError(f"setting {field_name} must be {expected.__name__}, not {value!r}")
    rule = _RULES_BY_FIELD.get(field_name)
    return value if rule is None else rule.check(value)


def check_setting(field_name: str, value: object) -> object:
    """The value to store for a field, or UserError naming the setting and what is allowed."""
    try:
        return _check(field_name, value)
    except _Refused as exc:
        rule = _RULES_BY_FIELD[field_name]
        raise UserError(f"{rule.key}: {exc}; allowed: {rule.allowed}") from None


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
            allowed = _RULES_BY_FIELD[name].allowed.replace('""', "empty")
            problems[name] = f"{reason[:1].upper()}{reason[1:]}. Allowed: {allowed}."
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
