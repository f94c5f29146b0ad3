"""What a receipt and the renewal letters print, gathered once (the PDF code never queries)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.orm import Session

from communitydesk.db.models import Member
from communitydesk.domain import DuesState, MemberStatus
from communitydesk.errors import UserError
from communitydesk.i18n import N_, _, resolve_language, translator
from communitydesk.services.core.names import formal_name
from communitydesk.services.dues.money import money_text, parse_amount
from communitydesk.services.dues.payments import PaymentView, get_payment
from communitydesk.services.dues.status import dues_status
from communitydesk.services.settings.group_settings import load_settings

HOW_TO_PAY = N_("Pay the treasurer in cash or by cheque at any meeting, or by bank transfer "
                "quoting the reference below. Thank you for keeping the group going.")


@dataclass(frozen=True)
class ReceiptData:
    group_name: str
    paper_size: str
    payment: PaymentView
    amount_text: str  # "£12.00", in the group's currency
    member_address: tuple[str, ...]


@dataclass(frozen=True)
class RenewalLetter:
    member_id: int
    name: str
    address: tuple[str, ...]
    plan: str
    amount_text: str
    paid_until: date | None
    state: DuesState
    reference: str


@dataclass(frozen=True)
class RenewalsData:
    group_name: str
    paper_size: str
    on: date
    how_to_pay: str
    letters: tuple[RenewalLetter, ...]


def _address(member: Member) -> tuple[str, ...]:
    if member.anonymised_at is not None:
        return ()
    return tuple(p for p in (member.address_line1, member.address_line2, member.town, member.postcode) if p)


def receipt_data(session: Session, payment_id: int) -> ReceiptData:
    settings = load_settings(session)
    payment = get_payment(session, payment_id)
    member = session.get(Member, payment.member_id)
    return ReceiptData(group_name=settings.group_name, paper_size=settings.paper_size, payment=payment,
                       amount_text=money_text(payment.amount, settings.currency),
                       member_address=_address(member))


def renewals_data(session: Session, *, on: date, within: int = 30) -> RenewalsData:
    """One letter a person due: cover ending within ``within`` days, in grace, or lapsed but still
    active on the member list (once the secretary marks them lapsed, the letters stop)."""
    if within < 0 or within > 3650:
        raise UserError(_("--within: give a number of days from 0 to 3650"))
    settings = load_settings(session)
    horizon = on + timedelta(days=within)
    letters = []
    for row in dues_status(session, on=on):
        if row.state in (DuesState.LIFE, DuesState.NONE) or row.plan is None:
            continue
        if row.state is DuesState.PAID and row.paid_until > horizon:
            continue
        if row.member_status != MemberStatus.ACTIVE.value:
            continue
        member = session.get(Member, row.member_id)
        amount = parse_amount(row.plan_amount or "0")
        letters.append(RenewalLetter(
            member_id=row.member_id, name=formal_name(member.first_name, member.last_name),
            address=_address(member), plan=row.plan, amount_text=money_text(amount, settings.currency),
            paid_until=row.paid_until, state=row.state, reference=f"DUES-{row.member_id}"))
    return RenewalsData(group_name=settings.group_name, paper_size=settings.paper_size, on=on,
                        how_to_pay=translator(resolve_language(settings.language, use_environment=False))
                        .gettext(HOW_TO_PAY), letters=tuple(letters))  # the group's language, as printed

