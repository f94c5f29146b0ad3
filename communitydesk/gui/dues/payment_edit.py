"""Correct a payment, or refund one, from the window (the member's Dues tab and the Dues page).

An edit saves through the one versioned path (gui/common/saving.py): if another treasurer
changed the payment meanwhile, the conflict dialog shows both versions. A refund is asked
first: it records a negative payment with its own receipt number, and the original stays.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

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

from communitydesk.errors import UserError
from communitydesk.gui.common.dates import short_date
from communitydesk.gui.common.dialogs import confirm
from communitydesk.gui.common.saving import save_versioned_edit
from communitydesk.gui.common.shown_values import PAYMENT_METHOD
from communitydesk.gui.common.widgets import locale_date_edit
from communitydesk.gui.context import AppContext
from communitydesk.gui.dues.payment_parts import SavesPayment, problem_line
from communitydesk.gui.operations import Operation
from communitydesk.i18n import _
from communitydesk.services.dues.money import money_text, parse_amount, to_minor
from communitydesk.services.dues.payments import (
    PaymentView,
    refund_payment,
    refundable,
    save_payment_changes,
)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class _PaymentForm(QDialog):
    """Date, amount, method and reference, with a problem line beside the buttons."""

    def __init__(self, ctx: AppContext, payment: PaymentView, currency: str, parent: QWidget | None,
                 *, title: str, ok_text: str) -> None:
        super().__init__(parent)
        self.ctx, self.payment, self.currency = ctx, payment, currency
        self.setWindowTitle(title)
        self.setMinimumWidth(440)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.paid_on = locale_date_edit()
        self.amount = QLineEdit()
        self.method = QComboBox()
        for method, label in PAYMENT_METHOD.items():
            self.method.addItem(_(label), method)
        self.method.setCurrentIndex(self.method.findData(payment.method.value))
        self.reference = QLineEdit()
        self.problem = problem_line()
        form = QFormLayout()
        form.addRow(_("&Date"), self.paid_on)
        form.addRow(_("&Amount"), self.amount)
        form.addRow(_("&Method"), self.method)
        form.addRow(_("Re&ference"), self.reference)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(ok_text)
        self.ok.setDefault(True)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

    def money(self, amount: Decimal) -> str:
        return money_text(amount, self.currency, QLocale().name())

    def amount_text(self, amount: Decimal) -> str:
        return str(abs(amount)).replace(".", QLocale().decimalPoint())

    def read_amount(self) -> Decimal | None:
        try:
            return parse_amount(self.amount.text(), field=_("Amount"), locale=QLocale().name(),
                                allow_zero=self.payment.amount == 0)
        except UserError as exc:  # said beside the field; the dialog stays open
            self.problem.setText(str(exc))
            self.amount.setFocus()
            return None

    def save(self) -> Operation | None:  # pragma: no cover - each dialog has its own
        raise NotImplementedError


class EditPaymentDialog(_PaymentForm):
    """Correct the date, amount, method or reference; the receipt number never changes."""

    def __init__(self, ctx: AppContext, payment: PaymentView, currency: str,
                 parent: QWidget | None = None) -> None:
        refund = payment.refund_of_id is not None
        super().__init__(ctx, payment, currency, parent,
                         title=_("Correct a refund") if refund else _("Correct a payment"),
                         ok_text=_("Save"))
        self.saved: PaymentView | None = None
        self.saving: Operation | None = None
        self.heading.setText(_("Receipt No. {number} · {name} · {plan}").format(
            number=payment.receipt_number, name=payment.member_name, plan=payment.plan or "—"))
        self.paid_on.setDate(_qdate(payment.paid_on))
        self.amount.setText(self.amount_text(payment.amount))
        self.reference.setText(payment.reference or "")
        self.amount.setFocus()

    def changes(self) -> dict[str, object] | None:
        """Only what the person changed (so a conflict shows just those fields)."""
        amount = self.read_amount()
        if amount is None:
            return None
        p = self.payment
        minor = -to_minor(amount) if p.refund_of_id is not None else to_minor(amount)
        values: dict[str, object] = {}
        if self.paid_on.date().toPython() != p.paid_on:
            values["paid_on"] = self.paid_on.date().toPython()
        if minor != to_minor(p.amount):
            values["amount_minor"] = minor
        if self.method.currentData() != p.method.value:
            values["method"] = self.method.currentData()
        if (self.reference.text().strip() or None) != (p.reference or None):
            values["reference"] = self.reference.text().strip()
        return values

    def save(self) -> Operation | None:
        values = self.changes()
        if values is None:
            return None
        if not values:
            self.accept()
            return None
        payment_id = self.payment.id
        self.saving = save_versioned_edit(
            self.ctx, self, lambda s, v, version: save_payment_changes(s, payment_id, v, version),
            values, self.payment.version, done=self._saved)
        return self.saving

    def _saved(self, payment: PaymentView) -> None:
        self.saved = payment
        self.accept()


class RefundDialog(SavesPayment, _PaymentForm):
    """Refund all or part of a payment; asked once more before it is recorded."""

    def __init__(self, ctx: AppContext, payment: PaymentView, currency: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, payment, currency, parent, title=_("Refund a payment"),
                         ok_text=_("Refund…"))
        self.refunded: PaymentView | None = None
        self.saving: Operation | None = None
        self.left: Decimal | None = None
        self.heading.setText(_("Loading…"))
        self.paid_on.setDate(QDate.currentDate())
        self.reference.setPlaceholderText(_("why, or how the money went back"))
        self.ok.setEnabled(False)
        payment_id = payment.id
        self.loading = ctx.ops.read(lambda s: refundable(s, payment_id), parent=self, done=self._show,
                                    key=f"refundable-{payment_id}")

    def _show(self, left: Decimal) -> None:
        p = self.payment
        self.left = left
        self.heading.setText(_("Receipt No. {number} · {name} · {amount} paid on {day}; "
                               "{left} left to refund").format(
            number=p.receipt_number, name=p.member_name, amount=self.money(p.amount),
            day=short_date(p.paid_on), left=self.money(left)))
        if left <= 0:
            self.problem.setText(_("Nothing is left to refund on this payment."))
            return
        self.amount.setText(self.amount_text(left))
        self.ok.setEnabled(True)
        self.amount.setFocus()
        self.amount.selectAll()

    def confirm(self, amount: Decimal) -> bool:
        """Asked before anything is written (tests patch ``payment_edit.confirm``)."""
        return confirm(
            self, _("Refund a payment"),
            _("Refund {amount} to {name}?\n\nThis records a refund with its own receipt number; "
              "receipt No. {number} stays in the accounts.").format(
                amount=self.money(amount), name=self.payment.member_name,
                number=self.payment.receipt_number),
            _("&Refund"))

    def save(self) -> Operation | None:
        amount = self.read_amount()
        if amount is None or not self.confirm(amount):
            return None
        payment_id, paid_on = self.payment.id, self.paid_on.date().toPython()
        method, reference = self.method.currentData(), self.reference.text()
        return self.write_payment(
            lambda s: refund_payment(s, payment_id, paid_on=paid_on, amount=amount, method=method,
                                     reference=reference), self._saved)

    def _saved(self, refund: PaymentView) -> None:
        self.refunded = refund
        self.accept()
