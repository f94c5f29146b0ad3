"""The leadership ladder as a board: one column per stage with its count and people.

Move someone with "Move…" (Ctrl+M), the context menu, or by dragging a name to
another column; every move asks why and is kept in the person's stage history,
shown beside the board for whoever is selected.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QDropEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from communitydesk.errors import UserError
from communitydesk.gui.context import AppContext
from communitydesk.gui.one_to_ones.pickers import MoveStageDialog
from communitydesk.services.ladder import LadderColumn, ladder_board, move_member, stage_history
from communitydesk.services.members import list_members
from communitydesk.services.text import fold

ID_ROLE = Qt.ItemDataRole.UserRole + 1
BOARD_STYLE = """
QFrame#stageColumn { background: #ffffff; border: 1px solid #dfe4e1; border-radius: 6px; }
QLabel#stageTitle { font-size: 14px; font-weight: 600; color: #23332c; border: none; }
QLabel#stageCount { color: #5f6b66; border: none; }
QListWidget#stageList { border: none; background: #ffffff; }
QListWidget#stageList::item { padding: 3px 2px; }
"""


class StageList(QListWidget):
    """People on one stage; names dropped here from another column ask to move there."""

    def __init__(self, board: LadderBoard, column: LadderColumn) -> None:
        super().__init__()
        self.board = board
        self.stage = column.stage
        self.setObjectName("stageList")
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragEnabled(True)
        self.setAcceptDrops(column.known and column.stage is not None)
        self.setDropIndicatorShown(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        for person in column.people:
            item = QListWidgetItem(person.name)
            item.setData(ID_ROLE, int(person.member_id))
            item.setData(Qt.ItemDataRole.UserRole + 2, fold(person.name))
            if person.status != "active":
                item.setToolTip(person.status.capitalize())
                item.setForeground(Qt.GlobalColor.darkGray)
            self.addItem(item)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        source = event.source()
        event.ignore()  # the board rebuilds the lists after a move; Qt must not move items itself
        if isinstance(source, StageList) and source is not self and self.stage is not None:
            items = source.selectedItems()
            if items:
                self.board.ask_move(int(items[0].data(ID_ROLE)), target=self.stage)

    def _menu(self, pos: QPoint) -> None:
        item = self.itemAt(pos)
        if item is None:
            return
        menu = QMenu(self)
        member_id = int(item.data(ID_ROLE))
        for stage in self.board.stages:
            if stage != self.stage:
                menu.addAction(f"Move to {stage}…", lambda s=stage: self.board.ask_move(member_id, target=s))
        menu.exec(self.viewport().mapToGlobal(pos))


class LadderBoard(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.stages: tuple[str, ...] = ()
        self.columns: list[LadderColumn] = []
        self.lists: list[StageList] = []
        self.count_labels: list[QLabel] = []
        self.selected_id: int | None = None

        self.search = QLineEdit(placeholderText="Find a person on the ladder…")
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.move_button = QPushButton("Move…")
        self.move_button.setToolTip("Move the selected person to another stage (Ctrl+M)")
        self.move_button.clicked.connect(lambda: self.ask_move(self.selected_id) if self.selected_id else None)
        self.total_label = QLabel()
        self.total_label.setObjectName("countLabel")
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.total_label)
        top.addWidget(self.move_button)

        self.row = QHBoxLayout()
        self.row.setSpacing(8)
        holder = QWidget()
        holder.setLayout(self.row)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(holder)

        self.history_title = QLabel("<b>Stage history</b>")
        self.history = QListWidget()
        self.history.setWordWrap(True)
        self.history.setObjectName("stageHistory")
        side = QVBoxLayout()
        side.addWidget(self.history_title)
        side.addWidget(self.history, 1)
        side_widget = QWidget()
        side_widget.setLayout(side)
        side_widget.setFixedWidth(230)

        body = QHBoxLayout()
        body.addWidget(scroll, 1)
        body.addWidget(side_widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(top)
        layout.addLayout(body, 1)
        QShortcut(QKeySequence("Ctrl+M"), self, activated=self.move_button.click)
        self.setStyleSheet(BOARD_STYLE)
        self.refresh()

    def refresh(self) -> None:
        with self.ctx.db.session() as session:
            self.columns = ladder_board(session)
            self.stages = tuple(c.stage for c in self.columns if c.known and c.stage is not None)
        while self.row.count():
            widget = self.row.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        self.lists, self.count_labels = [], []
        for column in self.columns:
            frame = QFrame()
            frame.setObjectName("stageColumn")
            frame.setMinimumWidth(140)
            box = QVBoxLayout(frame)
            box.setContentsMargins(8, 8, 8, 8)
            title = QLabel(column.title)
            title.setObjectName("stageTitle")
            title.setWordWrap(True)
            count = QLabel()
            count.setObjectName("stageCount")
            people = StageList(self, column)
            people.itemSelectionChanged.connect(lambda lst=people: self._selected_in(lst))
            box.addWidget(title)
            box.addWidget(count)
            box.addWidget(people, 1)
            self.row.addWidget(frame, 1)
            self.lists.append(people)
            self.count_labels.append(count)
        total = sum(c.count for c in self.columns)
        self.total_label.setText(f"{total:,} people on the board · grey: not active members")
        self._filter(self.search.text())
        if self.selected_id is not None:
            self.select_member(self.selected_id)

    def _filter(self, text: str) -> None:
        words = fold(text).split()
        for column, people, label in zip(self.columns, self.lists, self.count_labels, strict=True):
            shown = 0
            for i in range(people.count()):
                item = people.item(i)
                hide = bool(words) and not all(w in item.data(Qt.ItemDataRole.UserRole + 2) for w in words)
                item.setHidden(hide)
                shown += not hide
            noun = "person" if column.count == 1 else "people"
            label.setText(f"{column.count} {noun}" if not words else f"{shown} of {column.count} {noun}")

    def column_counts(self) -> dict[str | None, int]:
        return {c.stage: c.count for c in self.columns}

    def people_in(self, stage: str | None) -> list[str]:
        for column in self.columns:
            if column.stage == stage:
                return [p.name for p in column.people]
        return []

    def _selected_in(self, lst: StageList) -> None:
        items = lst.selectedItems()
        if not items:
            return
        for other in self.lists:
            if other is not lst:
                other.blockSignals(True)
                other.clearSelection()
                other.blockSignals(False)
        self.selected_id = int(items[0].data(ID_ROLE))
        self._show_history(self.selected_id, items[0].text())

    def select_member(self, member_id: int) -> bool:
        for lst in self.lists:
            for i in range(lst.count()):
                if lst.item(i).data(ID_ROLE) == member_id:
                    lst.setCurrentRow(i)
                    lst.item(i).setSelected(True)
                    return True
        return False

    def _show_history(self, member_id: int, name: str) -> None:
        with self.ctx.db.session() as session:
            moves = stage_history(session, member_id)
        self.history_title.setText(f"<b>Stage history</b> — {name}")
        self.history.clear()
        for move in reversed(moves):
            line = f"{move.changed_at:%Y-%m-%d}  {move.from_stage or 'not placed'} → {move.to_stage}"
            detail = " · ".join(x for x in (move.reason, f"by {move.changed_by_name}" if move.changed_by_name else "") if x)
            self.history.addItem(line + (f"\n{detail}" if detail else ""))
        if not moves:
            self.history.addItem("No moves recorded yet.")

    def ask_move(self, member_id: int | None, *, target: str | None = None) -> bool:
        if member_id is None:
            return False
        column = next((c for c in self.columns for p in c.people if p.member_id == member_id), None)
        person = next((p for c in self.columns for p in c.people if p.member_id == member_id), None)
        with self.ctx.db.session() as session:
            members = list_members(session, status="active")
        answer = MoveStageDialog.ask(person=person.name if person else f"member {member_id}",
                                     current=column.stage if column else None, stages=self.stages,
                                     target=target, members=members, parent=self)
        if answer is None:
            return False
        stage, reason, by_id = answer
        return self.move(member_id, stage, reason=reason, changed_by_id=by_id)

    def move(self, member_id: int, stage: str, *, reason: str, changed_by_id: int | None = None) -> bool:
        try:
            with self.ctx.db.session() as session:
                move_member(session, member_id, to_stage=stage, reason=reason, changed_by_id=changed_by_id)
        except UserError as exc:
            QMessageBox.warning(self, "Move on the ladder", str(exc))
            return False
        self.selected_id = member_id
        self.ctx.announce("members", "ladder")
        self.refresh()
        return True
