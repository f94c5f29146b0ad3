"""The search box behind every list: keep rows holding every typed word, accent-folded.

Sorting is passed to the source model, which sorts with keys computed once per
column; the proxy only filters. A source model provides ``search_text(row)``;
subclasses may override ``accepts_row`` for their own rule (e.g. row numbers).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from communitydesk.services.core.text import fold


class FoldedSearchProxy(QSortFilterProxyModel):
    def __init__(self, parent=None) -> None:  # noqa: ANN001 - Qt parent
        super().__init__(parent)
        self._words: list[str] = []

    @property
    def words(self) -> list[str]:
        return self._words

    def set_search(self, text: str) -> None:
        self.beginFilterChange()
        self._words = fold(text).split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sourceModel().sort(column, order)

    def accepts_row(self, source_row: int) -> bool:
        hay = self.sourceModel().search_text(source_row)
        return all(w in hay for w in self._words)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:  # noqa: N802
        return not self._words or self.accepts_row(source_row)
