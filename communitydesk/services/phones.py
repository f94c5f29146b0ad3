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


_FORMS: dict[tuple[str, str], tuple[str, str | None]] = {}
_FORMS_LIMIT = 200_000


def _forms(text: str, region: str) -> tuple[str, str | None]:
    """(readable form or the text as written, comparison key); cached, because an import
    of 20,000 rows asks about each phone several times and libphonenumber is slow."""
    found = _FORMS.get((text, region))
    if found is not None:
        return found
    mobile = _UK_MOBILE.fullmatch(text) if region == "GB" or text.startswith("+44") else None
    number = None if mobile else _parse(text, region)
    if mobile:
        found = (f"+44 {mobile[1]} {mobile[2]}{mobile[3]}", f"+44{mobile[1]}{mobile[2]}{mobile[3]}")
    elif number is None:
        digits = _DIGITS.sub("", text)
        found = (text, digits if len(digits) >= 6 else None)
    else:
        found = (phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL),
                 phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))
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
