"""The Dues screen: who is paid up, in grace or lapsed, what came in, and the treasurer's actions.

Filters by state and name; totals for the year; "due in the next 30 days"; lapsed members
with the date they lapsed; an explicit "Mark these N lapsed…" (asked first: the member
list never changes behind the secretary's back); income by month. Everything through ctx.ops.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from PySide6.QtCore import QDate, QEventLoop, QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from communitydesk.domain import DuesState
from communitydesk.gui.accessibility import warning_icon
from communitydesk.gui.common.dates import short_date
from communitydesk.gui.common.dialogs import confirm
from communitydesk.gui.common.loading import FirstRead
from communitydesk.gui.common.row_model import Column, RowTableModel
from communitydesk.gui.common.shown_values import MEMBER_STATUS, PAYMENT_METHOD, shown
from communitydesk.gui.common.table_view import make_table_view
from communitydesk.gui.common.widgets import LocaleDateEdit, PageHeader
from communitydesk.gui.context import AppContext
from communitydesk.gui.dues.income_chart import IncomeChart
from communitydesk.gui.operations import Operation
from communitydesk.i18n import N_, _, ngettext
from communitydesk.services.core.text import fold
from communitydesk.services.dues.money import money_text
from communitydesk.services.dues.screen import DuesScreenData, load_dues_screen, mark_lapsed
from communitydesk.services.dues.status import StatusRow

STATE_WORDS = {DuesState.PAID: N_("paid"), DuesState.GRACE: N_("grace"), DuesState.LAPSED: N_("lapsed"),
               DuesState.NONE: N_("none"), DuesState.LIFE: N_("life")}  # the State column, translated
DUE_SOON = "due"  # the filter value for "due in the next 30 days"
FILTERS = ((N_("Everyone"), ""), (N_("Due in the next 30 days"), DUE_SOON), (N_("Paid"), "paid"),
           (N_("In grace"), "grace"), (N_("Lapsed"), "lapsed"), (N_("Life"), "life"), (N_("No payment yet"), "none"))


_Loaded = tuple[DuesScreenData, "tuple[int, Qt.SortOrder] | None", list[str]]


def _read_sorted(session: Session, day: date, presort: Callable) -> _Loaded:
    """The screen's data with its 20,000 rows already in the table's order and their names
    folded for the search box: made on the worker, not by the window (#14)."""
    data = load_dues_screen(session, on=day)
    rows, _texts, sorted_by = presort(list(data.rows), None)
    return replace(data, rows=tuple(rows)), sorted_by, [fold(r.name) for r in rows]


class StatusModel(RowTableModel[StatusRow]):
    default_sort = (0, Qt.SortOrder.AscendingOrder)  # by name: the worker sorts them so (presorter)
    columns = (
        Column(N_("Name"), lambda r: r.name),
        Column(N_("Plan"), lambda r: r.plan or "—"),
        Column(N_("Paid until"), lambda r: short_date(r.paid_until) if r.paid_until else "—",
               sort_key=lambda r: r.paid_until or date.min),
        Column(N_("State"), lambda r: _(STATE_WORDS.get(r.state, r.state.value))),
        Column(N_("Lapsed on"), lambda r: short_date(r.lapsed_on) if r.state is DuesState.LAPSED else "",
               sort_key=lambda r: (r.state is DuesState.LAPSED, r.lapsed_on or date.min)),
        Column(N_("Member status"), lambda r: shown(MEMBER_STATUS, r.member_status)),
    )

    def row_id(self, row: StatusRow) -> int:
        return row.member_id

    def extra_data(self, row: StatusRow, column: int, role: int) -> object:
        """Grace and lapsed carry a sign and words in the State column, not a colour alone (#19)."""
        if column == 3 and row.state in (DuesState.GRACE, DuesState.LAPSED):
            if role == Qt.ItemDataRole.DecorationRole:
                return warning_icon()
            if role == Qt.ItemDataRole.AccessibleTextRole:
                return _("{state}, {why}").format(state=_(STATE_WORDS[row.state]), why=_(
                    "renewal overdue") if row.state is DuesState.GRACE else _("not renewed"))
        return None


class _SidePanel(QWidget):
    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return False


class _Body(QWidget):
    """The standing table beside the totals, the year's summary and the income chart."""

    def __init__(self, model: StatusModel) -> None:
        super().__init__()
        self.totals = QLabel(_("Loading…"))
        self.totals.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.chart = IncomeChart()
        self.table = make_table_view(model, {0: 190, 1: 110, 2: 95, 3: self._state_width(), 4: 95})
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setAccessibleName(_("Dues standing"))  # #19: what a screen reader says
        side_panel = _SidePanel()
        side = QVBoxLayout(side_panel)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.totals)
        side.addWidget(self.summary)
        side.addWidget(self.chart, 1)
        body = QHBoxLayout(self)
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.table, 3)
        body.addWidget(side_panel, 2)


    def _state_width(self) -> int:
        """Room for the longest state word in this language, with the warning sign before it."""
        words = max(self.fontMetrics().horizontalAdvance(_(w)) for w in STATE_WORDS.values())
        header = self.fontMetrics().horizontalAdvance(_("State")) + 24  # and the sort arrow
        return max(words + 16 + 20, header)  # icon, its gap and the cell's margins


class DuesPage(QWidget):
    body_built = Signal()  # the table and the side panel are in the page

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.data: DuesScreenData | None = None
        self.sorted_by: tuple[int, Qt.SortOrder] | None = None  # the order data.rows are in
        self.folded: list[str] = []  # data.rows' names folded for the search box, made on the worker
        self.loading: Operation | None = None
        self.marking: Operation | None = None
        self.header = PageHeader(_("Dues"), _("Membership subscriptions and who is paid up"))
        self.on = LocaleDateEdit(QDate.currentDate())
        self.on.setToolTip(_("Standing on this date"))
        self.on.dateChanged.connect(self.refresh)
        self.state = QComboBox()
        for label, value in FILTERS:
            self.state.addItem(_(label), value)
        self.state.currentIndexChanged.connect(self._filter)
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search names (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.record_button = QPushButton(_("&Record payment…"))
        self.record_button.setToolTip(_("Record a payment for the selected person"))
        self.record_button.clicked.connect(self.record_payment)
        self.payments_button = QPushButton(_("Pa&yments…"))
        self.payments_button.setToolTip(_("The selected person's payments: correct one, refund one"))
        self.payments_button.clicked.connect(lambda: self.show_payments())
        self.mark_button = QPushButton(_("Mar&k lapsed…"))
        self.mark_button.setEnabled(False)
        self.mark_button.clicked.connect(self.confirm_mark_lapsed)
        self.plans_button = QPushButton(_("P&lans…"))
        self.plans_button.setToolTip(_("Membership plans: add, retire"))
        self.plans_button.clicked.connect(self.edit_plans)
        self.header.add_widget(self.plans_button)
        self.header.add_widget(self.payments_button)
        self.header.add_widget(self.record_button)
        self.header.add_widget(self.mark_button)
        from communitydesk.gui.outreach.hooks import dues_email_button  # #18: renewals due

        self.email_button = dues_email_button(ctx, self, lambda: [r.member_id for r in self.model.rows()],
                                              self.state.currentText)
        self.model = StatusModel(self)
        self._body: _Body | None = None  # the table and the side panel: the turn after the page (#14)
        self.empty = QLabel(_("Nobody has a plan or a payment yet. Add your plans with Plans… (e.g. Standard "
                              "12.00 a year), then record payments from a member's record (Dues tab)."))
        self.empty.setWordWrap(True)
        self.empty.setVisible(False)

        filters = QHBoxLayout()
        filters.addWidget(QLabel(_("On")))
        filters.addWidget(self.on)
        filters.addWidget(QLabel(_("Show")))
        filters.addWidget(self.state)
        filters.addWidget(self.search, 1)
        filters.addWidget(self.email_button)  # beside the filter it acts on; the header fits 1024 px
        for widget, name in ((self.on, _("Standing on")), (self.state, _("Show")),
                             (self.search, _("Search names"))):  # #19: what a screen reader says
            widget.setAccessibleName(name)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addLayout(filters)
        layout.addWidget(self.empty)
        self._body_slot = QVBoxLayout()
        self._body_slot.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._body_slot, 1)
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.search.setFocus)
        QTimer.singleShot(0, self, lambda: self.body)  # after the page's own turn, or when asked for
        self._first_read = FirstRead(self, self.refresh)  # then the data: timers run in order

    @property
    def body(self) -> _Body:
        """The table and the side panel (totals, summary, chart), built the first time needed."""
        if self._body is None:
            self._body = _Body(self.model)
            self._body.table.doubleClicked.connect(lambda _i: self.record_payment())
            self._body_slot.addWidget(self._body)
            # The window sized the page's minimum before the body was in it (#19: large text).
            self.setMinimumWidth(max(self.minimumWidth(), self.layout().minimumSize().width()))
            self.body_built.emit()
        return self._body

    @property
    def table(self) -> QTableView:
        return self.body.table

    @property
    def totals(self) -> QLabel:
        return self.body.totals

    @property
    def summary(self) -> QLabel:
        return self.body.summary

    @property
    def chart(self) -> IncomeChart:
        return self.body.chart

    # --- loading -------------------------------------------------------------------------
    def wait_until_loaded(self) -> None:
        """Let the table and side panel be built (in their own turn) and the latest load arrive
        (the window calls this before switching database; tests)."""
        if self._body is None:
            built = QEventLoop()
            self.body_built.connect(built.quit)
            QTimer.singleShot(60_000, built, built.quit)  # as ``Operation.wait``: never for ever
            built.exec()
        self._first_read.now()
        if self.loading is not None:
            self.loading.wait()

    def _day(self) -> date:
        return self.on.date().toPython()

    def refresh(self) -> None:
        self._first_read.cancel()  # this is the first read, or makes it needless
        day, presort = self._day(), self.model.presorter()
        self.loading = self.ctx.ops.read(lambda s: _read_sorted(s, day, presort), parent=self,
                                         done=self._show, key="dues-screen")

    def _money(self, amount) -> str:  # noqa: ANN001 - a Decimal
        return money_text(amount, self.data.currency if self.data else "GBP", QLocale().name())

    def _show(self, loaded: _Loaded) -> None:
        data, self.sorted_by, self.folded = loaded
        self.data = data
        self.empty.setVisible(not data.rows)
        c = data.counts
        self.totals.setText(_(
            "<b>{people}</b> people with a plan: {paid} paid, {life} life, {grace} in grace, "
            "{lapsed} lapsed, {none} not paid yet.<br><b>{due}</b> due in the next 30 days. "
            "<b>{during}</b> paid up at some time in {year}.").format(
            people=len(data.rows), paid=c.get("paid", 0), life=c.get("life", 0), grace=c.get("grace", 0),
            lapsed=c.get("lapsed", 0), none=c.get("none", 0), due=len(data.due_soon),
            during=data.paid_up.during_period, year=data.on.year))
        s = data.summary
        plans = ", ".join(f"{name} {self._money(v)}" for name, v in s.by_plan) or _("nothing yet")
        methods = ", ".join(f"{shown(PAYMENT_METHOD, name)} {self._money(v)}" for name, v in s.by_method) or "—"
        refunds = _(" (refunds {amount})").format(amount=self._money(s.refunds)) if s.refunds else ""
        self.summary.setText(_("<b>{year}: {total}</b> taken{refunds}<br>By plan: {plans}<br>By method: {methods}")
                             .format(year=s.year, total=self._money(s.total), refunds=refunds, plans=plans,
                                     methods=methods))
        self.chart.set_months(list(data.income))
        count = len(data.lapsed_still_active)
        self.mark_button.setText(_("Mar&k these {count} lapsed…").format(count=count) if count else _("Mar&k lapsed…"))
        self.mark_button.setEnabled(count > 0)
        self.mark_button.setToolTip(_("Lapsed on dues but still active on the member list"))
        self._filter()

    def _filter(self) -> None:
        if self.data is None:
            return
        wanted = self.state.currentData()
        words = self.search.text().strip()
        due = set(self.data.due_soon)
        folded = fold(words)
        rows = [r for r, name in zip(self.data.rows, self.folded, strict=True)
                if (not wanted or (r.member_id in due if wanted == DUE_SOON else r.state.value == wanted))
                and (not folded or folded in name)]
        self.model.set_rows(rows, sorted_by=self.sorted_by)  # a part of sorted rows is sorted too

    # --- actions -------------------------------------------------------------------------
    def selected_member_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()).member_id if index.isValid() else None

    def record_payment(self) -> None:
        member_id = self.selected_member_id()
        if member_id is None:
            QMessageBox.information(self, _("Record a payment"),
                                    _("Choose a person in the list first, or open their record on the "
                                      "Members screen and use the Dues tab."))
            return
        from communitydesk.gui.dues.payment_dialog import PaymentDialog

        self.dialog = PaymentDialog(self.ctx, member_id, self)
        self.dialog.accepted.connect(self.refresh)
        self.dialog.open()

    def show_payments(self) -> QWidget | None:
        """The selected person's payments, to correct or refund one (closing refreshes the page)."""
        index = self.table.currentIndex()
        if not index.isValid():
            QMessageBox.information(self, _("Payments"), _("Choose a person in the list first."))
            return None
        from communitydesk.gui.dues.member_dues_tab import MemberPaymentsDialog

        row = self.model.row_at(index.row())
        self.payments_dialog = MemberPaymentsDialog(self.ctx, row.member_id, row.name, self)
        self.payments_dialog.finished.connect(lambda _r: self.refresh())
        self.payments_dialog.open()
        return self.payments_dialog

    def edit_plans(self) -> QWidget:
        from communitydesk.gui.dues.plans_dialog import PlansDialog

        self.plans_dialog = PlansDialog(self.ctx, self)
        self.plans_dialog.finished.connect(lambda _r: self.refresh())
        self.plans_dialog.open()
        return self.plans_dialog

    def confirm_mark_lapsed(self) -> Operation | None:
        if self.data is None or not self.data.lapsed_still_active:
            return None
        ids = self.data.lapsed_still_active
        if not confirm(self, _("Mark members lapsed"),
                       ngettext("{count} person has not renewed and is past the grace period, but is "
                                "still active on the member list.\n\nMark them as lapsed on the member list?",
                                "{count} people have not renewed and are past the grace period, but are "
                                "still active on the member list.\n\nMark these people as lapsed on the "
                                "member list?", len(ids)).format(count=len(ids)),
                       _("Mark &lapsed")):
            return None
        return self.mark_lapsed(ids)

    def mark_lapsed(self, ids: tuple[int, ...]) -> Operation:
        self.marking = self.ctx.ops.write(lambda s: mark_lapsed(s, ids), parent=self,
                                          done=lambda _n: self.refresh())
        return self.marking
