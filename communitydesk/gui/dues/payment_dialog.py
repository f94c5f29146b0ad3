"""Record a payment taken offline: plan and amount filled in from the member's plan, so
Enter records it (three keystrokes from the member record: Alt+D, Alt+R, Enter)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from communitydesk.db.models import Member
from communitydesk.errors import UserError
from communitydesk.gui.common.shown_values import PAYMENT_METHOD
from communitydesk.gui.common.widgets import locale_date_edit
from communitydesk.gui.context import AppContext
from communitydesk.gui.dues.payment_parts import SavesPayment, problem_line
from communitydesk.gui.operations import Operation
from communitydesk.i18n import _
from communitydesk.services.core.names import person_name
from communitydesk.services.dues.money import money_text, parse_amount
from communitydesk.services.dues.payments import PaymentView, record_payment
from communitydesk.services.dues.plans import PlanView, list_plans, member_plan


@dataclass(frozen=True)
class PaymentForm:
    member_name: str
    plans: tuple[PlanView, ...]
    current_plan_id: int | None


def _read_form(session: Session, member_id: int) -> PaymentForm:
    member = session.get(Member, member_id)
    current = member_plan(session, member_id)
    return PaymentForm(member_name=person_name(member.first_name, member.last_name, member.preferred_name)
                       if member else f"member {member_id}",
                       plans=tuple(list_plans(session, include_retired=False)),
                       current_plan_id=current.id if current else None)


class PaymentDialog(SavesPayment, QDialog):
    """One payment for one member; ``recorded`` holds the result after OK."""

    def __init__(self, ctx: AppContext, member_id: int, parent: QWidget | None = None, *,
                 note: str = "") -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.member_id = member_id
        self.recorded: PaymentView | None = None
        self.saving: Operation | None = None
        self.setWindowTitle(_("Record a payment"))
        self.setMinimumWidth(440)
        self.heading = QLabel(_("Loading…"))
        self.heading.setObjectName("pageTitle")
        self.plan = QComboBox()
        self.amount = QLineEdit()
        self.amount.setPlaceholderText(f"12{QLocale().decimalPoint()}50")
        self.paid_on = locale_date_edit()
        self.paid_on.setDate(QDate.currentDate())
        self.method = QComboBox()
        for method, label in PAYMENT_METHOD.items():
            self.method.addItem(_(label), method)
        self.reference = QLineEdit()
        self.reference.setPlaceholderText(_("cheque number, bank reference…"))
        self.reference.setText(note)
        self.problem = problem_line()
        self.heading.setWordWrap(True)  # #19: a long name at 200 % wraps instead of widening the dialog
        self.plan.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.plan.setMinimumContentsLength(16)
        form = QFormLayout()
        form.addRow(_("&Plan"), self.plan)
        form.addRow(_("&Amount"), self.amount)
        form.addRow(_("&Date"), self.paid_on)
        form.addRow(_("&Method"), self.method)
        form.addRow(_("Re&ference"), self.reference)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(_("Record payment"))
        self.ok.setEnabled(False)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.plan.currentIndexChanged.connect(self._plan_chosen)
        self.loading = ctx.ops.read(lambda s: _read_form(s, member_id), parent=self, done=self._show,
                                    key=f"payment-form-{member_id}")

    def _show(self, form: PaymentForm) -> None:
        self.heading.setText(_("Payment from {name}").format(name=form.member_name))
        for plan in form.plans:
            period = {"life": _("for life"), "year": _("a year"), "month": _("a month")}.get(
                plan.period.value, plan.period.value)
            self.plan.addItem(f"{plan.name} — {self._money(plan.amount)} {period}", plan)
        if not form.plans:
            self.problem.setText(_("There are no membership plans yet: add one on the Dues screen."))
            return
        ids = [p.id for p in form.plans]
        self.plan.setCurrentIndex(ids.index(form.current_plan_id) if form.current_plan_id in ids else 0)
        self._plan_chosen()
        self.ok.setEnabled(True)
        self.ok.setDefault(True)
        self.amount.setFocus()
        self.amount.selectAll()

    def _money(self, amount) -> str:  # noqa: ANN001 - a Decimal
        return money_text(amount, self.ctx.group.currency if self.ctx.group_loaded else "GBP",
                          QLocale().name())

    def _plan_chosen(self) -> None:
        plan = self.plan.currentData()
        if plan is not None:
            self.amount.setText(str(plan.amount).replace(".", QLocale().decimalPoint()))

    def save(self) -> Operation | None:
        plan: PlanView | None = self.plan.currentData()
        if plan is None:
            return None
        try:
            amount = parse_amount(self.amount.text(), field="Amount", locale=QLocale().name(),
                                  allow_zero=plan.amount == 0)
        except UserError as exc:  # said beside the field; the dialog stays open
            self.problem.setText(str(exc))
            self.amount.setFocus()
            return None
        paid_on = self.paid_on.date().toPython()
        method, reference, member_id = self.method.currentData(), self.reference.text(), self.member_id
        return self.write_payment(
            lambda s: record_payment(s, member_id, amount=amount, paid_on=paid_on, plan_name=plan.name,
                                     method=method, reference=reference), self._saved)

    def _saved(self, payment: PaymentView) -> None:
        self.recorded = payment
        self.accept()
