"""Qt model over ``RegisterRow``s (a meeting's numbered register) and a name filter.

Rows are plain NamedTuples from the service; a mark replaces one row in place
(``update_entry``) so the screen never reloads 500 people for one keypress.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from communitydesk.gui.search_proxy import FoldedSearchProxy
from communitydesk.services.attendance import RegisterCounts, RegisterRow, count_register
from communitydesk.services.text import fold

COL_NUMBER, COL_NAME, COL_STATUS, COL_CHECKED_IN, COL_MEMBER_STATUS = range(5)
HEADERS = ("No.", "Name", "Attendance", "Checked in", "Member")
STATUS_LABELS = {"present": "Present", "apologies": "Apologies", "absent": "Absent", None: "—"}
STATUS_COLOURS = {"present": "#d8f0dc", "apologies": "#fff1c9", "absent": "#f6dcdc"}
STATUS_ORDER = {"present": 0, "apologies": 1, "absent": 2, None: 3}

MEMBER_ID_ROLE = Qt.ItemDataRole.UserRole + 2
STATUS_ROLE = Qt.ItemDataRole.UserRole + 3

Index = QModelIndex | QPersistentModelIndex


class RegisterTableModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:  # noqa: ANN001 - Qt parent
        super().__init__(parent)
        self._rows: list[RegisterRow] = []
        self._row_of: dict[int, int] = {}
        self._folded: list[str] = []
        self._sort: tuple[int, Qt.SortOrder] = (COL_NUMBER, Qt.SortOrder.AscendingOrder)

    # --- data in ---------------------------------------------------------------------
    def set_rows(self, rows: list[RegisterRow]) -> None:
        self.beginResetModel()
        self._rows = self._sorted(list(rows), *self._sort)
        self._reindex()
        self.endResetModel()

    def _reindex(self) -> None:
        self._row_of = {r.member_id: i for i, r in enumerate(self._rows)}
        self._folded = [fold(r.display_name + " " + r.first_name) for r in self._rows]

    def update_entry(self, member_id: int, status: str | None, checked_in_at: datetime | None) -> None:
        row = self._row_of.get(member_id)
        if row is None:
            return
        self._rows[row] = self._rows[row]._replace(status=status, checked_in_at=checked_in_at)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))

    def counts(self) -> RegisterCounts:
        return count_register(self._rows)

    def row_at(self, row: int) -> RegisterRow:
        return self._rows[row]

    def row_of_member(self, member_id: int) -> int | None:
        return self._row_of.get(member_id)

    def row_of_number(self, number: int) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.number == number), None)

    def folded_name(self, row: int) -> str:
        return self._folded[row]

    # --- sorting (in the source model, keys computed once) ---------------------------------
    def _key(self, r: RegisterRow, column: int) -> tuple:
        if column == COL_NAME:
            return (fold(r.display_name), r.number)
        if column == COL_STATUS:
            return (STATUS_ORDER[r.status], r.number)
        if column == COL_CHECKED_IN:
            return (r.checked_in_at is None, r.checked_in_at or datetime.min, r.number)
        if column == COL_MEMBER_STATUS:
            return (r.member_status, r.number)
        return (r.number,)

    def _sorted(self, rows: list[RegisterRow], column: int, order: Qt.SortOrder) -> list[RegisterRow]:
        return sorted(rows, key=lambda r: self._key(r, column), reverse=order == Qt.SortOrder.DescendingOrder)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        before = [r.member_id for r in self._rows]
        self._rows = self._sorted(self._rows, column, order)
        self._reindex()
        old = self.persistentIndexList()
        self.changePersistentIndexList(
            old, [self.index(self._row_of[before[i.row()]], i.column()) for i in old])
        self.layoutChanged.emit()

    # --- Qt model interface ----------------------------------------------------------------
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
        if not index.isValid():
            return None
        r = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_NUMBER:
                return str(r.number)
            if col == COL_NAME:
                return r.display_name
            if col == COL_STATUS:
                return STATUS_LABELS[r.status]
            if col == COL_CHECKED_IN:
                return f"{r.checked_in_at:%H:%M}" if r.checked_in_at else ""
            return r.member_status.capitalize()
        if role == Qt.ItemDataRole.TextAlignmentRole and col == COL_NUMBER:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and col == COL_STATUS and r.status in STATUS_COLOURS:
            return QBrush(QColor(STATUS_COLOURS[r.status]))
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_MEMBER_STATUS and r.member_status == "prospect":
            return "A guest or contact, not (yet) a member"
        if role == MEMBER_ID_ROLE:
            return r.member_id
        if role == STATUS_ROLE:
            return r.status
        return None


class RegisterFilterProxy(FoldedSearchProxy):
    """Filters by the start of any name part, accent-folded, or by row number."""

    def accepts_row(self, source_row: int) -> bool:
        model = self.sourceModel()
        assert isinstance(model, RegisterTableModel)
        words = self.words
        if len(words) == 1 and words[0].isdigit():
            return str(model.row_at(source_row).number) == words[0]
        parts = model.folded_name(source_row).split()
        return all(any(p.startswith(w) for p in parts) for w in words)
