"""A small read-only table model over tuples, with optional check boxes in the first column.

Used by the retention and audit dialogs: rows are plain values from services,
sorting happens on the raw values (dates sort as dates), never on display text.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


def _shown(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


def _sort_key(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, int | float):
        return value
    return _shown(value).casefold()


class RowsTableModel(QAbstractTableModel):
    def __init__(self, headers: Sequence[str], *, checkable: bool = False, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.headers = list(headers)
        self.checkable = checkable
        self.rows: list[tuple] = []
        self.checked: list[bool] = []

    def set_rows(self, rows: Sequence[tuple], *, checked: bool = False) -> None:
        self.beginResetModel()
        self.rows = [tuple(r) for r in rows]
        self.checked = [checked] * len(self.rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        value = self.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return _shown(value)
        if role == SORT_ROLE:
            return _sort_key(value)
        if role == Qt.ItemDataRole.CheckStateRole and self.checkable and index.column() == 0:
            return Qt.CheckState.Checked if self.checked[index.row()] else Qt.CheckState.Unchecked
        return None

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not (self.checkable and index.isValid() and index.column() == 0
                and role == Qt.ItemDataRole.CheckStateRole):
            return False
        state = value.value if hasattr(value, "value") else value
        self.checked[index.row()] = state == Qt.CheckState.Checked.value
        self.dataChanged.emit(index, index, [role])
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.checkable and index.column() == 0:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self.headers):
            return self.headers[section]
        return None

    def checked_rows(self) -> list[tuple]:
        return [r for r, c in zip(self.rows, self.checked, strict=True) if c]
