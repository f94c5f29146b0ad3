"""Phone formatting: the fast path for UK mobiles agrees with libphonenumber exactly."""

from __future__ import annotations

import phonenumbers
import pytest

from communitydesk.errors import UserError
from communitydesk.services.members import phones
from communitydesk.services.members.phones import format_phone, phone_key, tidy_phone

SAMPLES = ["07700 900123", "07700900123", "+44 7700 900123", "+447700900123", "0044 7700 900123",
           "+44 (0) 7700 900123", "07911-123-456", "07123 456789", "07400 123456", "07800 123 456",
           "(0113) 496 0002", "020 7946 0000", "+1 415 555 0100", "+48 601 234 567"]


@pytest.mark.parametrize("raw", SAMPLES)
def test_same_as_libphonenumber(raw: str) -> None:
    phones._FORMS.clear()
    number = phonenumbers.parse(raw, "GB")
    assert tidy_phone(raw) == phonenumbers.format_number(
        number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    assert phone_key(raw) == phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def test_unreadable_phones() -> None:
    assert tidy_phone("+SUM(1)") == "+SUM(1)" and phone_key("+SUM(1)") is None
    assert tidy_phone("") is None and phone_key(None) is None
    with pytest.raises(UserError, match="phone"):
        format_phone("call me")
    assert format_phone("0113 496 0002") == "+44 113 496 0002"
    assert format_phone("612 345 678", region="PL") == "+48 61 234 56 78"


def test_a_number_libphonenumber_calls_invalid_is_kept_as_written() -> None:
    """#13 item 9: "0770090011" (a digit short) became "+44 770090011" with nothing said."""
    from communitydesk.services.members.phones import phone_problem

    assert tidy_phone("0770090011") == "0770090011"
    reason = phone_problem("0770090011", region="GB")
    assert reason is not None and "'0770090011'" in reason and "kept as written" in reason
    assert phone_problem("call me", region="GB") is not None
    for good in ("07700 901123", "+44 20 7946 0000", "0113 496 0002", "+1 212 555 2368", ""):
        assert phone_problem(good, region="GB") is None, good
    assert phone_key("0770090011") == phone_key("+44 770090011")  # still matches old imports
