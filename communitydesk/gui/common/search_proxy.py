"""The search box behind every list: keep rows holding every typed word, accent-folded.

Why not QSortFilterProxyModel: it calls Python's ``filterAcceptsRow`` from C++ once
per source row on every reset and every keystroke (15,000 calls for a register,
~100 ms) and ``lessThan`` per comparison. Here the rows shown are a list of source
row numbers built in one Python pass over the pre-folded search texts (a list
comprehension per word), and the view only asks about the rows it paints. Sorting
is done by the source model, with keys made once per row. A source model provides
``rows()`` and ``search_texts()`` (``RowTableModel`` does); subclasses narrow the
rows in ``filter_rows``.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractProxyModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from communitydesk.services.core.text import fold

Index = QModelIndex | QPersistentModelIndex


class IndexFilterProxy(QAbstractProxyModel):
    """The source rows that pass the search words and ``filter_rows``, as source row numbers.

    A new filter keeps the selection on the rows still shown (a layout change), as
    QSortFilterProxyModel did; ``refilter_resets`` makes it a reset instead.
    """

    refilter_resets = False
    # Typing on ("sm" after "s"): only the rows shown can still match, so only they are tested.
    # Off where a word is not found as a substring (the register's name starts and numbers).
    typing_narrows = True

    def __init__(self, parent=None) -> None:  # noqa: ANN001 - Qt parent
        super().__init__(parent)
        self._words: list[str] = []
        self._rows: list[int] = []  # proxy row -> source row
        self._cell: Any = None  # the source's ``cell_reader()``, if it has one
        self._filtered: list[int] | None = None
        self._within_shown = False  # the new words can only narrow the rows shown  # ``filter_rows`` of every row: kept while only words change
        self._position: dict[int, int] | None = None  # source row -> proxy row, built on demand
        self._saved: list[tuple[QModelIndex, QPersistentModelIndex]] = []  # across a source sort

    @property
    def words(self) -> list[str]:
        return self._words

    def set_search(self, text: str) -> None:
        words = fold(text).split()
        if words != self._words:
            old, self._words = self._words, words
            self._within_shown = self.typing_narrows and _narrows(old, words)
            try:
                self.refilter(words_only=True)
            finally:
                self._within_shown = False

    # --- which rows -------------------------------------------------------------------------
    def filter_rows(self, rows: list[int]) -> list[int]:
        """Narrow ``rows`` (source row numbers, in order) by a screen's own tests: for subclasses.
        Test whole lists (a comprehension), not one row per call."""
        return rows

    def match_words(self, rows: list[int], words: list[str]) -> list[int]:
        """The rows whose folded search text holds every word (the rule of every search box)."""
        texts = self.sourceModel().search_texts()
        for word in words:
            rows = [i for i in rows if word in texts[i]]
        return rows

    def passing(self, rows: list[int]) -> list[int]:
        """Which of ``rows`` (source row numbers, in order) the filters let through."""
        rows = self.filter_rows(rows)
        return self.match_words(rows, self._words) if self._words else rows

    def accepted(self) -> list[int]:
        model = self.sourceModel()
        if model is None:
            return []
        if self._filtered is None:
            self._filtered = self.filter_rows(list(range(model.rowCount())))
        return self.match_words(self._filtered, self._words) if self._words else self._filtered

    def refilter(self, *, words_only: bool = False) -> None:
        """Pick the rows again (a filter changed; ``words_only``: just the search words, so a
        screen's own row tests are not run again); the selection stays on rows still shown."""
        if self.refilter_resets:
            self.beginResetModel()
            self._rebuild(words_only=words_only)
            self.endResetModel()
            return
        self.layoutAboutToBeChanged.emit()
        before = [(i, self._rows[i.row()]) for i in self.persistentIndexList()
                  if i.isValid() and i.row() < len(self._rows)]
        self._rebuild(words_only=words_only)
        self._move_persistent([(i, source, i.column()) for i, source in before])
        self.layoutChanged.emit()

    def _rebuild(self, *, words_only: bool = False) -> None:
        if not words_only:
            self._filtered = None
        if words_only and self._within_shown and self._filtered is not None:
            self._rows = self.match_words(self._rows, self._words)
        else:
            self._rows = self.accepted()
        self._position = None

    def _move_persistent(self, moves: list[tuple[QModelIndex, int, int]]) -> None:
        """Point persistent indexes (selection, current row) at where their source rows are now."""
        if not moves:
            return
        position = self._positions()
        self.changePersistentIndexList(
            [i for i, _, _ in moves],
            [self.index(position[source], column) if source in position else QModelIndex()
             for _, source, column in moves])

    def _positions(self) -> dict[int, int]:
        if self._position is None:
            self._position = {source: row for row, source in enumerate(self._rows)}
        return self._position

    def row_at(self, proxy_row: int) -> Any:
        """The source's row shown at ``proxy_row`` (a source with ``row_at``: ``RowTableModel``)."""
        return self.sourceModel().row_at(self._rows[proxy_row])

    def source_rows(self) -> list[int]:
        """The source row numbers shown, in order (do not change the list)."""
        return self._rows

    # --- following the source ---------------------------------------------------------------
    def setSourceModel(self, model: QAbstractItemModel) -> None:  # noqa: N802
        self.beginResetModel()
        old = self.sourceModel()
        if old is not None:
            old.disconnect(self)
        super().setSourceModel(model)
        reader = getattr(model, "cell_reader", None)
        self._cell = reader() if reader is not None else None
        model.modelAboutToBeReset.connect(self.beginResetModel)
        model.modelReset.connect(self._source_reset)
        model.layoutAboutToBeChanged.connect(self._before_layout)
        model.layoutChanged.connect(self._after_layout)
        model.dataChanged.connect(self._source_data_changed)
        for signal in (model.rowsAboutToBeInserted, model.rowsAboutToBeRemoved):
            signal.connect(self.beginResetModel)
        for signal in (model.rowsInserted, model.rowsRemoved):
            signal.connect(self._source_reset)
        self._rebuild()
        self.endResetModel()

    def _source_reset(self) -> None:
        self._rebuild()
        self.endResetModel()

    def _before_layout(self) -> None:
        """The source is about to sort: remember each persistent index by its source row."""
        self.layoutAboutToBeChanged.emit()
        model = self.sourceModel()
        self._saved = [(i, QPersistentModelIndex(model.index(self._rows[i.row()], 0)))
                       for i in self.persistentIndexList() if i.isValid() and i.row() < len(self._rows)]

    def _after_layout(self) -> None:
        self._rebuild()
        saved, self._saved = self._saved, []
        self._move_persistent([(i, source.row() if source.isValid() else -1, i.column())
                               for i, source in saved])
        self.layoutChanged.emit()

    def _source_data_changed(self, top: QModelIndex, bottom: QModelIndex, roles=()) -> None:  # noqa: ANN001
        """Changed rows repaint; one that now passes the filters, or no longer does, comes or goes."""
        position = self._positions()
        changed = list(range(top.row(), bottom.row() + 1))
        passing = set(self.passing(changed))
        if any((r in position) != (r in passing) for r in changed):
            self.refilter()
            return
        shown = [position[r] for r in range(top.row(), bottom.row() + 1) if r in position]
        if shown:
            self.dataChanged.emit(self.index(min(shown), top.column()), self.index(max(shown), bottom.column()))

    # --- the proxy model --------------------------------------------------------------------
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sourceModel().sort(column, order)

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if parent.isValid() or not (0 <= row < len(self._rows)) or not (0 <= column < self.columnCount()):
            return QModelIndex()
        return self.createIndex(row, column)

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        return QModelIndex()

    def sibling(self, row: int, column: int, index: Index) -> QModelIndex:
        return self.index(row, column)

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: N802, B008
        return not parent.isValid() and bool(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        model = self.sourceModel()
        return 0 if parent.isValid() or model is None else model.columnCount()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Straight to the source row: no mapping round trip through Qt for each painted cell."""
        row, rows = index.row(), self._rows
        if not 0 <= row < len(rows):  # an invalid index's row is -1
            return None
        if self._cell is not None:
            return self._cell(rows[row], index.column(), role)
        model = self.sourceModel()
        return model.data(model.index(rows[row], index.column()), role)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            return self.sourceModel().headerData(section, orientation, role)
        if role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def mapToSource(self, proxy_index: Index) -> QModelIndex:  # noqa: N802
        if not proxy_index.isValid() or proxy_index.row() >= len(self._rows):
            return QModelIndex()
        return self.sourceModel().index(self._rows[proxy_index.row()], proxy_index.column())

    def mapFromSource(self, source_index: Index) -> QModelIndex:  # noqa: N802
        if not source_index.isValid():
            return QModelIndex()
        row = self._positions().get(source_index.row())
        return QModelIndex() if row is None else self.index(row, source_index.column())


def _narrows(old: list[str], new: list[str]) -> bool:
    """True when every row holding ``new`` holds ``old``: each old word is inside the new word
    in its place ("smi" after "sm", "smith j" after "smith")."""
    return bool(old) and len(new) >= len(old) and all(o in n for o, n in zip(old, new, strict=False))
