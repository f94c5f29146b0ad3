"""Phone numbers read, formatted and compared with ``phonenumbers`` (Google's libphonenumber).

Why: "07700 900001", "+44 7700 900001" and "(07700) 900001" are one phone; the
member list stores the readable international form and matching uses E.164.
"""

from __future__ import annotations

import re

import phonenumbers

from communitydesk.errors import UserError
from communitydesk.i18n import N_, _, current_language

_DIGITS = re.compile(r"\D+")
# UK mobiles, most of any member list: formatted here exactly as libphonenumber would
# (tests/services/test_phones.py checks that), because its parser costs ~0.2 ms a number.
_UK_MOBILE = re.compile(r"(?:\+44|0044|0)\s*\(?0?\)?\s*(7[1-57-9]\d{2})[\s-]*(\d{3})[\s-]*(\d{3})")


def _parse(raw: str, region: str) -> phonenumbers.PhoneNumber | None:
    try:
        number = phonenumbers.parse(raw, region or None)
    except phonenumbers.NumberParseException:
        return None
    return number if phonenumbers.is_possible_number(number) else None


def format_phone(raw: str | None, *, region: str = "GB") -> str | None:
    """'01134960000' -> '+44 113 496 0000'; raise UserError saying what is wrong when the number
    cannot be read or is not a valid one (a digit short: "a UK mobile has 11 digits")."""
    text = (raw or "").strip()
    if not text:
        return None
    readable, _key, valid = _forms(text, region)
    if not valid:  # say what is wrong rather than store "+44 770090011" looking real
        problem = phone_problem(text, region=region, kept=False) or ""
        raise UserError("phone: " + problem)
    return readable


# Ofcom keeps 07700 900000-900999 for TV and radio drama: never a real phone (the demo's
# numbers). libphonenumber calls them invalid; we keep them, with a warning.
_DRAMA = re.compile(r"\+447700900\d{3}")
DRAMA_WARNING = N_("{shown} is in Ofcom's range for TV and radio drama (07700 900000 to 900999): "
                   "fine for practice data, but no real phone rings")
_FORMS: dict[tuple[str, str], tuple[str, str | None, bool]] = {}
_FORMS_LIMIT = 200_000


def _forms(text: str, region: str) -> tuple[str, str | None, bool]:
    """(readable form or the text as written, comparison key, valid?); cached, because an import
    of 20,000 rows asks about each phone several times and libphonenumber is slow.

    A number libphonenumber calls invalid keeps the text as written: "0770090011"
    (a digit short) must not become a confident-looking "+44 770090011".
    """
    found = _FORMS.get((text, region))
    if found is not None:
        return found
    mobile = _UK_MOBILE.fullmatch(text) if region == "GB" or text.startswith("+44") else None
    number = None if mobile else _parse(text, region)
    if mobile:
        found = (f"+44 {mobile[1]} {mobile[2]}{mobile[3]}", f"+44{mobile[1]}{mobile[2]}{mobile[3]}",
                 True)
    elif number is not None and _DRAMA.fullmatch(
            key := phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)):
        found = (f"+44 {key[3:7]} {key[7:]}", key, True)
    elif number is None:
        digits = _DIGITS.sub("", text)
        found = (text, digits if len(digits) >= 6 else None, False)
    elif not phonenumbers.is_valid_number(number):
        found = (text, phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164), False)
    else:
        found = (phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL),
                 phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164), True)
    if len(_FORMS) > _FORMS_LIMIT:
        _FORMS.clear()
    _FORMS[(text, region)] = found
    _FORMS[(found[0], region)] = found  # the readable form has the same key
    return found


def tidy_phone(raw: str | None, *, region: str = "GB") -> str | None:
    """Like ``format_phone`` but keeps text it cannot read exactly as written (imports)."""
    text = (raw or "").strip()
    return _forms(text, region)[0] if text else None


def phone_key(raw: str | None, *, region: str = "GB") -> str | None:
    """E.164 for comparing ('+447700900001'); bare digits (6 or more) when it cannot be parsed."""
    text = (raw or "").strip()
    return _forms(text, region)[1] if text else None


def phone_problem(raw: str | None, *, region: str = "GB", kept: bool = True) -> str | None:
    """Why an imported phone was kept as written (not a valid number, saying what is wrong),
    a warning for a drama-range number, or None when it is fine. ``kept=False``: without the
    words "kept as written" (a typed number is refused, not kept)."""
    text = (raw or "").strip()
    if not text:
        return None
    shown = repr(text if len(text) <= 40 else text[:39] + "…")
    readable, key, valid = _forms(text, region)
    if valid:
        return _(DRAMA_WARNING).format(shown=shown) if key and _DRAMA.fullmatch(key) else None
    try:
        number = phonenumbers.parse(text, region or None)
    except phonenumbers.NumberParseException:
        if text.startswith("+"):
            problem = _("{shown} is not a phone number we can read").format(shown=shown)
        elif region:
            problem = _("{shown} is not a phone number we can read (read as a number in {country}: "
                        "one from abroad needs its country code, +48 …)").format(
                            shown=shown, country=_country_name(region))
        else:
            problem = _("{shown} is not a phone number we can read (it needs its country code, "
                        "+44 …)").format(shown=shown)
    else:
        problem = _("{shown} is not a valid phone number: {why}").format(
            shown=shown, why=why_invalid(number))
    return _("{problem}; kept as written").format(problem=problem) if kept else problem


def why_invalid(number: phonenumbers.PhoneNumber) -> str:
    """What is wrong, in words: "a UK mobile has 11 digits (07… with the 0), this has 10"."""
    national = phonenumbers.national_significant_number(number)
    region = phonenumbers.region_code_for_country_code(number.country_code)
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(region, None)
    place = _country_name(region)
    if region == "GB" and national.startswith("7"):
        return _("a UK mobile has 11 digits (07… with the 0), this has {count}").format(
            count=len(national) + 1)
    lengths = sorted(metadata.general_desc.possible_length) if metadata else []
    if lengths and len(national) not in lengths:
        told = _(" or ").join(", ".join(map(str, lengths)).rsplit(", ", 1))
        return _("numbers in {country} have {lengths} digits after +{code}, this has {count}").format(
            country=place, lengths=told, code=number.country_code, count=len(national))
    return _("no number in {country} starts like this (a digit missing, extra or mistyped?)").format(
        country=place)


def _country_name(region: str) -> str:
    if region == "GB":
        return _("the UK")
    try:
        from babel import Locale

        language = current_language()
        if language not in ("en", "en_XA"):  # the country's name in the reader's language
            return Locale.parse(language).territories.get(region, region)
        name = Locale("en").territories.get(region, region)
        return f"the {name}" if name.startswith(("United ", "Czech", "Netherlands")) else name
    except Exception:  # noqa: BLE001 - a name for a message only
        return region
