"""Qt table models over the one-to-ones services' rows (follow-ups, conversations, people, timeline).

One small base does the Qt plumbing: ``set_rows()`` inside a reset, sorting in
the source model with a Python key per column, and a proxy that searches an
accent-folded text of each row, so "lukasz" finds "Łukasz".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from communitydesk.gui.search_proxy import FoldedSearchProxy
from communitydesk.services.follow_ups import FollowUp, QuietMember
from communitydesk.services.one_to_ones import OneToOneSummary
from communitydesk.services.text import fold
from communitydesk.services.timeline import KIND_ORDER, TimelineEvent

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
OVERDUE = QColor("#a33a2a")


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


@dataclass(frozen=True)
class Column(Generic[T]):
    header: str
    display: Callable[[T], str]
    sort_key: Callable[[T], object] | None = None


class RowTableModel(QAbstractTableModel, Generic[T]):
    """Read-only rows of one frozen dataclass; subclasses give ``columns``."""

    columns: Sequence[Column] = ()

    def __init__(self, parent=None) -> None:  # noqa: ANN001 - Qt parent
        super().__init__(parent)
        self._rows: list[T] = []
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._search: list[str] | None = None

    def set_rows(self, rows: Sequence[T]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        if self._sort is not None:
            self._rows = self._sorted(*self._sort)
        self._search = None
        self.endResetModel()

    def row_at(self, row: int) -> T:
        return self._rows[row]

    def rows(self) -> list[T]:
        return list(self._rows)

    def _key(self, column: int) -> Callable[[T], object]:
        spec = self.columns[column]
        return spec.sort_key or (lambda r: fold(spec.display(r)))

    def _sorted(self, column: int, order: Qt.SortOrder) -> list[T]:
        return sorted(self._rows, key=self._key(column), reverse=order == Qt.SortOrder.DescendingOrder)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        before = {id(r): i for i, r in enumerate(self._rows)}
        self._rows = self._sorted(column, order)
        moved = {before[id(r)]: i for i, r in enumerate(self._rows)}
        old = self.persistentIndexList()
        self.changePersistentIndexList(old, [self.index(moved[i.row()], i.column()) for i in old])
        self._search = None
        self.layoutChanged.emit()

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
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.columns[index.column()].display(row)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.foreground(row, index.column())
        return None

    def foreground(self, row: T, column: int) -> QBrush | None:
        return None

    def search_text(self, row: int) -> str:
        if self._search is None:
            self._search = [fold(" ".join(c.display(r) for c in self.columns)) for r in self._rows]
        return self._search[row]


class SearchProxy(FoldedSearchProxy):
    """Keeps rows containing every typed word (accent-folded); sorting goes to the source model."""


def _overdue_text(f: FollowUp) -> str:
    if f.days_overdue > 0:
        return f"{f.days_overdue} day{'s' if f.days_overdue != 1 else ''} overdue"
    return "due today" if f.days_overdue == 0 else f"in {-f.days_overdue} day{'s' if f.days_overdue != -1 else ''}"


class FollowUpTableModel(RowTableModel[FollowUp]):
    COL_DATE, COL_WHEN, COL_PERSON, COL_STEP, COL_ORGANISER, COL_HELD = range(6)
    columns = (
        Column("Follow up", lambda f: _day(f.follow_up_on), lambda f: (f.follow_up_on, fold(f.member_name))),
        Column("", _overdue_text, lambda f: (-f.days_overdue, fold(f.member_name))),
        Column("Person", lambda f: f.member_name),
        Column("Next step", lambda f: f.next_step or ""),
        Column("Organiser", lambda f: f.organiser_name or "(nobody)"),
        Column("Conversation", lambda f: _day(f.conversation.held_on), lambda f: f.conversation.held_on),
    )

    def foreground(self, row: FollowUp, column: int) -> QBrush | None:
        if column == self.COL_WHEN and row.days_overdue > 0:
            return QBrush(OVERDUE)
        return None


class ConversationTableModel(RowTableModel[OneToOneSummary]):
    COL_DATE, COL_PERSON, COL_ORGANISER, COL_MEDIUM, COL_STEP, COL_FOLLOW, COL_STAGE = range(7)
    columns = (
        Column("Date", lambda c: _day(c.held_on), lambda c: (c.held_on, c.id)),
        Column("Person", lambda c: c.member_name),
        Column("Organiser", lambda c: c.organiser_name or ""),
        Column("How", lambda c: c.medium_label + (f", {c.duration_minutes} min" if c.duration_minutes else "")),
        Column("Next step", lambda c: c.next_step or ""),
        Column("Follow up", lambda c: _day(c.follow_up_on) + (" ✓" if c.follow_up_done_at else ""),
               lambda c: (c.follow_up_on or date.min, c.id)),
        Column("Stage after", lambda c: c.stage_after or ""),
    )


class QuietMemberTableModel(RowTableModel[QuietMember]):
    COL_PERSON, COL_STATUS, COL_STAGE, COL_LAST_TALK, COL_MEETINGS, COL_LAST_CAME = range(6)
    columns = (
        Column("Person", lambda p: p.name),
        Column("Status", lambda p: p.status.capitalize()),
        Column("Ladder stage", lambda p: p.ladder_stage or ""),
        Column("Last one-to-one", lambda p: _day(p.last_one_to_one_on) or "never",
               lambda p: p.last_one_to_one_on or date.min),
        Column("Meetings attended", lambda p: "" if p.meetings_attended is None else str(p.meetings_attended),
               lambda p: p.meetings_attended or 0),
        Column("Last came", lambda p: _day(p.last_attended_on), lambda p: p.last_attended_on or date.min),
    )


class TimelineTableModel(RowTableModel[TimelineEvent]):
    COL_DATE, COL_KIND, COL_TITLE, COL_DETAIL = range(4)
    columns = (
        Column("Date", lambda e: e.at.strftime("%Y-%m-%d"), lambda e: (e.at, KIND_ORDER.get(e.kind, 9))),
        Column("What", lambda e: e.kind_label),
        Column("Event", lambda e: e.title),
        Column("Details", lambda e: e.detail),
    )
