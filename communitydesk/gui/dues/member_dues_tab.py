"""The Dues tab on a member's record: plan, paid-until, state, payments, and "Record payment…"."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from communitydesk.domain import DuesState
from communitydesk.gui.common.dates import short_date
from communitydesk.gui.common.row_model import Column, RowTableModel
from communitydesk.gui.common.shown_values import PAYMENT_METHOD, shown
from communitydesk.gui.common.table_view import make_table_view
from communitydesk.gui.context import AppContext
from communitydesk.gui.dues.dues_page import STATE_WORDS
from communitydesk.gui.operations import Operation
from communitydesk.i18n import N_, _
from communitydesk.services.dues.money import money_text
from communitydesk.services.dues.payments import PaymentView, member_payments
from communitydesk.services.dues.plans import member_plan
from communitydesk.services.dues.standing import state_on
from communitydesk.services.dues.status import member_standing
from communitydesk.services.settings.group_settings import load_settings


@dataclass(frozen=True)
class MemberDues:
    plan: str | None
    paid_until: date | None
    state: DuesState
    currency: str
    payments: tuple[PaymentView, ...]


def read_member_dues(session: Session, member_id: int) -> MemberDues:
    settings = load_settings(session)
    plan = member_plan(session, member_id)
    standing = member_standing(session, member_id)
    return MemberDues(plan=plan.name if plan else None, paid_until=standing.paid_until,
                      state=state_on(standing, date.today(), grace_days=settings.dues_grace_days),
                      currency=settings.currency, payments=tuple(member_payments(session, member_id)))


class PaymentsModel(RowTableModel[PaymentView]):
    currency = "GBP"

    def __init__(self, parent=None) -> None:  # noqa: ANN001 - Qt parent
        super().__init__(parent)
        self.columns = (
            Column(N_("Date"), lambda p: short_date(p.paid_on), sort_key=lambda p: p.paid_on),
            Column(N_("Receipt"), lambda p: str(p.receipt_number), sort_key=lambda p: p.receipt_number,
                   align_right=True),
            Column(N_("Plan"), lambda p: p.plan or ""),
            Column(N_("Amount"), lambda p: money_text(p.amount, self.currency, QLocale().name()),
                   sort_key=lambda p: p.amount, align_right=True),
            Column(N_("Method"), lambda p: shown(PAYMENT_METHOD, p.method)),
            Column(N_("Reference"), lambda p: p.reference or ""),
        )

    def row_id(self, row: PaymentView) -> int:
        return row.id


class MemberDuesTab(QWidget):
    def __init__(self, ctx: AppContext, member_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.member_id = member_id
        self.currency = "GBP"  # until the first read says
        self.summary = QLabel(_("Loading…"))
        self.record_button = QPushButton(_("&Record payment…"))
        self.record_button.setToolTip(_("Record a payment taken in cash, by cheque or transfer (Alt+R)"))
        self.record_button.clicked.connect(self.record_payment)
        self.print_button = QPushButton(_("Print rec&eipt…"))
        self.print_button.setToolTip(_("A PDF receipt for the selected payment"))
        self.print_button.clicked.connect(lambda: self.print_receipt())
        self.edit_button = QPushButton(_("Edi&t payment…"))
        self.edit_button.setToolTip(_("Correct the selected payment's date, amount, method or reference"))
        self.edit_button.clicked.connect(lambda: self.edit_payment())
        self.refund_button = QPushButton(_("Refu&nd…"))
        self.refund_button.setToolTip(_("Give back all or part of the selected payment (asked first)"))
        self.refund_button.clicked.connect(lambda: self.refund_payment())
        self.model = PaymentsModel(self)
        self.table = make_table_view(self.model, {0: 110, 1: 70, 2: 140, 3: 100, 4: 90})
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # newest first
        self.table.doubleClicked.connect(lambda _i: self.edit_payment())
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.edit_button)
        top.addWidget(self.refund_button)
        top.addWidget(self.print_button)
        top.addWidget(self.record_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.refresh()

    def refresh(self) -> None:
        member_id = self.member_id
        self.loading = self.ctx.ops.read(lambda s: read_member_dues(s, member_id), parent=self,
                                         done=self._show, key=f"member-dues-{member_id}")

    def _show(self, dues: MemberDues) -> None:
        self.currency = dues.currency
        self.model.currency = dues.currency
        self.model.set_rows(dues.payments)
        if dues.plan is None and not dues.payments:
            self.summary.setText(_("No plan and no payments yet."))
            return
        until = "for life" if dues.state is DuesState.LIFE else (
            f"paid until {short_date(dues.paid_until)}" if dues.paid_until else "nothing paid yet")
        self.summary.setText(_("Plan: {plan} · {until} · {state}").format(plan=dues.plan or "—", until=until, state=_(STATE_WORDS.get(dues.state, dues.state.value))))

    def print_receipt(self, path: str | None = None) -> Operation | None:
        """The selected payment's receipt as a PDF (asks where to save it unless given)."""
        index = self.table.currentIndex()
        if not index.isValid():
            QMessageBox.information(self, _("Print receipt"), _("Choose a payment in the list first."))
            return None
        payment = self.model.row_at(index.row())
        if path is None:
            path, _filter = QFileDialog.getSaveFileName(self, _("Save receipt"), f"receipt-{payment.receipt_number}.pdf",
                                                  _("PDF files (*.pdf)"))
            if not path:
                return None

        def build(session: Session) -> str:
            from communitydesk.pdf.dues_papers import build_receipt
            from communitydesk.services.dues.paper import receipt_data

            build_receipt(receipt_data(session, payment.id), path)
            return path

        self.printing = self.ctx.ops.read(build, parent=self, done=lambda _p: None)
        return self.printing

    def _selected(self, title: str) -> PaymentView | None:
        index = self.table.currentIndex()
        if not index.isValid():
            QMessageBox.information(self, title, _("Choose a payment in the list first."))
            return None
        return self.model.row_at(index.row())

    def edit_payment(self) -> QWidget | None:
        """Correct the selected payment (versioned save; a conflict shows both versions)."""
        from communitydesk.gui.dues.payment_edit import EditPaymentDialog

        payment = self._selected(_("Correct a payment"))
        if payment is None:
            return None
        self.edit_dialog = EditPaymentDialog(self.ctx, payment, self.currency, self)
        self.edit_dialog.accepted.connect(self.refresh)
        self.edit_dialog.open()
        return self.edit_dialog

    def refund_payment(self) -> QWidget | None:
        from communitydesk.gui.dues.payment_edit import RefundDialog

        payment = self._selected(_("Refund a payment"))
        if payment is None:
            return None
        if payment.refund_of_id is not None:
            QMessageBox.information(self, _("Refund a payment"),
                                    _("This is a refund already: choose the payment it gave back."))
            return None
        self.refund_dialog = RefundDialog(self.ctx, payment, self.currency, self)
        self.refund_dialog.accepted.connect(self.refresh)
        self.refund_dialog.open()
        return self.refund_dialog

    def record_payment(self) -> None:
        from communitydesk.gui.dues.payment_dialog import PaymentDialog

        self.dialog = PaymentDialog(self.ctx, self.member_id, self)
        self.dialog.accepted.connect(self.refresh)
        self.dialog.open()


class MemberPaymentsDialog(QDialog):
    """One person's payments from the Dues page: the same tab as on their record."""

    def __init__(self, ctx: AppContext, member_id: int, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Payments: {name}").format(name=name))
        self.resize(760, 420)
        self.tab = MemberDuesTab(ctx, member_id, self)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tab, 1)
        layout.addWidget(close)
