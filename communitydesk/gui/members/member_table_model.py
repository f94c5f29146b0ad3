"""Qt model over ``MemberSummary`` rows, and a proxy that filters by text, status, tag, archived.

The model is the shared ``RowTableModel``: sorting in the source model with keys
computed once per row (Python's sort, not a Qt callback per comparison), and a
lower-case, accent-folded search text per row built on the first search, so
20,000 members open and filter quickly. The proxy is this screen's own (see below).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractProxyModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from communitydesk.gui.common.dates import short_date
from communitydesk.gui.common.row_model import Column, Index, RowTableModel
from communitydesk.gui.common.shown_values import MEMBER_STATUS, shown
from communitydesk.i18n import N_, _
from communitydesk.services.core.text import collation_key, fold
from communitydesk.services.members.records import MemberSummary, member_search_text

COL_LAST, COL_FIRST, COL_EMAIL, COL_PHONE, COL_POSTCODE, COL_STATUS, COL_JOINED, COL_TAGS = range(8)


def _then_last_name(header: str, display: Callable[[MemberSummary], str]) -> Column[MemberSummary]:
    """A column sorted by its text, then by last name, then id: a stable order among equals."""
    return Column(header, display, lambda m: (collation_key(display(m)), collation_key(m.last_name), m.id))


class MemberTableModel(RowTableModel[MemberSummary]):
    columns = (
        Column(N_("Last name"), lambda m: m.last_name,
               lambda m: (collation_key(m.last_name), collation_key(m.first_name), m.id)),
        Column(N_("First name"),
               lambda m: f"{m.first_name} ({m.preferred_name})" if m.preferred_name else m.first_name,
               lambda m: (collation_key(m.first_name), collation_key(m.last_name), m.id)),
        _then_last_name(N_("Email"), lambda m: m.email or ""),
        _then_last_name(N_("Phone"), lambda m: m.phone or ""),
        _then_last_name(N_("Postcode"), lambda m: m.postcode or ""),
        _then_last_name(N_("Status"), lambda m: _("{status} (archived)").format(status=shown(MEMBER_STATUS, m.status))
                        if m.archived else shown(MEMBER_STATUS, m.status)),
        Column(N_("Joined"), lambda m: short_date(m.joined_on) if m.joined_on else "",
               lambda m: (m.joined_on is None, m.joined_on or date.min, collation_key(m.last_name), m.id)),
        _then_last_name(N_("Tags"), lambda m: ", ".join(m.tags)),
    )

    def rows(self) -> list[MemberSummary]:
        """The list itself, not a copy: the filter reads it on every keystroke. Do not change it."""
        return self._rows

    def haystack(self, m: MemberSummary) -> str:
        """The same text ``members list --search`` looks in (already folded; folding is idempotent)."""
        return member_search_text(m)

    def extra_data(self, row: MemberSummary, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_TAGS and row.tags:
            return ", ".join(row.tags)
        return None


class MemberFilterProxy(QAbstractProxyModel):
    """Rows of the source that pass the search words, status, tag and archived filters.

    Why not QSortFilterProxyModel: it calls ``filterAcceptsRow`` from C++ once per
    row, 20,000 Python calls a keystroke (~100 ms). Here one list comprehension
    over the pre-folded search texts picks the rows (a few ms) and the view only
    asks about the rows it paints. Sorting is done by the source model.
    """

    def __init__(self, parent=None) -> None:  # noqa: ANN001 - Qt parent
        super().__init__(parent)
        self._words: list[str] = []
        self._status: str | None = None
        self._tag: str | None = None
        self._show_archived = False
        self._only_ids: frozenset[int] | None = None  # e.g. a dues state (#17)
        self._rows: list[int] = []  # proxy row -> source row
        self._position: dict[int, int] | None = None  # source row -> proxy row, built on demand
        self._saved: list[tuple[QPersistentModelIndex, int, int]] = []

    # --- filters ----------------------------------------------------------------------------
    def set_search(self, text: str) -> None:
        words = fold(text).split()
        if words != self._words:
            self._words = words
            self._refilter()

    def set_status(self, status: str | None) -> None:
        self._status = status
        self._refilter()

    def set_tag(self, tag: str | None) -> None:
        self._tag = tag
        self._refilter()

    def set_only_ids(self, ids: frozenset[int] | None) -> None:
        self._only_ids = ids
        self._refilter()

    def set_show_archived(self, show: bool) -> None:
        self._show_archived = show
        self._refilter()

    def _accepted(self) -> list[int]:
        model = self.sourceModel()
        if not isinstance(model, MemberTableModel):
            return []
        rows = model.rows()
        wanted = range(len(rows))
        if not self._show_archived:
            wanted = [i for i in wanted if not rows[i].archived]
        if self._status:
            status = self._status
            wanted = [i for i in wanted if rows[i].status == status]
        if self._tag:
            tag = self._tag
            wanted = [i for i in wanted if tag in rows[i].tags]
        if self._only_ids is not None:
            wanted = [i for i in wanted if rows[i].id in self._only_ids]
        if self._words:
            texts = model.search_texts()
            for word in self._words:
                wanted = [i for i in wanted if word in texts[i]]
        return list(wanted)

    def _refilter(self) -> None:
        self.beginResetModel()
        self._rebuild()
        self.endResetModel()

    def _rebuild(self) -> None:
        self._rows = self._accepted()
        self._position = None

    # --- following the source ---------------------------------------------------------------
    def setSourceModel(self, model: QAbstractItemModel) -> None:  # noqa: N802
        self.beginResetModel()
        old = self.sourceModel()
        if old is not None:
            old.disconnect(self)
        super().setSourceModel(model)
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
        self.layoutAboutToBeChanged.emit()
        model = self.sourceModel()
        assert isinstance(model, MemberTableModel)
        self._saved = [(QPersistentModelIndex(i), model.row_at(self._rows[i.row()]).id, i.column())
                       for i in self.persistentIndexList() if i.isValid()]

    def _after_layout(self) -> None:
        self._rebuild()
        model = self.sourceModel()
        assert isinstance(model, MemberTableModel)
        where = {model.row_at(source).id: row for row, source in enumerate(self._rows)}
        old = [saved for saved, _, _ in self._saved]
        new = [self.index(where[member_id], column) if member_id in where else QModelIndex()
               for _, member_id, column in self._saved]
        self.changePersistentIndexList(old, new)
        self._saved = []
        self.layoutChanged.emit()

    def _source_data_changed(self, top: QModelIndex, bottom: QModelIndex, roles=()) -> None:  # noqa: ANN001
        for row in range(top.row(), bottom.row() + 1):
            mapped = self.mapFromSource(self.sourceModel().index(row, 0))
            if mapped.isValid():
                self.dataChanged.emit(mapped, mapped.siblingAtColumn(self.columnCount() - 1))

    # --- the proxy model --------------------------------------------------------------------
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sourceModel().sort(column, order)

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if parent.isValid() or not (0 <= row < len(self._rows)) or not (
                0 <= column < self.columnCount()):
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

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
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
        if self._position is None:
            self._position = {source: row for row, source in enumerate(self._rows)}
        row = self._position.get(source_index.row())
        return QModelIndex() if row is None else self.index(row, source_index.column())
