"""Action items in a table: due date, what, who, raised at, status; overdue ones in red."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from communitydesk.gui.accessibility import INK_ON_TINT, warning_icon
from communitydesk.gui.common.dates import short_date
from communitydesk.gui.common.row_model import Column, RowFilterProxy, RowTableModel
from communitydesk.gui.meetings.labels import translated_columns, word
from communitydesk.i18n import N_, _, ngettext
from communitydesk.services.core.text import fold
from communitydesk.services.meetings.actions import ActionSummary

COL_DUE, COL_DESCRIPTION, COL_OWNER, COL_RAISED, COL_STATUS = range(5)
OVERDUE_BACKGROUND = "#fde8e6"
OVERDUE_TEXT = "#a3271c"


def _due_key(a: ActionSummary) -> tuple:
    return (a.due_on is None, a.due_on or date.max, a.id)


def _raised(a: ActionSummary) -> str:
    if a.meeting_date is None:
        return ""
    return _("{meeting} ({date})").format(meeting=a.meeting_title, date=short_date(a.meeting_date))


class ActionTableModel(RowTableModel[ActionSummary]):
    columns = (
        Column(N_("Due"), lambda a: short_date(a.due_on) if a.due_on else "", _due_key),
        Column(N_("Action"), lambda a: a.description, lambda a: (fold(a.description), a.id)),
        Column(N_("Owner"), lambda a: a.owner_name or _("No owner"), lambda a: (fold(a.owner_name or "~"), _due_key(a))),
        Column(N_("Raised at"), _raised, lambda a: (a.meeting_date or date.min, a.id)),
        Column(N_("Status"), lambda a: word(a.status), lambda a: (a.status, _due_key(a))),
    )

    def __init__(self, parent=None, *, today: date | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.columns = translated_columns(self.columns)
        self.today = today or date.today()

    def is_overdue(self, row: int) -> bool:
        return self.row_at(row).is_overdue(self.today)

    def extra_data(self, row: ActionSummary, column: int, role: int) -> Any:
        overdue = row.is_overdue(self.today)
        if overdue and role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(OVERDUE_BACKGROUND))
        if overdue and role == Qt.ItemDataRole.ForegroundRole and column == COL_DUE:
            return QBrush(QColor(OVERDUE_TEXT))
        if overdue and role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(INK_ON_TINT))  # dark text on the light tint, whatever the theme
        if overdue and role == Qt.ItemDataRole.DecorationRole and column == COL_DUE:
            return warning_icon()  # not by colour alone
        if overdue and role == Qt.ItemDataRole.AccessibleTextRole and column == COL_DUE:
            return _("{date}, overdue").format(date=short_date(row.due_on))
        if role == Qt.ItemDataRole.ToolTipRole:
            if overdue:
                days = (self.today - row.due_on).days  # type: ignore[operator]
                return ngettext("Overdue by {count} day", "Overdue by {count} days", days).format(count=days)
            if row.note:
                return row.note
        return None


def action_table(model: ActionTableModel | RowFilterProxy) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setSortingEnabled(True)
    table.sortByColumn(COL_DUE, Qt.SortOrder.AscendingOrder)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(24)
    table.setWordWrap(False)
    table.horizontalHeader().setSectionResizeMode(COL_DESCRIPTION, QHeaderView.ResizeMode.Stretch)
    for col, width in ((COL_DUE, 96), (COL_OWNER, 170), (COL_RAISED, 230), (COL_STATUS, 76)):
        table.setColumnWidth(col, width)
    return table
