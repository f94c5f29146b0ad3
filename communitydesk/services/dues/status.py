"""Each member's standing read from the database in one pass (the Dues screen, `dues status`).

Reads every payment once (member, date, plan period, refunded or not) and applies the
pure rules in :mod:`standing`; 20,000 members with a year of payments stay well under
half a second.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import NamedTuple

from sqlalchemy import String, Subquery, case, func, or_, select, type_coerce
from sqlalchemy.orm import Session, aliased

from communitydesk.db.models import DuesPayment, DuesPlan, Member, MemberPlan
from communitydesk.domain import DuesPeriod, DuesState
from communitydesk.i18n import _
from communitydesk.services.core.names import person_name
from communitydesk.services.core.text import fold
from communitydesk.services.dues.money import from_minor
from communitydesk.services.dues.standing import (
    Cover,
    Spans,
    Standing,
    add_months,
    standing_of,
)
from communitydesk.services.settings.group_settings import load_settings

_NO_SPANS: Spans = ([], None)


class StatusRow(NamedTuple):
    """One member's standing (immutable; a NamedTuple, not a dataclass: 20,000 a screen load)."""

    member_id: int
    name: str
    member_status: str
    plan: str | None
    plan_amount: str | None  # decimal string: what a renewal asks for
    paid_until: date | None
    state: DuesState
    lapsed_on: date | None

    def to_json(self) -> dict:
        return {"member_id": self.member_id, "name": self.name, "plan": self.plan,
                "paid_until": self.paid_until.isoformat() if self.paid_until else None,
                "state": self.state.value,
                "lapsed_on": self.lapsed_on.isoformat() if self.lapsed_on else None}


def _covers(session: Session, member_id: int | None = None) -> dict[int, list[Cover]]:
    """Every payment as a Cover, by member; a payment refunded in full covers nothing."""
    query = (select(DuesPayment.id, DuesPayment.member_id, type_coerce(DuesPayment.paid_on, String),
                    DuesPayment.amount_minor,
                    DuesPayment.refund_of_id, type_coerce(DuesPlan.period, String))
             .outerjoin(DuesPlan, DuesPlan.id == DuesPayment.plan_id)
             .order_by(DuesPayment.paid_on, DuesPayment.id))  # each member's covers in date order
    if member_id is not None:
        query = query.where(DuesPayment.member_id == member_id)
    rows = session.execute(query).all()
    refunded: dict[int, int] = defaultdict(int)
    for _pid, _mid, _on, amount, refund_of, _period in rows:
        if refund_of is not None:
            refunded[refund_of] += -amount
    covers: dict[int, list[Cover]] = defaultdict(list)
    periods = {p.value: p for p in DuesPeriod}
    for pid, mid, paid_on, amount, refund_of, period in rows:
        if refund_of is not None:
            continue
        if isinstance(paid_on, str):
            paid_on = date.fromisoformat(paid_on[:10])  # SQLite's text, parsed in C
        covers[mid].append(Cover(paid_on, periods.get(period) if period else None,
                                 refunded=amount > 0 and refunded.get(pid, 0) >= amount))
    return covers


def member_standing(session: Session, member_id: int, *, on: date | None = None) -> Standing:
    return standing_of(_covers(session, member_id).get(member_id, []), on=on)


def _covering(session: Session) -> Subquery:
    """Payments that cover something: on a plan, not a refund, not refunded in full."""
    refund, original = aliased(DuesPayment), aliased(DuesPayment)
    refunded_in_full = (select(refund.refund_of_id).join(original, original.id == refund.refund_of_id)
                        .where(original.amount_minor > 0)
                        .group_by(refund.refund_of_id, original.amount_minor)
                        .having(func.sum(-refund.amount_minor) >= original.amount_minor))
    return (select(DuesPayment.id, DuesPayment.member_id, DuesPayment.paid_on, DuesPlan.period)
            .join(DuesPlan, DuesPlan.id == DuesPayment.plan_id)
            .where(DuesPayment.refund_of_id.is_(None), DuesPayment.id.not_in(refunded_in_full))
            .subquery())


def _day(value: object) -> date:
    return date.fromisoformat(value[:10]) if isinstance(value, str) else value  # SQLite's text, in C


def all_spans(session: Session) -> dict[int, Spans]:
    """Every member's cover spans from one query: the covering payments (refunds and payments
    refunded in full left out in SQL) with their period as a number of months, ordered by member
    and date, folded in a single loop — the rule of :func:`cover_spans`, tested equal to it."""
    cov = _covering(session)
    months = case((cov.c.period == DuesPeriod.YEAR, 12), (cov.c.period == DuesPeriod.MONTH, 1), else_=0)
    rows = session.execute(select(cov.c.member_id, type_coerce(cov.c.paid_on, String), months)
                           .order_by(cov.c.member_id, cov.c.paid_on, cov.c.id)).all()
    spans: dict[int, Spans] = {}
    current, dated, until, life_from = None, [], None, None
    for mid, paid_on, step in rows:
        if mid != current:
            if current is not None:
                spans[current] = (dated, life_from)
            current, dated, until, life_from = mid, [], None, None
        day = date.fromisoformat(paid_on[:10]) if isinstance(paid_on, str) else paid_on
        if not step:
            life_from = life_from or day  # the first life payment (rows are in date order)
            continue
        until = add_months(until if until is not None and until > day else day, step)
        dated.append((day, until))
    if current is not None:
        spans[current] = (dated, life_from)
    return spans


def dues_status(session: Session, *, on: date | None = None,
                spans: dict[int, Spans] | None = None) -> list[StatusRow]:
    """One row a member with a plan or a payment, sorted by name (DESIGN.md `dues status`).

    The loop is the rule of :func:`standing_from_spans`, :func:`state_on` and :func:`lapsed_on`
    written out inline (20,000 members a load); tests hold it equal to :func:`standing_of`."""
    day = on or date.today()
    grace = timedelta(days=load_settings(session).dues_grace_days)
    grace_from, lapse_after = day - grace, grace + timedelta(days=1)
    covers = all_spans(session) if spans is None else spans
    plans = {pid: (name, str(from_minor(amount))) for pid, name, amount in
             session.execute(select(DuesPlan.id, DuesPlan.name, DuesPlan.amount_minor))}
    life_state, none_state = DuesState.LIFE, DuesState.NONE
    paid_state, grace_state, lapsed_state = DuesState.PAID, DuesState.GRACE, DuesState.LAPSED
    rows: list[StatusRow] = []
    query = (select(Member.id, Member.first_name, Member.last_name, Member.preferred_name,
                    type_coerce(Member.status, String), Member.anonymised_at.is_not(None),
                    MemberPlan.plan_id)
             .outerjoin(MemberPlan, MemberPlan.member_id == Member.id)
             .where(or_(MemberPlan.plan_id.is_not(None),
                        Member.id.in_(select(DuesPayment.member_id).distinct()))))
    for mid, first, last, preferred, status, anonymised, plan_id in session.execute(query):
        spans_list, life_from = covers.get(mid, _NO_SPANS)
        paid_until = None
        for paid_on, until in spans_list:
            if paid_on > day:
                break
            paid_until = until
        if life_from is not None and life_from <= day:
            state, lapsed = life_state, None
        elif paid_until is None:
            state, lapsed = none_state, None
        else:
            state = paid_state if paid_until >= day else grace_state if paid_until >= grace_from \
                else lapsed_state
            lapsed = paid_until + lapse_after
        plan = plans.get(plan_id)
        rows.append(StatusRow(  # positional: member_id, name, member_status, plan, plan_amount, …
            mid, _("Anonymised person") if anonymised else person_name(first, last, preferred), status,
            plan[0] if plan else None, plan[1] if plan else None, paid_until, state, lapsed))
    rows.sort(key=lambda r: (fold(r.name), r.member_id))  # Łukasz among the Ls
    return rows
