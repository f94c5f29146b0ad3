"""A read-only table model over a list of plain rows, described by ``Column``s.

Each column says how to show a row and how to sort it; sorting happens in the
source model with keys computed once per row (see members/member_table_model.py),
and a proxy filters on accent-folded text. Subclasses add colours or editing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from communitydesk.services.text import fold

Row = TypeVar("Row")
Index = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole + 10


@dataclass(frozen=True)
class Column(Generic[Row]):
    header: str
    show: Callable[[Row], str]
    sort_key: Callable[[Row], Any] | None = None
    align_right: bool = False


class RowTableModel(QAbstractTableModel, Generic[Row]):
    columns: Sequence[Column] = ()

    def __init__(self, parent=None) -> None:  # noqa: ANN001 - Qt parent
        super().__init__(parent)
        self._rows: list[Row] = []
        self._search: list[str] | None = None
        self._sort: tuple[int, Qt.SortOrder] | None = None

    # --- rows ---------------------------------------------------------------------
    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._search = None
        if self._sort is not None:
            self._rows = self._sorted(self._rows, *self._sort)
        self.endResetModel()

    def rows(self) -> list[Row]:
        return list(self._rows)

    def row_at(self, row: int) -> Row:
        return self._rows[row]

    def search_text(self, row: int) -> str:
        if self._search is None:
            self._search = [fold(" ".join(c.show(r) for c in self.columns)) for r in self._rows]
        return self._search[row]

    # --- sorting ------------------------------------------------------------------
    def _sorted(self, rows: list[Row], column: int, order: Qt.SortOrder) -> list[Row]:
        spec = self.columns[column]
        key = spec.sort_key or (lambda r: fold(spec.show(r)))
        return sorted(rows, key=key, reverse=order == Qt.SortOrder.DescendingOrder)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        before = {id(r): n for n, r in enumerate(self._rows)}
        self._rows = self._sorted(self._rows, column, order)
        moved = {before[id(r)]: n for n, r in enumerate(self._rows)}
        self._search = None
        old = self.persistentIndexList()
        self.changePersistentIndexList(old, [self.index(moved[i.row()], i.column()) for i in old])
        self.layoutChanged.emit()

    # --- Qt -----------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section].header
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.show(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ROW_ROLE:
            return index.row()
        return self.extra_data(row, index.column(), role)

    def extra_data(self, row: Row, column: int, role: int) -> Any:
        """Colours, tooltips: for subclasses."""
        return None


class RowFilterProxy(QSortFilterProxyModel):
    """Every word of the search must appear in the row; ``accept`` adds a custom test."""

    def __init__(self, parent=None) -> None:  # noqa: ANN001 - Qt parent
        super().__init__(parent)
        self._words: list[str] = []
        self.accept: Callable[[Any], bool] | None = None

    def set_search(self, text: str) -> None:
        self.beginFilterChange()
        self._words = fold(text).split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_accept(self, accept: Callable[[Any], bool] | None) -> None:
        self.beginFilterChange()
        self.accept = accept
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sourceModel().sort(column, order)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802
        model = self.sourceModel()
        assert isinstance(model, RowTableModel)
        if self.accept is not None and not self.accept(model.row_at(source_row)):
            return False
        if self._words:
            hay = model.search_text(source_row)
            return all(w in hay for w in self._words)
        return True

    def row_at(self, proxy_row: int) -> Any:
        model = self.sourceModel()
        assert isinstance(model, RowTableModel)
        return model.row_at(self.mapToSource(self.index(proxy_row, 0)).row())
