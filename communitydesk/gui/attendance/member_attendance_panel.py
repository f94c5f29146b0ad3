"""The "Attendance" tab on a member's record: last attended, this year's rate, every meeting."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from communitydesk.gui.context import AppContext
from communitydesk.gui.widgets import EmptyState
from communitydesk.services.attendance import AttendedMeeting, member_attendance

COL_DATE, COL_TITLE, COL_STATUS = range(3)
HEADERS = ("Date", "Meeting", "Attendance")

Index = QModelIndex | QPersistentModelIndex


class MemberAttendanceTableModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:  # noqa: ANN001 - Qt parent
        super().__init__(parent)
        self._rows: list[AttendedMeeting] = []

    def set_rows(self, rows: list[AttendedMeeting]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        keys = {COL_DATE: lambda e: (e.starts_at,), COL_TITLE: lambda e: (e.title.casefold(), e.starts_at),
                COL_STATUS: lambda e: (e.status, e.starts_at)}
        self.layoutAboutToBeChanged.emit()
        self._rows.sort(key=keys[column], reverse=order == Qt.SortOrder.DescendingOrder)
        self.layoutChanged.emit()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        e = self._rows[index.row()]
        if index.column() == COL_DATE:
            return f"{e.starts_at:%Y-%m-%d}"
        if index.column() == COL_TITLE:
            return e.title + ("  (cancelled)" if e.meeting_status == "cancelled" else "")
        return e.status.capitalize()


class MemberAttendancePanel(QWidget):
    def __init__(self, ctx: AppContext, member_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.member_id = member_id
        self.last_label = QLabel()
        self.rate_label = QLabel()
        for label in (self.last_label, self.rate_label):
            label.setObjectName("panelFigure")
        figures = QHBoxLayout()
        figures.addWidget(self.last_label)
        figures.addSpacing(24)
        figures.addWidget(self.rate_label)
        figures.addStretch(1)
        self.model = MemberAttendanceTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_DATE, Qt.SortOrder.DescendingOrder)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(COL_DATE, 100)
        self.table.setColumnWidth(COL_TITLE, 280)
        self.empty = EmptyState("No attendance yet", "Meetings this person comes to, or sends apologies "
                                "for, will be listed here.")
        layout = QVBoxLayout(self)
        layout.addLayout(figures)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1)
        self.refresh()

    def refresh(self) -> None:
        with self.ctx.db.session() as session:
            history = member_attendance(session, self.member_id)
        self.last_label.setText(f"Last attended: {history.last_attended:%d %b %Y}" if history.last_attended
                                else "Last attended: never")
        if history.rate_this_year is None:
            self.rate_label.setText("This year: no meetings yet")
        else:
            self.rate_label.setText(f"This year: {history.rate_this_year:.0%} "
                                    f"({history.present_this_year} of {history.counted_this_year} meetings)")
        self.model.set_rows(list(history.entries))
        header = self.table.horizontalHeader()
        self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        self.table.setVisible(bool(history.entries))
        self.empty.setVisible(not history.entries)
