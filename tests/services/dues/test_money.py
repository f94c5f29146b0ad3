"""Money is Decimal, stored as minor units; bad amounts refused with a clear message."""

from __future__ import annotations

from decimal import Decimal

import pytest

from communitydesk.errors import UserError
from communitydesk.services.dues.money import from_minor, money_text, parse_amount, to_minor


@pytest.mark.parametrize(("text", "value"), [
    ("12", Decimal("12.00")), ("12.5", Decimal("12.50")), (" 3.00 ", Decimal("3.00")),
    ("0", Decimal("0.00")), ("12.500", Decimal("12.50")),
])
def test_amounts_read(text: str, value: Decimal) -> None:
    assert parse_amount(text) == value


@pytest.mark.parametrize(("text", "words"), [
    ("12.345", "more than two decimal places"), ("-5", "negative"), ("ten", "not an amount"),
    ("NaN", "not an amount"), ("", "not an amount"), ("12,50", "not an amount"),
])
def test_bad_amounts_refused(text: str, words: str) -> None:
    with pytest.raises(UserError, match=words):
        parse_amount(text)


def test_minor_units_round_trip_exactly() -> None:
    assert to_minor(Decimal("0.10")) + to_minor(Decimal("0.20")) == 30
    assert from_minor(30) == Decimal("0.30")
    assert to_minor(parse_amount("19.99")) == 1999


def test_floats_are_refused() -> None:
    with pytest.raises(TypeError):
        parse_amount(12.5)  # type: ignore[arg-type]


def test_money_text_uses_the_currency() -> None:
    assert money_text(Decimal("12.50"), "GBP") == "£12.50"
    assert "€" in money_text(Decimal("3"), "EUR", "de_DE")


def test_the_window_reads_amounts_in_the_users_locale() -> None:
    assert parse_amount("12,50", locale="de_DE") == Decimal("12.50")
    assert parse_amount("1,200.10", locale="en_GB") == Decimal("1200.10")
    with pytest.raises(UserError, match="more than two decimal places"):
        parse_amount("1,234", locale="de_DE")
