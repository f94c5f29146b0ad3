"""What each group setting accepts, in words a secretary understands, and the checks behind it.

One rule per setting, used by ``settings set``, the Settings dialog and the first-run screen
alike (through ``group_settings``), so all three accept and refuse exactly the same values.
"""

from __future__ import annotations

import re
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import phonenumbers

from communitydesk.i18n import N_, _, available_languages, ngettext
from communitydesk.io.text import is_valid_email, normalise_email
from communitydesk.services.core.text import fold

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



class _Refused(ValueError):
    """A value a rule does not accept; the message says why, the rule says what is allowed."""


def _one_line(value: str, *, limit: int, required: bool = False) -> str:
    text = " ".join(value.split())
    if required and not text:
        raise _Refused(_("it cannot be empty"))
    if len(text) > limit:
        raise _Refused(_("it is {count} characters long; at most {most} fit").format(
            count=len(text), most=limit))
    return text


def _whole_number(value: int, *, low: int, high: int) -> int:
    if not low <= value <= high:
        raise _Refused(_("{value} is out of range").format(value=value))
    return value


def _phone_region(value: str) -> str:
    code = value.strip().upper()
    if code not in phonenumbers.SUPPORTED_REGIONS:
        raise _Refused(_("{value} is not a country or country code we know").format(value=repr(value)))
    return code


@cache
def time_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def _timezone(value: str) -> str:
    text = value.strip()
    if text not in time_zones():
        raise _Refused(_("{value} is not a time zone name").format(value=repr(value)))
    return text


def _paper(value: str) -> str:
    found = next((p for p in PAPER_SIZES if p.lower() == value.strip().lower()), None)
    if found is None:
        raise _Refused(_("{value} is not a paper size we print on").format(value=repr(value)))
    return found


_QUORUM = re.compile(r"(\d+)\s*(%?)")


def _quorum(value: str) -> str:
    text = value.strip()
    if not text:
        return ""
    match = _QUORUM.fullmatch(text)
    if match is None:
        raise _Refused(_("{value} is neither a number of people nor a share").format(value=repr(value)))
    number, share = int(match.group(1)), match.group(2)
    if number < 1 or (share and number > 100):
        raise _Refused(_("{value} is out of range").format(value=repr(value)))
    return f"{number}{share}"


def _currency(value: str) -> str:
    code = value.strip().upper()
    if code not in CURRENCIES:
        raise _Refused(_("{value} is not an ISO 4217 currency code").format(value=repr(value)))
    return code


def _language(value: str) -> str:
    code = value.strip().lower()
    if code in ("", "system", "auto"):
        return ""
    if code not in LANGUAGES_AVAILABLE:
        raise _Refused(_("{value} is not a language the app is translated into").format(
            value=repr(value)))
    return code


def _kiosk_pin(value: str) -> str:
    pin = value.strip()
    if pin and not (pin.isascii() and pin.isdigit()):
        raise _Refused(_("it has characters other than digits"))  # the PIN itself is never echoed
    if pin and not 4 <= len(pin) <= 8:
        raise _Refused(ngettext("it has {count} digit", "it has {count} digits", len(pin)).format(
            count=len(pin)))
    return pin


def _group_email(value: str) -> str:
    email = normalise_email(value) or ""
    if email and not is_valid_email(email):
        raise _Refused(_("{value} is not an email address").format(value=repr(value)))
    return email


def _yes_no(value: str) -> str:  # #16 proxies_allowed
    if value.strip().lower() not in ("yes", "no"):
        raise _Refused(_("{value} is neither yes nor no").format(value=repr(value)))
    return value.strip().lower()


def _backup_dir(value: str) -> str:
    text = value.strip()
    if text and not Path(text).expanduser().is_absolute():
        raise _Refused(_("{value} is not a full folder path").format(value=repr(value)))
    return str(Path(text).expanduser()) if text else ""


def _lines(items: tuple[str, ...], *, most: int, limit: int, least: int = 0) -> tuple[str, ...]:
    kept = tuple(_one_line(item, limit=limit) for item in items)
    kept = tuple(item for item in kept if item)
    if len(kept) < least:
        raise _Refused(ngettext("at least {count} is needed", "at least {count} are needed",
                                least).format(count=least))
    if len(kept) > most:
        raise _Refused(_("{count} lines; at most {most}").format(count=len(kept), most=most))
    return kept


def _ladder(items: tuple[str, ...]) -> tuple[str, ...]:
    stages = _lines(items, most=12, limit=60, least=1)
    seen: set[str] = set()
    for stage in stages:
        if fold(stage) in seen:
            raise _Refused(_("{value} appears twice").format(value=repr(stage)))
        seen.add(fold(stage))
    return stages


@dataclass(frozen=True)
class SettingRule:
    key: str  # the name `settings set` and `settings show` use
    field: str  # the GroupSettings field it is stored in
    allowed: str  # what is accepted, in words a secretary understands (marked with N_)
    check: Callable  # typed value -> the value to store; raises _Refused

    @property
    def allowed_words(self) -> str:
        """``allowed`` in the reader's language."""
        return _(self.allowed).format(languages=", ".join(LANGUAGES_AVAILABLE))


RULES: tuple[SettingRule, ...] = (
    SettingRule("group_name", "group_name", N_("the group's name, one line of up to 120 characters"),
                lambda v: _one_line(v, limit=120, required=True)),
    SettingRule("default_venue", "default_venue", N_("where meetings usually are, up to 200 characters"),
                lambda v: _one_line(v, limit=200)),
    SettingRule("phone_region", "phone_region",
                N_("a two-letter country code such as GB, IE, US or DE (numbers without +country are read as there)"),
                _phone_region),
    SettingRule("timezone", "timezone", N_("a time zone name such as Europe/London"), _timezone),
    SettingRule("paper_size", "paper_size", N_("A4 or Letter"), _paper),
    SettingRule("financial_year_start", "financial_year_start_month",
                N_("the month the financial year starts, 1 to 12 (or its English name)"),
                lambda v: _whole_number(v, low=1, high=12)),
    SettingRule("quorum", "quorum",
                N_('a number of people such as 12, a share of active members from 1% to 100% (for '
                   'example 10%), or "" for no quorum rule'), _quorum),
    SettingRule("currency", "currency", N_("a three-letter ISO 4217 currency code such as GBP, EUR or USD"),
                _currency),
    SettingRule("dues_grace_days", "dues_grace_days", N_("a whole number of days from 0 to 3650"),
                lambda v: _whole_number(v, low=0, high=3650)),
    SettingRule("language", "language",
                N_('one of {languages}, or "" to follow the computer'), _language),
    SettingRule("group_email", "group_email", N_('the group\'s own email address, or "" for none'),
                _group_email),
    SettingRule("kiosk_pin", "kiosk_pin", N_('a PIN of 4 to 8 digits, or "" for none'), _kiosk_pin),
    SettingRule("proxies_allowed", "proxies_allowed", N_("yes or no (proxy votes in a roll call)"), _yes_no),
    SettingRule("retention_lapsed_months", "retention_lapsed_months",
                N_("months from 0 (never) to 240"), lambda v: _whole_number(v, low=0, high=240)),
    SettingRule("retention_prospect_months", "retention_prospect_months",
                N_("months from 0 (never) to 240"), lambda v: _whole_number(v, low=0, high=240)),
    SettingRule("backup_dir", "backup_dir", N_('a full folder path, or "" for the usual backups folder'),
                _backup_dir),
    SettingRule("ladder_stages", "ladder_stages",
                N_('one to 12 different stage names of up to 60 characters, separated by ";"'), _ladder),
    SettingRule("agenda_template", "agenda_template",
                N_('up to 40 agenda lines of up to 200 characters, separated by ";"'),
                lambda v: _lines(v, most=40, limit=200)),
    SettingRule("one_to_one_prompts", "one_to_one_prompts",
                N_('up to 20 questions of up to 300 characters, separated by ";"'),
                lambda v: _lines(v, most=20, limit=300)),
)
RULES_BY_KEY = {rule.key: rule for rule in RULES}
_RULES_BY_FIELD = {rule.field: rule for rule in RULES}
