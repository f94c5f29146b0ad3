"""The treasurer's paper: a payment receipt, and renewal letters (one page a person due).

Every style comes from pdf/theme.py (the embedded Unicode font), so "Łukasz" and
"Şükrü" print; the running header carries the group's name as the letterhead.
"""

from __future__ import annotations

from datetime import date

from reportlab.platypus import Flowable, PageBreak, Spacer

from communitydesk.i18n import _
from communitydesk.pdf.layout import PageSetup, Target, build_document
from communitydesk.pdf.meeting_text import long_date, printed_note
from communitydesk.pdf.theme import long_table, styles, text
from communitydesk.services.dues.money import money_text
from communitydesk.services.dues.paid_up import MembershipFigures
from communitydesk.services.dues.paper import ReceiptData, RenewalLetter, RenewalsData

METHOD_WORDS = {"cash": "Cash", "cheque": "Cheque", "transfer": "Bank transfer", "card": "Card",
                "other": "Other"}


def build_receipt(data: ReceiptData, target: Target, *, printed_on: date | None = None) -> int:
    st = styles()
    page = PageSetup(data.paper_size)
    p = data.payment
    refund = p.refund_of_id is not None
    story: list[Flowable] = [
        text(f"{'Refund' if refund else 'Receipt'} No. {p.receipt_number}", st.title),
        text(data.group_name, st.subtitle),
        text("Received from" if not refund else "Refunded to", st.subheading),
        text("\n".join((p.member_name, *data.member_address)), st.body),
        Spacer(0, 10),
        long_table([
            ["Date", long_date(p.paid_on)],
            ["Amount", data.amount_text],
            ["For", f"Membership: {p.plan}" if p.plan else "Membership"],
            ["Method", METHOD_WORDS.get(p.method.value, p.method.value)],
            ["Reference", p.reference or "—"],
            ["Taken by", p.taken_by or "—"],
            ["Paid until", long_date(p.paid_until) if p.paid_until else "—"],
        ], page.col_widths(1, 3), header_rows=0, zebra=True),
        Spacer(0, 14),
        text("Thank you." if not refund else "This refund cancels the receipt it names in the accounts.",
             st.body),
    ]
    return build_document(target, story, group_name=data.group_name, title="Receipt",
                          subtitle=f"No. {p.receipt_number}", page_setup=page,
                          footer_note=printed_note(printed_on))


def _letter(letter: RenewalLetter, data: RenewalsData) -> list[Flowable]:
    st = styles()
    page = PageSetup(data.paper_size)
    if letter.paid_until is None:
        when = "Your membership is due."
    elif letter.paid_until >= data.on:
        when = f"Your membership runs until {long_date(letter.paid_until)}."
    else:
        when = f"Your membership ran out on {long_date(letter.paid_until)}."
    return [
        text("\n".join((letter.name, *letter.address)), st.body),
        Spacer(0, 18),
        text(long_date(data.on), st.body),
        Spacer(0, 12),
        text(f"Dear {letter.name},", st.body),
        Spacer(0, 6),
        text(f"{when} To renew for another period, the subscription on your plan "
             f"({letter.plan}) is {letter.amount_text}.", st.body),
        Spacer(0, 8),
        long_table([["Plan", letter.plan], ["Amount", letter.amount_text],
                    ["Reference", letter.reference]], page.col_widths(1, 3), header_rows=0),
        Spacer(0, 8),
        text(data.how_to_pay, st.body),
        Spacer(0, 18),
        text(f"With thanks,\nThe treasurer, {data.group_name}", st.body),
    ]


def build_renewals(data: RenewalsData, target: Target, *, printed_on: date | None = None) -> int:
    """One page a letter; an empty run prints one page saying nobody is due."""
    st = styles()
    story: list[Flowable] = []
    for i, letter in enumerate(data.letters):
        if i:
            story.append(PageBreak())
        story.extend(_letter(letter, data))
    if not story:
        story = [text(f"Nobody is due to renew on {long_date(data.on)}.", st.body)]
    return build_document(target, story, group_name=data.group_name, title="Membership renewal",
                          subtitle=long_date(data.on), page_setup=PageSetup(data.paper_size),
                          footer_note=printed_note(printed_on))


def membership_story(figures: MembershipFigures) -> list[Flowable]:
    """The AGM pack's short "Membership" section (pdf/meeting_pack.py adds it for an AGM)."""
    st = styles()
    rows = [[_("Paid-up members on {day}").format(day=long_date(figures.on)), f"{figures.paid_up:,}"],
            [_("Dues income this financial year (from {day})").format(day=long_date(figures.year_start)),
             money_text(figures.income, figures.currency)]]
    return [text(_("Membership"), st.title), long_table([[_("Figure"), _("Value")], *rows], [330, 150])]
