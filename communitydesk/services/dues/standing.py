"""The paid-until and state rules (DESIGN.md "Membership dues"), pure: no database.

A payment on a ``year`` plan extends ``max(previous paid_until, payment date)`` by
12 months, a ``month`` plan by one month (31 Jan + 1 month = 28/29 Feb), and a
``life`` payment never expires. A payment refunded in full covers nothing; a
partial refund keeps the cover (the treasurer gave some money back, not the year).
State on D: life; paid when paid_until ≥ D; grace when D − grace ≤ paid_until < D;
lapsed before that; none with a plan and no payment.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from communitydesk.domain import DuesPeriod, DuesState


class Cover(NamedTuple):
    """One payment as the rules see it (a NamedTuple: the Dues screen makes 30,000 of them)."""

    paid_on: date
    period: DuesPeriod | None  # None: a payment on no plan (covers nothing)
    refunded: bool = False


@dataclass(frozen=True)
class Standing:
    paid_until: date | None
    life: bool = False


def add_months(day: date, months: int) -> date:
    """Calendar months, clamped to the month's last day (31 Jan + 1 → 28 Feb, 29 in a leap year)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    if day.day <= 28:  # every month has the day: skip the calendar (the Dues screen does 20,000s)
        return date(year, month, day.day)
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def standing_of(covers: Iterable[Cover], *, on: date | None = None) -> Standing:
    """Paid-until from payments in date order (only those made on or before ``on``)."""
    paid_until: date | None = None
    life = False
    for cover in sorted(covers, key=lambda c: c.paid_on):
        if cover.refunded or cover.period is None or (on is not None and cover.paid_on > on):
            continue
        if cover.period == DuesPeriod.LIFE:
            life = True
            continue
        start = max(paid_until, cover.paid_on) if paid_until else cover.paid_on
        paid_until = add_months(start, 12 if cover.period == DuesPeriod.YEAR else 1)
    return Standing(paid_until=paid_until, life=life)


def cover_spans(covers: Iterable[Cover], *, in_date_order: bool = False
                ) -> tuple[list[tuple[date, date]], date | None]:
    """The days each payment covered, ``(paid_on, paid_until)``, and the day life cover began."""
    spans: list[tuple[date, date]] = []
    paid_until: date | None = None
    life_from: date | None = None
    for cover in (covers if in_date_order else sorted(covers, key=lambda c: c.paid_on)):
        if cover.refunded or cover.period is None:
            continue
        if cover.period == DuesPeriod.LIFE:
            life_from = min(life_from, cover.paid_on) if life_from else cover.paid_on
            continue
        start = max(paid_until, cover.paid_on) if paid_until else cover.paid_on
        paid_until = add_months(start, 12 if cover.period == DuesPeriod.YEAR else 1)
        spans.append((cover.paid_on, paid_until))
    return spans, life_from


Spans = tuple[list[tuple[date, date]], "date | None"]


def standing_from_spans(spans_life: Spans, on: date) -> Standing:
    """The same as :func:`standing_of` on ``on``, from spans worked out once (a later payment
    never changes an earlier span, so the cover on D is the last span paid on or before D)."""
    spans, life_from = spans_life
    paid_until = None
    for paid_on, until in spans:
        if paid_on > on:
            break
        paid_until = until
    return Standing(paid_until=paid_until, life=life_from is not None and life_from <= on)


def paid_up_between(covers: Iterable[Cover], start: date, end: date) -> bool:
    """Paid up (paid or life) on at least one day from ``start`` to ``end``."""
    return spans_paid_up(cover_spans(covers), start, end)


def spans_paid_up(spans_life: tuple[list[tuple[date, date]], date | None], start: date, end: date) -> bool:
    spans, life_from = spans_life
    if life_from is not None and life_from <= end:
        return True
    return any(a <= end and b >= start for a, b in spans)


def state_on(standing: Standing, on: date, *, grace_days: int) -> DuesState:
    if standing.life:
        return DuesState.LIFE
    if standing.paid_until is None:
        return DuesState.NONE
    if standing.paid_until >= on:
        return DuesState.PAID
    if standing.paid_until >= on - timedelta(days=grace_days):
        return DuesState.GRACE
    return DuesState.LAPSED


def lapsed_on(standing: Standing, *, grace_days: int) -> date | None:
    """The first day the member counts as lapsed (after the cover and the grace days)."""
    if standing.life or standing.paid_until is None:
        return None
    return standing.paid_until + timedelta(days=grace_days + 1)
