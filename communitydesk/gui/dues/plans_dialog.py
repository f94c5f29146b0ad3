"""Membership plans from the window: add one (name, amount, period), retire or bring one back."""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from communitydesk.domain import DuesPeriod
from communitydesk.errors import UserError
from communitydesk.gui.common.row_model import Column, RowTableModel
from communitydesk.gui.common.table_view import make_table_view
from communitydesk.gui.context import AppContext
from communitydesk.gui.operations import Operation
from communitydesk.i18n import N_, _
from communitydesk.services.dues.money import money_text, parse_amount
from communitydesk.services.dues.plans import PlanView, add_plan, list_plans, set_plan_active

PERIOD_WORDS = {DuesPeriod.YEAR: N_("a year"), DuesPeriod.MONTH: N_("a month"), DuesPeriod.LIFE: N_("for life")}


class PlansModel(RowTableModel[PlanView]):
    currency = "GBP"

    def __init__(self, parent=None) -> None:  # noqa: ANN001 - Qt parent
        super().__init__(parent)
        self.columns = (
            Column(N_("Plan"), lambda p: p.name),
            Column(N_("Amount"), lambda p: money_text(p.amount, self.currency, QLocale().name()),
                   sort_key=lambda p: p.amount, align_right=True),
            Column(N_("Period"), lambda p: _(PERIOD_WORDS[p.period])),
            Column("", lambda p: "" if p.active else "retired"),
        )

    def row_id(self, row: PlanView) -> int:
        return row.id


class PlansDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(_("Membership plans"))
        self.setMinimumSize(520, 360)
        self.model = PlansModel(self)
        self.model.currency = ctx.group.currency if ctx.group_loaded else "GBP"
        self.table = make_table_view(self.model, {0: 180, 1: 100, 2: 90})
        self.name = QLineEdit(placeholderText="e.g. Standard, Concession, Life")
        self.amount = QLineEdit(placeholderText=f"12{QLocale().decimalPoint()}00")
        self.period = QComboBox()
        for period, words in PERIOD_WORDS.items():
            self.period.addItem(_(words), period.value)
        for widget, name in ((self.table, _("Plans")), (self.name, _("Plan name")), (self.amount, _("Amount")),
                             (self.period, _("Period"))):  # #19: what a screen reader says
            widget.setAccessibleName(name)
        self.add_button = QPushButton(_("&Add plan"))
        self.add_button.clicked.connect(self.add)
        self.retire_button = QPushButton(_("&Retire / bring back"))
        self.retire_button.setToolTip(_("A retired plan stays in the accounts; no new payments go on it"))
        self.retire_button.clicked.connect(self.toggle_active)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #B42318")
        form = QHBoxLayout()
        form.addWidget(self.name, 2)
        form.addWidget(self.amount, 1)
        form.addWidget(self.period)
        form.addWidget(self.add_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.retire_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.refresh()

    def refresh(self) -> Operation:
        self.loading = self.ctx.ops.read(list_plans, parent=self, done=self.model.set_rows, key="dues-plans")
        return self.loading

    def add(self) -> Operation | None:
        name, period = self.name.text(), self.period.currentData()
        try:
            amount = parse_amount(self.amount.text(), field="Amount", locale=QLocale().name())
        except UserError as exc:
            self.problem.setText(str(exc))
            return None
        self.problem.clear()
        self.saving = self.ctx.ops.write(lambda s: add_plan(s, name=name, amount=amount, period=period),
                                         parent=self, done=lambda _p: self._added(), failed=self._failed)
        return self.saving

    def _added(self) -> None:
        self.name.clear()
        self.amount.clear()
        self.refresh()

    def _failed(self, exc: BaseException) -> None:
        self.problem.setText(str(exc))

    def toggle_active(self) -> Operation | None:
        index = self.table.currentIndex()
        if not index.isValid():
            self.problem.setText(_("Choose a plan in the list first."))
            return None
        plan = self.model.row_at(index.row())
        self.saving = self.ctx.ops.write(lambda s: set_plan_active(s, plan.id, not plan.active), parent=self,
                                         done=lambda _p: self.refresh())
        return self.saving
