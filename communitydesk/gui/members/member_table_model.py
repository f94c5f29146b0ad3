"""Qt model over ``MemberSummary`` rows, and a proxy that filters by text, status and tag.

Sorting happens in the source model with keys computed once per column (Python's
sort, not a Qt callback per comparison), and search runs over a lower-case,
accent-folded text per row, so 20,000 members open and filter quickly.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from communitydesk.services.members import MemberSummary
from communitydesk.services.text import fold

COL_LAST, COL_FIRST, COL_EMAIL, COL_PHONE, COL_POSTCODE, COL_STATUS, COL_TAGS = range(7)
HEADERS = ("Last name", "First name", "Email", "Phone", "Postcode", "Status", "Tags")

ID_ROLE = Qt.ItemDataRole.UserRole + 2
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 3

Index = QModelIndex | QPersistentModelIndex


def _haystack(m: MemberSummary) -> str:
    parts = [m.first_name, m.last_name, m.preferred_name or "", m.email or "",
             m.phone or "", (m.phone or "").replace(" ", ""), m.postcode or "", *m.tags]
    return fold(" ".join(parts))


class MemberTableModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:  # noqa: ANN001 - Qt parent
        super().__init__(parent)
        self._rows: list[MemberSummary] = []
        self._search: list[str] | None = None
        self._sort: tuple[int, Qt.SortOrder] | None = None

    def set_rows(self, rows: list[MemberSummary]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._search = None
        if self._sort is not None:
            self._rows = self._sorted(self._rows, *self._sort)
        self.endResetModel()

    def _sort_key(self, m: MemberSummary, column: int) -> object:
        if column == COL_LAST:
            return (fold(m.last_name), fold(m.first_name), m.id)
        if column == COL_FIRST:
            return (fold(m.first_name), fold(m.last_name), m.id)
        return (fold(self._display(m, column)), fold(m.last_name), m.id)

    def _sorted(self, rows: list[MemberSummary], column: int, order: Qt.SortOrder) -> list[MemberSummary]:
        return sorted(rows, key=lambda m: self._sort_key(m, column),
                      reverse=order == Qt.SortOrder.DescendingOrder)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        before = {id(m): row for row, m in enumerate(self._rows)}
        self._rows = self._sorted(self._rows, column, order)
        moved = {before[id(m)]: row for row, m in enumerate(self._rows)}
        self._search = None
        old = self.persistentIndexList()
        self.changePersistentIndexList(old, [self.index(moved[i.row()], i.column()) for i in old])
        self.layoutChanged.emit()

    def member_at(self, row: int) -> MemberSummary:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        m = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(m, col)
        if role == ID_ROLE:
            return m.id
        if role == SEARCH_ROLE:
            return self.search_text(index.row())
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_TAGS and m.tags:
            return ", ".join(m.tags)
        return None

    @staticmethod
    def _display(m: MemberSummary, col: int) -> str:
        if col == COL_LAST:
            return m.last_name
        if col == COL_FIRST:
            return m.first_name if not m.preferred_name else f"{m.first_name} ({m.preferred_name})"
        if col == COL_EMAIL:
            return m.email or ""
        if col == COL_PHONE:
            return m.phone or ""
        if col == COL_POSTCODE:
            return m.postcode or ""
        if col == COL_STATUS:
            return m.status.capitalize() + (" (archived)" if m.archived else "")
        return ", ".join(m.tags)

    def search_text(self, row: int) -> str:
        if self._search is None:  # built on the first search, not at start-up
            self._search = [_haystack(m) for m in self._rows]
        return self._search[row]


class MemberFilterProxy(QSortFilterProxyModel):
    """Filters on every word of the search text, status, tag and archived; sorting goes to the source."""

    def __init__(self, parent=None) -> None:  # noqa: ANN001 - Qt parent
        super().__init__(parent)
        self._words: list[str] = []
        self._status: str | None = None
        self._tag: str | None = None
        self._show_archived = False

    def set_show_archived(self, show: bool) -> None:
        self.beginFilterChange()
        self._show_archived = show
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_search(self, text: str) -> None:
        self.beginFilterChange()
        self._words = fold(text).split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_status(self, status: str | None) -> None:
        self.beginFilterChange()
        self._status = status
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_tag(self, tag: str | None) -> None:
        self.beginFilterChange()
        self._tag = tag
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sourceModel().sort(column, order)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802
        model = self.sourceModel()
        assert isinstance(model, MemberTableModel)
        member = model.member_at(source_row)
        if member.archived and not self._show_archived:
            return False
        if self._status and member.status != self._status:
            return False
        if self._tag and self._tag not in member.tags:
            return False
        if self._words:
            hay = model.search_text(source_row)
            return all(w in hay for w in self._words)
        return True
