"""Dues in a subject-access export and on erasure (services/privacy/erasure.py calls these).

Erasure keeps every payment, so the accounts still add up: amount, date, plan, method and
receipt number stay, linked to the anonymised record exactly as attendance is kept. What
could name the person goes: the free-text reference ("cheque from J. Smith", a bank reference).
"""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from communitydesk.db.models import DuesPayment, DuesPlan
from communitydesk.services.dues.money import from_minor
from communitydesk.services.dues.plans import member_plan


def dues_for_subject_access(session: Session, member_id: int) -> dict:
    """The person's current plan and every payment and refund recorded for them."""
    plan = member_plan(session, member_id)
    plans = dict(session.execute(select(DuesPlan.id, DuesPlan.name)).all())
    payments = list(session.scalars(select(DuesPayment).where(DuesPayment.member_id == member_id)
                                    .order_by(DuesPayment.paid_on, DuesPayment.receipt_number)))
    receipts = {p.id: p.receipt_number for p in payments}
    return {
        "plan": {"name": plan.name, "amount": str(plan.amount), "period": plan.period.value}
        if plan else None,
        "payments": [{"receipt_number": p.receipt_number, "date": p.paid_on,
                      "amount": str(from_minor(p.amount_minor)), "plan": plans.get(p.plan_id),
                      "method": str(getattr(p.method, "value", p.method)), "reference": p.reference,
                      "taken_by": p.taken_by, "refund_of_receipt": receipts.get(p.refund_of_id)}
                     for p in payments],
    }


def anonymise_payments(session: Session, member_id: int) -> int:
    """Clear the references that could name the person; returns how many payments are kept."""
    session.execute(update(DuesPayment).where(DuesPayment.member_id == member_id)
                    .values(reference=None), execution_options={"synchronize_session": "fetch"})
    return len(session.scalars(select(DuesPayment.id).where(DuesPayment.member_id == member_id)).all())
