"""Payments taken offline: receipt numbers from one gapless sequence, refunds, audited edits.

Receipt numbers never repeat or skip: the number is taken from a one-row counter in
the same transaction as the payment (``SELECT … FOR UPDATE`` locks the row on
PostgreSQL, so a second treasurer waits for the first to commit and then gets the
next number; a rolled-back payment gives its number back with it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from communitydesk.db.audit import USER_KEY, default_user_name
from communitydesk.db.models import DuesPayment, DuesPlan, Member, ReceiptCounter
from communitydesk.domain import PaymentMethod
from communitydesk.errors import UserError
from communitydesk.i18n import _
from communitydesk.services.core.lookup import fetch
from communitydesk.services.core.names import person_name
from communitydesk.services.core.versioned import save_versioned
from communitydesk.services.dues.money import from_minor, parse_amount, to_minor
from communitydesk.services.dues.plans import find_plan, member_plan, set_member_plan
from communitydesk.services.dues.status import member_standing


@dataclass(frozen=True)
class PaymentView:
    id: int
    receipt_number: int
    member_id: int
    member_name: str
    plan: str | None
    paid_on: date
    amount: Decimal
    method: PaymentMethod
    reference: str | None
    taken_by: str | None
    refund_of_id: int | None
    paid_until: date | None
    version: int

    def to_json(self) -> dict:
        return {"id": self.id, "receipt_number": self.receipt_number, "member_id": self.member_id,
                "member_name": self.member_name, "plan": self.plan, "date": self.paid_on.isoformat(),
                "amount": str(self.amount), "method": self.method.value, "reference": self.reference,
                "taken_by": self.taken_by, "refund_of_id": self.refund_of_id,
                "paid_until": self.paid_until.isoformat() if self.paid_until else None}


def _method(value: str | PaymentMethod) -> PaymentMethod:
    try:
        return PaymentMethod(str(value).strip().lower())
    except ValueError:
        choices = ", ".join(m.value for m in PaymentMethod)
        raise UserError(_("--method: {value!r} is not one of {choices}").format(value=value, choices=choices)) from None


def next_receipt_number(session: Session) -> int:
    """The next number, locking the counter row until this transaction ends."""
    counter = session.execute(
        select(ReceiptCounter).where(ReceiptCounter.id == 1).with_for_update()
    ).scalar_one_or_none()
    if counter is None:  # a database made before the counter row existed: start after the highest
        highest = session.scalar(select(func.max(DuesPayment.receipt_number))) or 0
        counter = ReceiptCounter(id=1, last_number=highest)
        session.add(counter)
    counter.last_number += 1
    session.flush()
    return counter.last_number


def _taker(session: Session, taken_by: str | None) -> str:
    return (taken_by or "").strip()[:120] or session.info.get(USER_KEY) or default_user_name()


def record_payment(session: Session, member_id: int, *, amount: str | Decimal, paid_on: date,
                   plan_name: str | None = None, method: str | PaymentMethod = PaymentMethod.CASH,
                   reference: str | None = None, taken_by: str | None = None) -> PaymentView:
    """A payment taken offline; the member's plan becomes the one paid for."""
    member = fetch(session, Member, member_id)
    if plan_name:
        plan = find_plan(session, plan_name)
    else:
        current = member_plan(session, member_id)
        if current is None:
            raise UserError(_("{name} has no plan yet: give --plan NAME").format(name=person_name(member.first_name, member.last_name)))
        plan = session.get(DuesPlan, current.id)
    if not plan.active:
        raise UserError(_("the plan {name!r} is retired; choose a current plan").format(name=plan.name))
    money = parse_amount(amount, field="--amount", allow_zero=plan.amount_minor == 0)
    payment = DuesPayment(
        member_id=member_id, plan_id=plan.id, paid_on=paid_on, amount_minor=to_minor(money),
        method=_method(method), reference=(reference or "").strip()[:120] or None,
        taken_by=_taker(session, taken_by), receipt_number=next_receipt_number(session))
    session.add(payment)
    set_member_plan(session, member_id, plan.id)
    session.flush()
    return get_payment(session, payment.id)


def refund_payment(session: Session, payment_id: int, *, paid_on: date,
                   amount: str | Decimal | None = None, method: str | PaymentMethod | None = None,
                   reference: str | None = None, taken_by: str | None = None) -> PaymentView:
    """A negative payment naming the one refunded, with its own receipt number (the trail stays)."""
    original = fetch(session, DuesPayment, payment_id)
    if original.refund_of_id is not None or original.amount_minor <= 0:
        raise UserError(_("payment {payment_id} is itself a refund; refund the original payment").format(payment_id=payment_id))
    already = -(session.scalar(select(func.coalesce(func.sum(DuesPayment.amount_minor), 0))
                               .where(DuesPayment.refund_of_id == payment_id)) or 0)
    left = original.amount_minor - already
    wanted = to_minor(parse_amount(amount, field="--amount", allow_zero=False)) if amount is not None \
        else left
    if wanted <= 0 or wanted > left:
        raise UserError(_("payment {payment_id} has {amount} left to refund").format(payment_id=payment_id, amount=from_minor(left)))
    refund = DuesPayment(
        member_id=original.member_id, plan_id=original.plan_id, paid_on=paid_on, amount_minor=-wanted,
        method=_method(method or original.method), reference=(reference or "").strip()[:120] or None,
        taken_by=_taker(session, taken_by), receipt_number=next_receipt_number(session),
        refund_of_id=original.id)
    session.add(refund)
    session.flush()
    return get_payment(session, refund.id)


def edit_payment(session: Session, payment_id: int, *, expected_version: int,
                 paid_on: date | None = None, amount: str | Decimal | None = None,
                 method: str | PaymentMethod | None = None, reference: str | None = None) -> PaymentView:
    """Correct a payment (the audit trail records which fields); the receipt number never changes."""
    payment = fetch(session, DuesPayment, payment_id)
    changes: dict[str, object] = {}
    if paid_on is not None:
        changes["paid_on"] = paid_on
    if amount is not None:
        if payment.refund_of_id is not None:
            changes["amount_minor"] = -to_minor(parse_amount(amount, allow_zero=False))
        else:
            changes["amount_minor"] = to_minor(parse_amount(amount, allow_zero=False))
    if method is not None:
        changes["method"] = _method(method)
    if reference is not None:
        changes["reference"] = reference.strip()[:120] or None
    save_versioned(session, DuesPayment, payment_id, changes, expected_version=expected_version,
                   what="payment")
    return get_payment(session, payment_id)


def get_payment(session: Session, payment_id: int) -> PaymentView:
    payment = fetch(session, DuesPayment, payment_id)
    member = session.get(Member, payment.member_id)
    plan = session.get(DuesPlan, payment.plan_id) if payment.plan_id else None
    standing = member_standing(session, payment.member_id)
    return PaymentView(
        id=payment.id, receipt_number=payment.receipt_number, member_id=payment.member_id,
        member_name=person_name(member.first_name, member.last_name),
        plan=plan.name if plan else None, paid_on=payment.paid_on,
        amount=from_minor(payment.amount_minor), method=PaymentMethod(payment.method),
        reference=payment.reference, taken_by=payment.taken_by, refund_of_id=payment.refund_of_id,
        paid_until=standing.paid_until, version=payment.version)


def member_payments(session: Session, member_id: int) -> list[PaymentView]:
    ids = session.scalars(select(DuesPayment.id).where(DuesPayment.member_id == member_id)
                          .order_by(DuesPayment.paid_on.desc(), DuesPayment.id.desc()))
    return [get_payment(session, i) for i in ids]


def save_payment_changes(session: Session, payment_id: int, values: dict[str, object],
                         expected_version: int | None) -> PaymentView:
    """The window's edit (gui/common/saving.py): ``values`` keyed by field (paid_on,
    amount_minor, method, reference); ``expected_version`` None after the conflict dialog."""
    payment = session.get(DuesPayment, payment_id)
    if payment is None:
        raise UserError(_("no payment with id {payment_id} (someone may have deleted it)").format(payment_id=payment_id))
    changes = dict(values)
    if "amount_minor" in changes:
        minor = int(changes["amount_minor"])
        if minor == 0 and payment.refund_of_id is not None:
            raise UserError(_("Amount: a refund cannot be zero"))
        if (minor < 0) != (payment.refund_of_id is not None):
            raise UserError(_("Amount: a refund is negative and a payment positive"))
    if "method" in changes:
        changes["method"] = _method(changes["method"])
    if "reference" in changes:
        changes["reference"] = (str(changes["reference"] or "")).strip()[:120] or None
    save_versioned(session, DuesPayment, payment_id, changes,
                   expected_version=payment.version if expected_version is None else expected_version,
                   what="payment")
    return get_payment(session, payment_id)


def refundable(session: Session, payment_id: int) -> Decimal:
    """What is left to refund of a payment (zero for a refund itself)."""
    original = session.get(DuesPayment, payment_id)
    if original is None or original.refund_of_id is not None or original.amount_minor <= 0:
        return Decimal("0.00")
    back = -(session.scalar(select(func.coalesce(func.sum(DuesPayment.amount_minor), 0))
                            .where(DuesPayment.refund_of_id == payment_id)) or 0)
    return from_minor(original.amount_minor - back)
