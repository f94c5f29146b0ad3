"""A read-only table over tuples of plain values, with optional check boxes in the first column.

Used by the retention and audit dialogs: the shared ``RowTableModel`` with one
column per tuple position. Sorting is on the raw values (dates as dates), never
on the display text, and the ticks follow their people when the list is sorted.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import Qt

from communitydesk.gui.common.dates import short_date, short_datetime
from communitydesk.gui.common.row_model import Column, Index, RowTableModel
from communitydesk.services.core.text import fold


def _shown(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return short_datetime(value)
    if isinstance(value, date):
        return short_date(value)
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


def _sort_key(value: object) -> tuple:
    """Empty first; the type rank keeps Python from comparing a number with text."""
    if value is None:
        return (0, "")
    if isinstance(value, int | float):
        return (1, value)
    if isinstance(value, datetime | date):
        return (2, value.isoformat())
    return (3, fold(_shown(value)))


def _column(header: str, position: int) -> Column[tuple]:
    return Column(header, lambda r: _shown(r[position]), lambda r: _sort_key(r[position]))


class RowsTableModel(RowTableModel[tuple]):
    def __init__(self, headers: Sequence[str], *, checkable: bool = False, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.columns = tuple(_column(h, n) for n, h in enumerate(headers))
        self.checkable = checkable
        self._checked: list[bool] = []
        self._check_new = False

    def set_rows(self, rows: Iterable[Sequence[Any]], *, checked: bool = False) -> None:
        self._check_new = checked
        super().set_rows(tuple(r) for r in rows)

    def rows_changed(self, order: list[int] | None) -> None:
        if order is None:
            self._checked = [self._check_new] * len(self._rows)
        else:
            self._checked = [self._checked[i] for i in order]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.CheckStateRole and self._has_box(index):
            return Qt.CheckState.Checked if self._checked[index.row()] else Qt.CheckState.Unchecked
        return super().data(index, role)

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.CheckStateRole or not self._has_box(index):
            return False
        state = value.value if hasattr(value, "value") else value
        self._checked[index.row()] = state == Qt.CheckState.Checked.value
        self.dataChanged.emit(index, index, [role])
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._has_box(index):
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def _has_box(self, index: Index) -> bool:
        return self.checkable and index.isValid() and index.column() == 0

    def checked_rows(self) -> list[tuple]:
        return [r for r, c in zip(self._rows, self._checked, strict=True) if c]
