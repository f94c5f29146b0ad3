"""Phone numbers read, formatted and compared with ``phonenumbers`` (Google's libphonenumber).

Why: "07700 900001", "+44 7700 900001" and "(07700) 900001" are one phone; the
member list stores the readable international form and matching uses E.164.
"""

from __future__ import annotations

import re

import phonenumbers

from communitydesk.errors import UserError

_DIGITS = re.compile(r"\D+")


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


def tidy_phone(raw: str | None, *, region: str = "GB") -> str | None:
    """Like ``format_phone`` but keeps text it cannot read exactly as written (imports)."""
    text = (raw or "").strip()
    if not text:
        return None
    number = _parse(text, region)
    if number is None:
        return text
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def phone_key(raw: str | None, *, region: str = "GB") -> str | None:
    """E.164 for comparing ('+447700900001'); bare digits (6 or more) when it cannot be parsed."""
    text = (raw or "").strip()
    if not text:
        return None
    number = _parse(text, region)
    if number is not None:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    digits = _DIGITS.sub("", text)
    return digits if len(digits) >= 6 else None
