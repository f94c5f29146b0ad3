"""The leadership ladder as a board: one column per stage with its count and people.

Move someone with "Move…" (Ctrl+M), the context menu, or by dragging a name to
another column; every move asks why and is kept in the person's stage history,
shown beside the board for whoever is selected. The board and the history load
off the UI thread; a move is one ``ctx.ops.write`` and the board reloads after it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    Qt,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QMenu,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from communitydesk.gui.accessibility import paused_icon
from communitydesk.gui.common.dates import short_date
from communitydesk.gui.common.loading import Loader
from communitydesk.gui.common.shortcuts import press_on
from communitydesk.gui.context import AppContext
from communitydesk.gui.meetings.labels import word
from communitydesk.gui.one_to_ones.pickers import MoveStageDialog
from communitydesk.gui.operations import Operation
from communitydesk.gui.theme import follow_system
from communitydesk.i18n import _, ngettext
from communitydesk.services.core.text import fold
from communitydesk.services.one_to_ones.ladder import (
    LadderColumn,
    LadderPerson,
    StageMove,
    ladder_board,
    move_member,
    stage_history,
)

NOT_ACTIVE = QBrush(QColor("#7d8984"))
# Laid out for a 1366×768 laptop first: five stages plus "not placed" fit beside the
# stage history; narrower windows scroll the board sideways rather than squash names.
COLUMN_MIN_WIDTH = 112  # a long name is elided; its tooltip has it whole
HISTORY_WIDTH = 190
MIME_MEMBER = "application/x-communitydesk-member-id"
BOARD_STYLE = """
QFrame#stageColumn { background: #ffffff; border: 1px solid #dfe4e1; border-radius: 6px; }
QLabel#stageTitle { font-size: 14px; font-weight: 600; color: #23332c; border: none; }
QLabel#stageCount { color: #5f6b66; border: none; }
QListView#stageList { border: none; background: #ffffff; }
QListView#stageList::item { padding: 3px 2px; }
"""


class StageListModel(QAbstractListModel):
    """The people on one stage, filtered by the board's search; drags carry the member id.

    A model rather than a QListWidget: no per-person Qt calls, so 20,000 people load at once.
    """

    def __init__(self, column: LadderColumn, parent=None) -> None:  # noqa: ANN001 - Qt parent
        super().__init__(parent)
        self.column = column
        self._folded: list[str] | None = None  # the names as searched: built on the first search
        self._shown: list[int] = list(range(len(column.people)))

    def set_filter(self, words: list[str]) -> None:
        self.beginResetModel()
        if not words:
            self._shown = list(range(len(self.column.people)))
        else:
            if self._folded is None:
                self._folded = [fold(p.name) for p in self.column.people]
            self._shown = [i for i, hay in enumerate(self._folded) if all(w in hay for w in words)]
        self.endResetModel()

    def person_at(self, row: int) -> LadderPerson:
        return self.column.people[self._shown[row]]

    def row_of(self, member_id: int) -> int:
        return next((r for r, i in enumerate(self._shown) if self.column.people[i].member_id == member_id), -1)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._shown)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        person = self.person_at(index.row())
        if role == Qt.ItemDataRole.DisplayRole:
            return person.name
        if role == Qt.ItemDataRole.ForegroundRole and person.status != "active":
            return NOT_ACTIVE
        if role == Qt.ItemDataRole.DecorationRole and person.status != "active":
            return paused_icon()  # not by colour alone
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return person.name if person.status == "active" else f"{person.name}, {word(person.status)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{person.name} · {word(person.status)}"
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else base

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [MIME_MEMBER]

    def mimeData(self, indexes: list) -> QMimeData:  # noqa: N802
        data = QMimeData()
        if indexes:
            data.setData(MIME_MEMBER, QByteArray(str(int(self.person_at(indexes[0].row()).member_id)).encode()))
        return data


class StageList(QListView):
    """One stage's column of names; a name dropped here from another column asks to move there."""

    def __init__(self, board: LadderBoard, column: LadderColumn) -> None:
        super().__init__()
        self.board = board
        self.stage = column.stage
        self.setObjectName("stageList")
        self.setModel(StageListModel(column, self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragEnabled(True)
        self.setAcceptDrops(column.known and column.stage is not None)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setUniformItemSizes(True)
        self.setLayoutMode(QListView.LayoutMode.Batched)  # 20,000 names: laid out a batch at a time
        self.setBatchSize(200)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)

    def stage_model(self) -> StageListModel:
        model = self.model()
        assert isinstance(model, StageListModel)
        return model

    def selected_person(self) -> LadderPerson | None:
        rows = self.selectionModel().selectedRows()
        return self.stage_model().person_at(rows[0].row()) if rows else None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if event.mimeData().hasFormat(MIME_MEMBER) and event.source() is not self and self.acceptDrops():
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802
        self.dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        raw = bytes(event.mimeData().data(MIME_MEMBER).data()).decode() if event.mimeData() else ""
        event.ignore()  # the board rebuilds the lists after a move; Qt must not move rows itself
        if raw.isdigit() and event.source() is not self and self.stage is not None:
            self.board.ask_move(int(raw), target=self.stage)

    def _menu(self, pos: QPoint) -> None:
        index = self.indexAt(pos)
        if not index.isValid():
            return
        member_id = int(self.stage_model().person_at(index.row()).member_id)
        menu = QMenu(self)
        for stage in self.board.stages:
            if stage != self.stage:
                menu.addAction(_("Move to {stage}…").format(stage=stage), lambda s=stage: self.board.ask_move(member_id, target=s))
        menu.exec(self.viewport().mapToGlobal(pos))


class LadderBoard(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, load: bool = True) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.loader = Loader(self, ctx)
        self.stages: tuple[str, ...] = ()
        self.columns: list[LadderColumn] = []
        self.lists: list[StageList] = []
        self.count_labels: list[QLabel] = []
        self.selected_id: int | None = None

        self.search = QLineEdit(placeholderText=_("Find a person on the ladder…"))
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.move_button = QPushButton(_("Move…"))
        self.move_button.setToolTip(_("Move the selected person to another stage (Ctrl+M)"))
        self.move_button.clicked.connect(lambda: self.ask_move(self.selected_id) if self.selected_id else None)
        self.total_label = QLabel()
        self.total_label.setObjectName("countLabel")
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.total_label)
        top.addWidget(self.move_button)

        self.row = QHBoxLayout()
        self.row.setSpacing(8)
        self.row.setContentsMargins(0, 0, 0, 0)
        holder = QWidget()
        holder.setLayout(self.row)
        self.board_area = QScrollArea()
        self.board_area.setWidgetResizable(True)
        self.board_area.setFrameShape(QFrame.Shape.NoFrame)
        self.board_area.setWidget(holder)

        self.history_title = QLabel("<b>" + _("Stage history") + "</b>")
        self.history = QListWidget()
        self.history_loader = Loader(self.history, ctx)
        self.history.setWordWrap(True)
        self.history.setObjectName("stageHistory")
        self.history.addItem(_("Select a person to see when and why they moved."))
        side = QVBoxLayout()
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.history_title)
        side.addWidget(self.history, 1)
        side_widget = QWidget()
        side_widget.setLayout(side)
        side_widget.setFixedWidth(HISTORY_WIDTH)

        body = QHBoxLayout()
        body.setSpacing(10)
        body.addWidget(self.board_area, 1)
        body.addWidget(side_widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(top)
        layout.addLayout(body, 1)
        press_on("Ctrl+M", self.move_button, self)
        self.setStyleSheet(BOARD_STYLE)
        self.setStyleSheet(follow_system(self.styleSheet()))  # dark palette, system font (#19)
        if load:
            self.refresh()

    def refresh(self) -> Operation:
        return self.loader.read(ladder_board, self._show_columns)

    def wait_until_loaded(self) -> None:
        self.loader.wait()
        self.history_loader.wait()

    def _show_columns(self, columns: list[LadderColumn]) -> None:
        self.columns = columns
        self.stages = tuple(c.stage for c in self.columns if c.known and c.stage is not None)
        while self.row.count():
            widget = self.row.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        self.lists, self.count_labels = [], []
        for column in self.columns:
            frame = QFrame()
            frame.setObjectName("stageColumn")
            frame.setMinimumWidth(COLUMN_MIN_WIDTH)
            box = QVBoxLayout(frame)
            box.setContentsMargins(8, 8, 8, 8)
            title = QLabel(_("Not yet placed") if column.stage is None else column.stage if column.known
                           else _("{stage} (not in settings)").format(stage=column.stage))  # stages: the group's words
            title.setObjectName("stageTitle")
            title.setWordWrap(True)
            count = QLabel()
            count.setObjectName("stageCount")
            count.setWordWrap(True)  # "12 of 4,009 people" in a narrow column
            people = StageList(self, column)
            people.selectionModel().selectionChanged.connect(lambda *_a, lst=people: self._selected_in(lst))
            box.addWidget(title)
            box.addWidget(count)
            box.addWidget(people, 1)
            self.row.addWidget(frame, 1)
            self.lists.append(people)
            self.count_labels.append(count)
        for before, after in zip([self.board_area, *self.lists], [*self.lists, self.history], strict=True):
            QWidget.setTabOrder(before, after)  # #19: the columns left to right, then the history
        total = sum(c.count for c in self.columns)
        self.total_label.setText(ngettext("{count} person on the board · grey: not active members",
                                         "{count} people on the board · grey: not active members",
                                         total).format(count=f"{total:,}"))
        self._filter(self.search.text())
        if self.selected_id is not None:
            self.select_member(self.selected_id)

    def _filter(self, text: str) -> None:
        words = fold(text).split()
        for column, people, label in zip(self.columns, self.lists, self.count_labels, strict=True):
            model = people.stage_model()
            model.set_filter(words)
            shown = model.rowCount()
            label.setText(ngettext("{count} person", "{count} people", column.count).format(
                count=f"{column.count:,}") if not words else
                ngettext("{shown} of {count} person", "{shown} of {count} people", column.count).format(
                    shown=f"{shown:,}", count=f"{column.count:,}"))

    def column_counts(self) -> dict[str | None, int]:
        return {c.stage: c.count for c in self.columns}

    def people_in(self, stage: str | None) -> list[str]:
        for column in self.columns:
            if column.stage == stage:
                return [p.name for p in column.people]
        return []

    def _selected_in(self, lst: StageList) -> None:
        person = lst.selected_person()
        if person is None:
            return
        for other in self.lists:
            if other is not lst:
                other.selectionModel().blockSignals(True)
                other.clearSelection()
                other.selectionModel().blockSignals(False)
        self.selected_id = int(person.member_id)
        self._show_history(self.selected_id, person.name)

    def select_member(self, member_id: int) -> bool:
        for lst in self.lists:
            row = lst.stage_model().row_of(member_id)
            if row >= 0:
                lst.setCurrentIndex(lst.model().index(row, 0))
                return True
        return False

    def _show_history(self, member_id: int, name: str) -> Operation:
        self.history_title.setText("<b>" + _("Stage history") + f"</b> — {name}")
        return self.history_loader.read(lambda session: stage_history(session, member_id),
                                        self._show_moves, member_id)

    def _show_moves(self, moves: list[StageMove]) -> None:
        self.history.clear()
        for move in reversed(moves):
            line = f"{short_date(move.changed_at)}  {move.from_stage or _('not placed')} → {move.to_stage}"
            by = _("by {name}").format(name=move.changed_by_name) if move.changed_by_name else ""
            detail = " · ".join(x for x in (move.reason, by) if x)
            self.history.addItem(line + (f"\n{detail}" if detail else ""))
        if not moves:
            self.history.addItem(_("No moves recorded yet."))

    def ask_move(self, member_id: int | None, *, target: str | None = None) -> Operation | None:
        """Ask where to and why, then move; the running move, or None if cancelled."""
        if member_id is None:
            return None
        column = next((c for c in self.columns for p in c.people if p.member_id == member_id), None)
        person = next((p for c in self.columns for p in c.people if p.member_id == member_id), None)
        answer = MoveStageDialog.ask(ctx=self.ctx, person=person.name if person else _("member {id}").format(id=member_id),
                                     current=column.stage if column else None, stages=self.stages,
                                     target=target, parent=self)
        if answer is None:
            return None
        stage, reason, by_id = answer
        return self.move(member_id, stage, reason=reason, changed_by_id=by_id)

    def move(self, member_id: int, stage: str, *, reason: str, changed_by_id: int | None = None) -> Operation:
        def moved(_result: object) -> None:
            self.selected_id = member_id
            self.refresh()

        return self.ctx.ops.write(
            lambda session: move_member(session, member_id, to_stage=stage, reason=reason,
                                        changed_by_id=changed_by_id),
            parent=self, done=moved)
