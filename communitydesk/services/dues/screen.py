"""What the Dues screen shows, read in one go, and its one member-status action ("mark lapsed").

Member status is never changed as a side effect of dues: the screen lists who has
lapsed and the secretary confirms "Mark these N lapsed", which calls
:func:`mark_lapsed` with exactly those people.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from communitydesk.db.models import Member
from communitydesk.domain import DuesState, MemberStatus
from communitydesk.services.dues.export import YearSummary, income_by_month, year_summary
from communitydesk.services.dues.paid_up import PaidUpFigures, paid_up_figures
from communitydesk.services.dues.plans import PlanView, list_plans
from communitydesk.services.dues.status import StatusRow, all_spans, dues_status
from communitydesk.services.reports.periods import add_months
from communitydesk.services.settings.group_settings import load_settings

DUE_WITHIN_DAYS = 30


@dataclass(frozen=True)
class DuesScreenData:
    on: date
    currency: str
    rows: tuple[StatusRow, ...]
    counts: dict[str, int]
    due_soon: tuple[int, ...]  # member ids whose cover ends within 30 days
    lapsed_still_active: tuple[int, ...]  # lapsed on dues, still "active" on the member list
    income: tuple[tuple[str, Decimal], ...]  # the last 12 months, oldest first
    summary: YearSummary
    plans: tuple[PlanView, ...]
    paid_up: PaidUpFigures  # this calendar year up to the date


def load_dues_screen(session: Session, *, on: date) -> DuesScreenData:
    spans = all_spans(session)  # worked out once for the standing and the paid-up figures
    rows = tuple(dues_status(session, on=on, spans=spans))
    horizon = on + timedelta(days=DUE_WITHIN_DAYS)
    due_soon = tuple(r.member_id for r in rows
                     if r.state is DuesState.PAID and r.paid_until is not None and r.paid_until <= horizon)
    lapsed = tuple(r.member_id for r in rows
                   if r.state is DuesState.LAPSED and r.member_status == MemberStatus.ACTIVE.value)
    first = add_months(on, -11)
    return DuesScreenData(
        on=on, currency=load_settings(session).currency, rows=rows,
        counts=dict(Counter(r.state.value for r in rows)), due_soon=due_soon,
        lapsed_still_active=lapsed, income=tuple(income_by_month(session, first, on)),
        summary=year_summary(session, on.year), plans=tuple(list_plans(session)),
        paid_up=paid_up_figures(session, date(on.year, 1, 1), on, spans_by_member=spans))


def mark_lapsed(session: Session, member_ids: list[int] | tuple[int, ...]) -> int:
    """Set exactly these members (those still active) to status lapsed; returns how many changed."""
    changed = 0
    for member in session.scalars(select(Member).where(Member.id.in_(list(member_ids)))):
        if member.status == MemberStatus.ACTIVE:
            member.status = MemberStatus.LAPSED
            changed += 1
    session.flush()
    return changed
