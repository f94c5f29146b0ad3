"""Paid-up members for funders and the AGM: on a date, and at any time over a period."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from communitydesk.db.models import DuesPayment, DuesPlan
from communitydesk.i18n import _
from communitydesk.services.core.permissions import login_may
from communitydesk.services.dues.money import from_minor
from communitydesk.services.dues.standing import Spans, paid_up_between, spans_paid_up
from communitydesk.services.dues.status import _covers, all_spans
from communitydesk.services.reports.periods import financial_year_start
from communitydesk.services.settings.group_settings import load_settings


@dataclass(frozen=True)
class PaidUpFigures:
    start: date
    end: date
    on_end_date: int  # paid or life on the last day
    during_period: int  # paid or life on at least one day of the period

    def to_json(self) -> dict:
        return {"from": self.start.isoformat(), "to": self.end.isoformat(),
                "paid_up_on_end_date": self.on_end_date, "paid_up_during_period": self.during_period}


def paid_up_on(session: Session, on: date) -> int:
    """Members paid (paid_until ≥ the date) or life members on ``on`` (grace is not paid up)."""
    return sum(paid_up_between(c, on, on) for c in _covers(session).values())


def paid_up_figures(session: Session, start: date, end: date, *,
                    spans_by_member: dict[int, Spans] | None = None) -> PaidUpFigures:
    spans = list((all_spans(session) if spans_by_member is None else spans_by_member).values())
    return PaidUpFigures(start=start, end=end,
                         on_end_date=sum(spans_paid_up(s, end, end) for s in spans),
                         during_period=sum(spans_paid_up(s, start, end) for s in spans))


# --- In the reports, the reports PDF and an AGM's meeting pack ---------------------------------
_AGM = re.compile(r"\bAGM\b|annual\s+general\s+meeting", re.IGNORECASE)


@dataclass(frozen=True)
class MembershipFigures:
    """The AGM pack's "Membership" section: paid up on the day, and dues income this financial year."""

    on: date
    paid_up: int
    year_start: date
    income: Decimal
    currency: str


def dues_in_use(session: Session) -> bool:
    """A group that never set up a plan sees no dues figures anywhere; nor does a login whose
    role may not read the dues book (organiser, door)."""
    if not login_may(session, "has_table_privilege('dues_plans', 'SELECT') "
                              "AND has_table_privilege('dues_payments', 'SELECT')"):
        return False
    return session.scalar(select(DuesPlan.id).limit(1)) is not None


def report_paid_up(session: Session, start: date | None, end: date) -> PaidUpFigures | None:
    """Paid-up figures for a report period (``start`` None: all time); None when dues are unused."""
    if not dues_in_use(session):
        return None
    return paid_up_figures(session, start or date(1900, 1, 1), end)


def paid_up_sentence(figures: PaidUpFigures, day_text: Callable[[date], str]) -> str:
    return _("Paid-up members: {on_end} on {day}; {during} paid up at some time in the period.").format(
        on_end=f"{figures.on_end_date:,}", day=day_text(figures.end), during=f"{figures.during_period:,}")


def is_agm(title: str) -> bool:
    """There is no AGM meeting kind: the title says it ("AGM 2026", "Annual General Meeting")."""
    return bool(_AGM.search(title or ""))


def agm_membership(session: Session, title: str, on: date) -> MembershipFigures | None:
    if not is_agm(title) or not dues_in_use(session):
        return None
    settings = load_settings(session)
    year_start = financial_year_start(on, settings.financial_year_start_month)
    income = session.scalar(select(func.coalesce(func.sum(DuesPayment.amount_minor), 0))
                            .where(DuesPayment.paid_on >= year_start, DuesPayment.paid_on <= on))
    return MembershipFigures(on=on, paid_up=paid_up_figures(session, on, on).on_end_date,
                             year_start=year_start, income=from_minor(int(income or 0)),
                             currency=settings.currency)
