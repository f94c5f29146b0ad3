"""Qt models over the report's per-person and per-meeting rows, with a search proxy.

The report rows are plain NamedTuples from services.reports; each model is a
list of columns (header, display, sort key, alignment). Sorting happens in the
source model with Python keys computed once per sort, like the members table.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from communitydesk.gui.search_proxy import FoldedSearchProxy
from communitydesk.services.reports import MeetingAttendance, MemberAttendance
from communitydesk.services.text import fold

Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


@dataclass(frozen=True)
class Column:
    header: str
    display: Callable[[Any], str]
    key: Callable[[Any], Any]
    align_right: bool = False


def _day(value: date | None) -> str:
    return f"{value:%d %b %Y}" if value else "—"


MEMBER_COLUMNS: tuple[Column, ...] = (
    Column("Name", lambda m: m.name, lambda m: fold(m.name)),
    Column("Status", lambda m: m.status.capitalize(), lambda m: m.status),
    Column("Present", lambda m: str(m.present), lambda m: m.present, True),
    Column("Apologies", lambda m: str(m.apologies), lambda m: m.apologies, True),
    Column("Since joining", lambda m: str(m.eligible), lambda m: m.eligible, True),
    Column("Rate", lambda m: f"{m.rate:.0%}", lambda m: m.rate, True),
    Column("Last attended", lambda m: _day(m.last_attended),
           lambda m: m.last_attended or date.min),
    Column("New", lambda m: "New" if m.new else "", lambda m: m.new),
)
(M_COL_NAME, M_COL_STATUS, M_COL_PRESENT, M_COL_APOLOGIES, M_COL_ELIGIBLE, M_COL_RATE,
 M_COL_LAST, M_COL_NEW) = range(len(MEMBER_COLUMNS))

MEETING_COLUMNS: tuple[Column, ...] = (
    Column("Date", lambda m: f"{m.starts_at:%a %d %b %Y %H:%M}", lambda m: m.starts_at),
    Column("Meeting", lambda m: m.title, lambda m: fold(m.title)),
    Column("Kind", lambda m: m.kind.capitalize(), lambda m: m.kind),
    Column("Status", lambda m: m.status.capitalize() + ("" if m.counted else " (not counted)"),
           lambda m: m.status),
    Column("Present", lambda m: str(m.present), lambda m: m.present, True),
    Column("Apologies", lambda m: str(m.apologies), lambda m: m.apologies, True),
    Column("Absent", lambda m: str(m.absent), lambda m: m.absent, True),
    Column("New", lambda m: str(m.new), lambda m: m.new, True),
)
(MT_COL_DATE, MT_COL_TITLE, MT_COL_KIND, MT_COL_STATUS, MT_COL_PRESENT, MT_COL_APOLOGIES,
 MT_COL_ABSENT, MT_COL_NEW) = range(len(MEETING_COLUMNS))


class ReportRowsTableModel(QAbstractTableModel):
    """Read-only rows with typed sort keys; ``row_at`` gives the NamedTuple back."""

    def __init__(self, columns: Sequence[Column], search: Callable[[Any], str],
                 parent=None) -> None:  # noqa: ANN001 - Qt parent
        super().__init__(parent)
        self.columns = tuple(columns)
        self._search_of = search
        self._rows: list[Any] = []
        self._search: list[str] | None = None
        self._sort: tuple[int, Qt.SortOrder] | None = None

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        if self._sort is not None:
            self._rows = self._sorted(*self._sort)
        self._search = None  # built on the first search, not on every refresh
        self.endResetModel()

    def _sorted(self, column: int, order: Qt.SortOrder) -> list[Any]:
        key = self.columns[column].key
        return sorted(self._rows, key=lambda r: (key(r), r.id),
                      reverse=order == Qt.SortOrder.DescendingOrder)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        before = {id(r): i for i, r in enumerate(self._rows)}
        self._rows = self._sorted(column, order)
        moved = {before[id(r)]: i for i, r in enumerate(self._rows)}
        self._search = None
        old = self.persistentIndexList()
        self.changePersistentIndexList(old, [self.index(moved[i.row()], i.column()) for i in old])
        self.layoutChanged.emit()

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def search_text(self, row: int) -> str:
        if self._search is None:
            self._search = [fold(self._search_of(r)) for r in self._rows]
        return self._search[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].header
        if role == Qt.ItemDataRole.TextAlignmentRole and self.columns[section].align_right:
            return int(RIGHT)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.display(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(RIGHT)
        if role == SORT_ROLE:
            value = column.key(row)
            return value if isinstance(value, int | float | str) else str(value)
        if role == ID_ROLE:
            return row.id
        return None


def member_report_model(parent=None) -> ReportRowsTableModel:  # noqa: ANN001
    return ReportRowsTableModel(MEMBER_COLUMNS, lambda m: f"{m.name} {m.status}", parent)


def meeting_report_model(parent=None) -> ReportRowsTableModel:  # noqa: ANN001
    return ReportRowsTableModel(
        MEETING_COLUMNS, lambda m: f"{m.title} {m.kind} {m.status} {m.starts_at:%d %B %Y}", parent)


class ReportSearchProxy(FoldedSearchProxy):
    """Keeps rows whose folded text holds every typed word; sorting goes to the source."""


__all__ = [
    "MEETING_COLUMNS", "MEMBER_COLUMNS", "MeetingAttendance", "MemberAttendance",
    "ReportRowsTableModel", "ReportSearchProxy", "meeting_report_model", "member_report_model",
]
