"""Money at the edge: text → ``Decimal`` → integer minor units, and back; never a float.

Why integers in the database: SQLAlchemy's ``Numeric`` on SQLite goes through floating
point and ``SUM()`` runs on REAL, so 0.10 + 0.20 can come back as 0.30000000000000004.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from babel.numbers import NumberFormatError, format_currency, parse_decimal

from communitydesk.errors import UserError
from communitydesk.i18n import _

HUNDRED = Decimal(100)


def parse_amount(value: str | Decimal | int, *, field: str = "amount", allow_zero: bool = True,
                 allow_negative: bool = False, locale: str | None = None) -> Decimal:
    """``"12.5"`` → ``Decimal("12.50")``; more than two places, a float-like mess or a sign refused.

    Without ``locale`` (the CLI, files) the decimal point is "." and a comma is refused, so
    "12,50" never silently becomes 1250; the window passes the user's locale ("12,50" in de_DE).
    """
    if isinstance(value, float):
        raise TypeError("money is never a float")
    text = value.strip() if isinstance(value, str) else value
    try:
        if locale and isinstance(text, str):
            amount = parse_decimal(text, locale=locale, strict=True)
        else:
            amount = Decimal(text)
    except (InvalidOperation, ValueError, NumberFormatError):
        raise UserError(_("{field}: {value!r} is not an amount; write it like 12.50").format(field=field, value=value)) from None
    if not amount.is_finite():
        raise UserError(_("{field}: {value!r} is not an amount; write it like 12.50").format(field=field, value=value))
    if amount.as_tuple().exponent < -2 and amount != amount.quantize(Decimal("0.01")):
        raise UserError(_("{field}: {value} has more than two decimal places; write it like 12.50").format(field=field, value=value))
    if amount < 0 and not allow_negative:
        raise UserError(_("{field}: {value} is negative; a refund is recorded with `refund`, not a negative payment").format(field=field, value=value))
    if amount == 0 and not allow_zero:
        raise UserError(_("{field}: the amount must be more than 0").format(field=field))
    return amount.quantize(Decimal("0.01"))


def to_minor(amount: Decimal) -> int:
    """12.50 → 1250 (exact: amounts are checked to two places first)."""
    return int((amount * HUNDRED).to_integral_value())


def from_minor(minor: int | None) -> Decimal:
    """1250 → Decimal("12.50")."""
    return (Decimal(minor or 0) / HUNDRED).quantize(Decimal("0.01"))


def money_text(amount: Decimal, currency: str, locale: str = "en_GB") -> str:
    """"£12.50" for people (Babel); files and JSON use the plain decimal string."""
    try:
        return format_currency(amount, currency, locale=locale or "en_GB")
    except (ValueError, LookupError):
        return f"{amount} {currency}"
