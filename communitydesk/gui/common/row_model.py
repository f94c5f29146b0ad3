"""One read-only Qt table model for every list of plain rows, described by ``Column``s.

Rows are NamedTuples or frozen dataclasses from the services; each column says how
to show a row and how to sort it. Sorting happens here, in the source model, with
Python's sort over a key made once per row and kept per column until the rows
change (not a Qt callback per comparison), so 20,000 members sort quickly, and
persistent indexes follow their rows. The accent-folded search text of each row is
built on the first search, not on every refresh. The search box and a screen's own
row test (``RowFilterProxy``) pick rows in one Python pass, never one Qt call a row.
Screens subclass for colours and tooltips (``extra_data``) or editing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from communitydesk.gui.common.search_proxy import IndexFilterProxy
from communitydesk.i18n import _
from communitydesk.services.core.text import (
    collation_key,
    fold,
    one_sort_language,
    set_computer_language,
    sort_language,
)

Row = TypeVar("Row")
Index = QModelIndex | QPersistentModelIndex

SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # the column's sort key, as a plain value
ID_ROLE = Qt.ItemDataRole.UserRole + 2  # the row's id (``row_id``)
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 3  # the row's folded search text
ROW_ROLE = Qt.ItemDataRole.UserRole + 10  # the row itself
SCREEN_ROLE = Qt.ItemDataRole.UserRole + 20  # a screen's own roles start here
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
# plain ints: ``data`` runs for every role of every painted cell, an enum attribute lookup each time
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)


@dataclass(frozen=True)
class Column(Generic[Row]):
    """How one column shows a row and sorts it (by default: by its text, in the order of the
    user's language, the same collation as the sign-in sheet and the exports)."""

    header: str  # marked with N_(): shown in the reader's language
    display: Callable[[Row], str]
    sort_key: Callable[[Row], Any] | None = None
    align_right: bool = False

    def key(self, row: Row) -> Any:
        return collation_key(self.display(row)) if self.sort_key is None else self.sort_key(row)


class RowTableModel(QAbstractTableModel, Generic[Row]):
    """Read-only rows; subclasses give ``columns`` (or set them per instance)."""

    columns: Sequence[Column] = ()
    default_sort: tuple[int, Qt.SortOrder] | None = None  # applied until the user sorts
    # Right-aligned headers over right-aligned columns: only where the columns are wide
    # enough, as a narrow header's text runs into the sort arrow ("No." on the register).
    align_headers = False

    def __init__(self, parent=None) -> None:  # noqa: ANN001 - Qt parent
        super().__init__(parent)
        set_computer_language(QLocale().name())  # Windows and macOS tell Qt, not LANG
        self._rows: list[Row] = []
        self._search: list[str] | None = None
        self._keys: dict[int, list[Any]] = {}  # column -> each row's sort key, in row order
        self._keys_language = ""  # names sort by the reader's language: a new one, new keys
        self._sort = self.default_sort
        self._in_order = False  # the rows are in ``_sort``'s order (Qt's sortByColumn sorts twice)

    # --- rows ---------------------------------------------------------------------
    def set_rows(self, rows: Iterable[Row], *, search_texts: Iterable[str] | None = None,
                 sorted_by: tuple[int, Qt.SortOrder] | None = None) -> None:
        """Show ``rows``; ``search_texts`` (one folded text a row, e.g. built on a worker thread
        with the rows) spares the UI thread building them on the first search, and rows a
        worker already put in the model's order (``presorter``) say so with ``sorted_by``."""
        self.beginResetModel()
        self._rows = list(rows)
        self._search = None if search_texts is None else list(search_texts)
        self._keys = {}
        if self._sort is not None and sorted_by != self._sort:
            self._reorder(self._order(*self._sort))
        self._in_order = self._sort is not None
        self.rows_changed(None)
        self.endResetModel()

    def rows(self) -> list[Row]:
        return list(self._rows)

    def rows_view(self) -> Sequence[Row]:
        """The rows themselves, not a copy, for a filter's one pass (do not change them)."""
        return self._rows

    def row_at(self, row: int) -> Row:
        return self._rows[row]

    def row_id(self, row: Row) -> Any:
        """What ``ID_ROLE`` gives: the row's ``id`` unless a subclass says otherwise."""
        return getattr(row, "id", None)

    def replace_row(self, row: int, new: Row) -> None:
        """One row changed (a mark on the register): no reset, so selection and scroll stay."""
        self._rows[row] = new
        if self._search is not None:
            self._search[row] = self.folded_haystack(new)
        for column, keys in self._keys.items():
            keys[row] = self.sort_key(column)(new)
        self._in_order = False  # its key may have changed: the next sort is a real one
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def rows_changed(self, order: list[int] | None) -> None:
        """After new rows (``order`` None) or a sort (row n was ``order[n]``): for subclasses
        that keep per-row state or an index of the rows."""

    # --- search -------------------------------------------------------------------
    def haystack(self, row: Row) -> str:
        """The text a search looks in: every column as shown, unless a subclass narrows it."""
        return " ".join(c.display(row) for c in self.columns)

    def folded_haystack(self, row: Row) -> str:
        """One row's search text as the filter tests it; a subclass may shape it further."""
        return fold(self.haystack(row))

    def search_texts(self) -> list[str]:
        """Every row's search text, in row order (the list itself: do not change it)."""
        if self._search is None:
            self._search = [self.folded_haystack(r) for r in self._rows]
        return self._search

    def search_text(self, row: int) -> str:
        return self.search_texts()[row]

    # --- sorting ------------------------------------------------------------------
    def sort_key(self, column: int) -> Callable[[Row], Any]:
        """The key a sort on ``column`` uses; a subclass may add a tie-break."""
        spec = self.columns[column]
        return spec.key if spec.sort_key is None else spec.sort_key

    def presorter(self) -> Callable[[list[Row], list[str] | None],
                                    tuple[list[Row], list[str] | None, tuple[int, Qt.SortOrder] | None]]:
        """Sorting for a worker thread: taken on the UI thread, it sorts fresh rows (and their
        search texts) as the model would now, so 20,000 sort keys are not made on the UI thread.
        Pass its third value to ``set_rows(sorted_by=...)``; a sort changed meanwhile re-sorts."""
        sort = self._sort
        key = self.sort_key(sort[0]) if sort is not None else None

        def presort(rows: list[Row], texts: list[str] | None):  # noqa: ANN202 - see above
            if sort is None or key is None:
                return rows, texts, None
            with one_sort_language():
                keys = [key(r) for r in rows]
            order = sorted(range(len(rows)), key=keys.__getitem__,
                           reverse=sort[1] == Qt.SortOrder.DescendingOrder)
            return ([rows[i] for i in order], None if texts is None else [texts[i] for i in order],
                    sort)

        return presort

    def column_keys(self, column: int) -> list[Any]:
        """Each row's sort key for ``column``, made once and kept (in row order) until the rows
        change: clicking a header back and forth makes no key again."""
        language = sort_language()
        if language != self._keys_language:
            self._keys, self._keys_language = {}, language
        keys = self._keys.get(column)
        if keys is None:
            key = self.sort_key(column)
            with one_sort_language():
                keys = self._keys[column] = [key(r) for r in self._rows]
        return keys

    def _order(self, column: int, order: Qt.SortOrder) -> list[int]:
        """Old row numbers in their sorted order, over the column's kept keys."""
        return sorted(range(len(self._rows)), key=self.column_keys(column).__getitem__,
                      reverse=order == Qt.SortOrder.DescendingOrder)

    def _reorder(self, moved: list[int]) -> None:
        """Put the rows, their search texts and their kept keys in the new order."""
        self._rows = [self._rows[i] for i in moved]
        if self._search is not None:
            self._search = [self._search[i] for i in moved]
        self._keys = {column: [keys[i] for i in moved] for column, keys in self._keys.items()}

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns) or (self._in_order and self._sort == (column, order)):
            return
        self._sort, self._in_order = (column, order), True
        self.layoutAboutToBeChanged.emit()
        moved = self._order(column, order)
        self._reorder(moved)
        self.rows_changed(moved)
        new_row = [0] * len(moved)
        for new, old in enumerate(moved):
            new_row[old] = new
        old = self.persistentIndexList()
        self.changePersistentIndexList(old, [self.index(new_row[i.row()], i.column()) for i in old])
        self.layoutChanged.emit()

    # --- Qt -----------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _(self.columns[section].header)
        if (role == Qt.ItemDataRole.TextAlignmentRole and self.align_headers
                and self.columns[section].align_right):
            return RIGHT
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        return self.cell_data(index.row(), index.column(), role) if index.isValid() else None

    def cell_reader(self) -> Callable[[int, int, int], Any] | None:
        """``cell_data`` for a filter proxy to call without making an index a painted cell,
        unless a subclass changed ``data`` (then the proxy must go through it)."""
        return self.cell_data if type(self).data is RowTableModel.data else None

    def cell_data(self, row_number: int, column: int, role: int) -> Any:
        """What ``data`` gives for the cell at ``row_number``, ``column``."""
        row = self._rows[row_number]
        if role == _DISPLAY:
            return self.columns[column].display(row)
        if role == _ALIGNMENT and self.columns[column].align_right:
            return RIGHT
        if role == ID_ROLE:
            return self.row_id(row)
        if role == ROW_ROLE:
            return row
        if role == SORT_ROLE:
            value = self.columns[column].key(row)
            return value if isinstance(value, int | float | str) else str(value)
        if role == SEARCH_ROLE:
            return self.search_text(row_number)
        return self.extra_data(row, column, role)

    def extra_data(self, row: Row, column: int, role: int) -> Any:
        """Colours, tooltips, a screen's own roles: for subclasses."""
        return None


class RowFilterProxy(IndexFilterProxy):
    """The search box over a ``RowTableModel``, plus an optional test of the row itself
    (upcoming meetings only, one kind of event), run over the rows in one Python pass;
    sorting stays in the source model."""

    def __init__(self, parent=None) -> None:  # noqa: ANN001 - Qt parent
        super().__init__(parent)
        self._accept: Callable[[Any], bool] | None = None

    def source(self) -> RowTableModel:
        model = self.sourceModel()
        assert isinstance(model, RowTableModel)
        return model

    def set_accept(self, accept: Callable[[Any], bool] | None) -> None:
        self._accept = accept
        self.refilter()

    def filter_rows(self, rows: list[int]) -> list[int]:
        accept = self._accept
        if accept is None:
            return rows
        all_rows = self.source().rows_view()
        return [i for i in rows if accept(all_rows[i])]
