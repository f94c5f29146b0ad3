"""Pieces of the Reports screen: a headline figure tile and a searchable, sortable table."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from communitydesk.gui.common.row_model import RowFilterProxy
from communitydesk.gui.common.widgets import EmptyState
from communitydesk.gui.reports.report_table_models import ReportRowsTableModel
from communitydesk.i18n import _


class FigureTile(QFrame):
    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("figureTile")
        self.value = QLabel("–")
        self.value.setObjectName("figureValue")
        self.label = QLabel(label)
        self.label.setObjectName("figureLabel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.value)
        layout.addWidget(self.label)


class ReportTable(QWidget):
    """Search box, sortable table and an empty state for one list of report rows.

    The model may come with rows already (the screen builds a table when its tab is first
    shown): ``update_count`` then says how many, or which empty state applies.
    """

    def __init__(self, model: ReportRowsTableModel, *, placeholder: str, empty: EmptyState,
                 sort_column: int, descending: bool, widths: tuple[int, ...] = (),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.proxy = RowFilterProxy(self)
        self.proxy.setSourceModel(model)
        self.search = QLineEdit(placeholderText=placeholder)
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_search)
        self.count = QLabel()
        self.count.setObjectName("countLabel")
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        self.table.sortByColumn(sort_column, order)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate(widths):
            self.table.setColumnWidth(column, width)
        self.empty = empty
        self.no_match = EmptyState(_("Nothing matches"), _("Try fewer letters, or clear the search."))
        self.stack = QStackedWidget()
        for widget in (self.table, self.empty, self.no_match):
            self.stack.addWidget(widget)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)

    def set_rows(self, rows: Any, *, sorted_by: tuple[int, Qt.SortOrder] | None = None) -> None:
        """Show ``rows``; ``sorted_by`` as ``RowTableModel.set_rows`` (rows a worker presorted)."""
        self.model.set_rows(rows, sorted_by=sorted_by)
        self.update_count()

    def _on_search(self, text: str) -> None:
        self.proxy.set_search(text)
        self.update_count()

    def update_count(self) -> None:
        """The count beside the search box, and the table or the empty state that applies."""
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        self.count.setText(_("showing {shown} of {total}").format(shown=f"{shown:,}", total=f"{total:,}"))
        self.stack.setCurrentWidget(
            self.empty if total == 0 else self.no_match if shown == 0 else self.table)
