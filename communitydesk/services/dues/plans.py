"""Membership plans (Standard 12.00 a year, Concession 3.00, Life) and each member's plan."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from communitydesk.db.models import DuesPlan, Member, MemberPlan
from communitydesk.domain import DuesPeriod
from communitydesk.errors import UserError
from communitydesk.i18n import _
from communitydesk.services.core.lookup import fetch
from communitydesk.services.core.text import fold
from communitydesk.services.dues.money import from_minor, parse_amount, to_minor


@dataclass(frozen=True)
class PlanView:
    id: int
    name: str
    amount: Decimal
    period: DuesPeriod
    active: bool

    def to_json(self) -> dict:
        return {"id": self.id, "name": self.name, "amount": str(self.amount),
                "period": self.period.value, "active": self.active}


def _view(plan: DuesPlan) -> PlanView:
    return PlanView(plan.id, plan.name, from_minor(plan.amount_minor), DuesPeriod(plan.period),
                    bool(plan.active))


def _period(value: str | DuesPeriod) -> DuesPeriod:
    try:
        return DuesPeriod(str(value).strip().lower())
    except ValueError:
        raise UserError(_("--period: {value!r} is not one of year, month, life").format(value=value)) from None


def add_plan(session: Session, *, name: str, amount: str | Decimal, period: str | DuesPeriod) -> PlanView:
    """A new plan; zero is allowed (a waived or honorary plan), a negative amount is not."""
    name = (name or "").strip()
    if not name or len(name) > 80:
        raise UserError(_("--name: give the plan a name of 1 to 80 characters"))
    if find_plan_or_none(session, name) is not None:
        raise UserError(_("there is already a plan called {name!r}").format(name=name))
    plan = DuesPlan(name=name, amount_minor=to_minor(parse_amount(amount)), period=_period(period),
                    active=True)
    session.add(plan)
    session.flush()
    return _view(plan)


def list_plans(session: Session, *, include_retired: bool = True) -> list[PlanView]:
    query = select(DuesPlan).order_by(DuesPlan.active.desc(), DuesPlan.name)
    if not include_retired:
        query = query.where(DuesPlan.active.is_(True))
    return [_view(p) for p in session.scalars(query)]


def find_plan_or_none(session: Session, name: str) -> DuesPlan | None:
    wanted = fold(name.strip())
    for plan in session.scalars(select(DuesPlan)):
        if fold(plan.name) == wanted:
            return plan
    return None


def find_plan(session: Session, name: str) -> DuesPlan:
    plan = find_plan_or_none(session, name)
    if plan is None:
        known = ", ".join(p.name for p in list_plans(session)) or _("none yet: add one with `dues plans add`")
        raise UserError(_("--plan: no plan called {name!r} (plans: {known})").format(name=name, known=known))
    return plan


def set_plan_active(session: Session, plan_id: int, active: bool) -> PlanView:
    """Retire a plan (kept for the accounts; no new payments on it) or bring it back."""
    plan = fetch(session, DuesPlan, plan_id)
    plan.active = active
    session.flush()
    return _view(plan)


def set_member_plan(session: Session, member_id: int, plan_id: int | None) -> None:
    """The plan on a member's record (None: no plan)."""
    fetch(session, Member, member_id)
    current = session.get(MemberPlan, member_id)
    if plan_id is None:
        if current is not None:
            session.delete(current)
    elif current is None:
        session.add(MemberPlan(member_id=member_id, plan_id=plan_id))
    elif current.plan_id != plan_id:
        current.plan_id = plan_id
    session.flush()


def member_plan(session: Session, member_id: int) -> PlanView | None:
    row = session.get(MemberPlan, member_id)
    if row is None:
        return None
    return _view(session.get(DuesPlan, row.plan_id))


def before_member_merge(session: Session, keep_id: int, remove_id: int) -> None:
    """`members merge`: the kept person's plan wins; the other's plan row goes (payments move)."""
    if session.get(MemberPlan, keep_id) is not None:
        session.execute(delete(MemberPlan).where(MemberPlan.member_id == remove_id))
