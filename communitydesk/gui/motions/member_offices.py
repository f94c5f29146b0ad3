"""The "Offices" tab on a member's record: what they were elected to, from when, until when (#16).

Declaring an election records each winner's term (``services/motions/elections.declare``);
this tab lists them, newest first. It loads when first shown, in one read through the runner.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QTableView, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from communitydesk.gui.common.dates import short_date
from communitydesk.gui.common.loading import LoadsWhenShown
from communitydesk.gui.common.row_model import Column, RowTableModel
from communitydesk.gui.common.widgets import EmptyState
from communitydesk.gui.context import AppContext
from communitydesk.i18n import _
from communitydesk.services.core.text import fold
from communitydesk.services.motions.elections import Term, officer_terms

COL_OFFICE, COL_FROM, COL_TO = range(3)


class OfficesTableModel(RowTableModel[Term]):
    def __init__(self, parent=None) -> None:  # noqa: ANN001 - Qt parent
        super().__init__(parent)
        self.columns = (  # per instance: the headers in the language chosen at start
            Column(_("Office"), lambda t: t.office, lambda t: (fold(t.office), t.starts_on)),
            Column(_("From"), lambda t: short_date(t.starts_on), lambda t: (t.starts_on,)),
            Column(_("To"), lambda t: short_date(t.ends_on) if t.ends_on else _("now (in office)"),
                   lambda t: (t.ends_on is None, t.ends_on or t.starts_on)),
        )

    def row_id(self, row: Term) -> tuple[str, object]:
        return (row.office, row.starts_on)


class MemberOfficesPanel(LoadsWhenShown):
    """Read-only: terms change only by declaring an election."""

    def __init__(self, ctx: AppContext, member_id: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.member_id = member_id
        self.model = OfficesTableModel(self)
        self.table = QTableView()
        self.table.setAccessibleName(_("Offices held"))
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_FROM, Qt.SortOrder.DescendingOrder)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table (#19: no Tab traps)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(COL_OFFICE, 240)
        self.table.setColumnWidth(COL_FROM, 120)
        self.empty = EmptyState(_("No offices held"), _("When this person is elected at a meeting (chair, "
                                                        "treasurer, committee…), the office and its dates "
                                                        "are listed here."))
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1)
        self.table.hide()
        self.empty.hide()

    def read(self, session: Session) -> object:
        return officer_terms(session, self.member_id)


    def _show(self, terms: list[Term]) -> None:
        self.model.set_rows(terms)
        self.table.setVisible(bool(terms))
        self.empty.setVisible(not terms)
