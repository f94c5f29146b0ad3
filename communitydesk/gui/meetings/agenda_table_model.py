"""The agenda as an editable table: number, running time, item, presenter, minutes allotted.

Edits and moves are not applied here: the model hands them to callbacks (the
agenda editor saves them through the services, then reloads), so the database
stays the single source of the order. Drag-and-drop carries the dragged row number.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QByteArray, QMimeData, QModelIndex, QPersistentModelIndex, Qt

from communitydesk.gui.common.dates import time_of_day
from communitydesk.gui.common.row_model import Column, RowTableModel
from communitydesk.gui.meetings.labels import translated_columns, word
from communitydesk.i18n import N_, _, ngettext
from communitydesk.services.meetings.actions import ActionSummary
from communitydesk.services.meetings.agenda import AgendaEntry

COL_NUMBER, COL_TIME, COL_TITLE, COL_PRESENTER, COL_MINUTES = range(5)
FIELDS = {COL_TITLE: "title", COL_PRESENTER: "presenter", COL_MINUTES: "duration_minutes"}
MIME = "application/x-communitydesk-agenda-row"
Index = QModelIndex | QPersistentModelIndex


class AgendaTableModel(RowTableModel[AgendaEntry]):
    columns = (
        Column("#", lambda e: str(e.position), lambda e: e.position, align_right=True),
        Column(N_("Time"), lambda e: f"{time_of_day(e.starts_at)}–{time_of_day(e.ends_at)}",
           lambda e: e.position),
        Column(N_("Item"), lambda e: e.title, lambda e: e.position),
        Column(N_("Presenter"), lambda e: e.presenter or "", lambda e: e.position),
        Column(N_("Min"), lambda e: str(e.duration_minutes) if e.duration_minutes else "",
               lambda e: e.position, align_right=True),
    )

    def __init__(self, parent=None) -> None:  # noqa: ANN001 - Qt parent
        super().__init__(parent)
        self.columns = translated_columns(self.columns)
        self.read_only = False
        self.arising: dict[int, list[ActionSummary]] = {}  # item id -> matters arising under it
        self.on_edit: Callable[[AgendaEntry, str, object], None] | None = None
        self.on_move: Callable[[int, int], None] | None = None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """An agenda keeps its own order."""

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():  # dropping below the last row
            return Qt.ItemFlag.NoItemFlags if self.read_only else Qt.ItemFlag.ItemIsDropEnabled
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.read_only:
            return base
        base |= Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled
        if index.column() in FIELDS:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.EditRole and index.isValid() and index.column() in FIELDS:
            entry = self.row_at(index.row())
            value = getattr(entry, FIELDS[index.column()])
            return "" if value is None else str(value)
        if index.isValid() and index.column() == COL_TITLE:
            entry = self.row_at(index.row())
            actions = self.arising.get(entry.id)
            if actions and role == Qt.ItemDataRole.DisplayRole:
                still_open = sum(1 for a in actions if a.status == "open")
                return ngettext("{title}  ·  {count} open action to chase",
                                "{title}  ·  {count} open actions to chase", still_open).format(
                    title=entry.title, count=still_open)
            if actions and role == Qt.ItemDataRole.ToolTipRole:
                return "\n".join(f"[{word(a.status)}] {a.description} — {a.owner_name or _('no owner')}"
                                 for a in actions)
        return super().data(index, role)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if (not index.isValid() or role != Qt.ItemDataRole.EditRole or self.read_only
                or index.column() not in FIELDS or self.on_edit is None):
            return False
        entry = self.row_at(index.row())
        field = FIELDS[index.column()]
        text = str(value).strip() if value is not None else ""
        current = getattr(entry, field)
        if text == ("" if current is None else str(current)):
            return False
        self.on_edit(entry, field, text or None)
        return True

    # --- drag and drop ------------------------------------------------------------
    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # noqa: N802
        data = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        if rows:
            data.setData(MIME, QByteArray(str(rows[0]).encode()))
        return data

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,  # noqa: N802
                        parent: Index) -> bool:
        return not self.read_only and data.hasFormat(MIME)

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,  # noqa: N802
                     parent: Index) -> bool:
        """Hand the move to ``on_move``; return False so the view never removes the source row."""
        if self.read_only or not data.hasFormat(MIME) or self.on_move is None:
            return False
        source = int(bytes(data.data(MIME).data()).decode())
        if row < 0:
            row = parent.row() if parent.isValid() else self.rowCount()
        target = row - 1 if row > source else row  # the index it ends up at after removal
        target = max(0, min(target, self.rowCount() - 1))
        if target != source:
            self.on_move(source, target)
        return False
