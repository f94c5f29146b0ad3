"""Phone numbers read, formatted and compared with ``phonenumbers`` (Google's libphonenumber).

Why: "07700 900001", "+44 7700 900001" and "(07700) 900001" are one phone; the
member list stores the readable international form and matching uses E.164.
"""

from __future__ import annotations

import re

import phonenumbers

from communitydesk.errors import UserError

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
    """'07700 900001' -> '+44 7700 900001'; raise UserError naming the phone when unreadable."""
    text = (raw or "").strip()
    if not text:
        return None
    number = _parse(text, region)
    if number is None:
        raise UserError(f"phone: {text!r} is not a phone number we can read "
                        f"(numbers without a country code are read as {region or 'international'})")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


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


def phone_problem(raw: str | None, *, region: str = "GB") -> str | None:
    """Why an imported phone was kept as written (not a valid number), or None when it is fine."""
    text = (raw or "").strip()
    if not text or _forms(text, region)[2]:
        return None
    shown = repr(text if len(text) <= 40 else text[:39] + "…")
    where = f"in {region}" if region else "with its country code"
    if _parse(text, region) is None:
        return f"{shown} is not a phone number we can read; kept as written"
    return (f"{shown} is not a valid phone number {where} (a digit missing or extra?); "
            "kept as written")
