"""The agenda editor: ordered items, reorder by drag or Ctrl+Up/Down, presenter and minutes
allotted edited in place, a running end time, and the group's agenda template.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from communitydesk.gui.context import AppContext
from communitydesk.gui.dates import time_of_day
from communitydesk.gui.meetings.agenda_table_model import (
    COL_MINUTES,
    COL_NUMBER,
    COL_PRESENTER,
    COL_TIME,
    COL_TITLE,
    AgendaTableModel,
)
from communitydesk.gui.meetings.saving import run_or_warn, save_with_locking
from communitydesk.services.agenda import (
    AgendaEntry,
    add_agenda_item,
    apply_agenda_template,
    move_agenda_item,
    remove_agenda_item,
    reorder_agenda,
    update_agenda_item,
)
from communitydesk.services.matters_arising import agenda_with_arising
from communitydesk.services.meetings import MeetingDetail, get_meeting_detail
from communitydesk.services.settings import load_settings


class AgendaEditor(QWidget):
    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.meeting: MeetingDetail | None = None
        self.model = AgendaTableModel(self)
        self.model.on_edit = self._edit
        self.model.on_move = lambda source, target: QTimer.singleShot(0, lambda: self.move_row(source, target))

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setDragEnabled(True)
        self.table.setAcceptDrops(True)
        self.table.setDropIndicatorShown(True)
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.table.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        for col, width in ((COL_NUMBER, 36), (COL_TIME, 96), (COL_PRESENTER, 150), (COL_MINUTES, 52)):
            self.table.setColumnWidth(col, width)

        self.add_button = QPushButton("&Add item")
        self.add_button.setToolTip("Add an item after the selected one (Insert)")
        self.add_button.clicked.connect(self.add_item)
        self.remove_button = QPushButton("Remove")
        self.remove_button.setToolTip("Remove the selected item (Delete)")
        self.remove_button.clicked.connect(self.remove_selected)
        self.up_button = QPushButton("▲ Up")
        self.up_button.setToolTip("Move the selected item up (Ctrl+Up), or drag it")
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button = QPushButton("▼ Down")
        self.down_button.setToolTip("Move the selected item down (Ctrl+Down), or drag it")
        self.down_button.clicked.connect(lambda: self.move_selected(1))
        self.template_button = QPushButton("Add &template items")
        self.template_button.setToolTip("Add the standard agenda items this meeting does not have yet")
        self.template_button.clicked.connect(self.add_template)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.template_button)

        self.summary = QLabel()
        self.summary.setObjectName("countLabel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)

        for keys, slot in (("Ctrl+Up", lambda: self.move_selected(-1)),
                           ("Ctrl+Down", lambda: self.move_selected(1)),
                           ("Insert", self.add_item), ("Delete", self.remove_selected)):
            QShortcut(QKeySequence(keys), self.table, activated=slot,
                      context=Qt.ShortcutContext.WidgetShortcut)

    # --- loading ------------------------------------------------------------------
    def load(self, meeting_id: int | None) -> None:
        if meeting_id is None:
            self.meeting = None
            self.model.set_rows([])
            self._update_state()
            return
        with self.ctx.db.session() as s:
            self.meeting = get_meeting_detail(s, meeting_id)
            paired = agenda_with_arising(s, meeting_id)
        self.model.read_only = self.meeting.minutes_approved
        self.model.arising = {entry.id: actions for entry, actions in paired if actions}
        self.model.set_rows([entry for entry, _ in paired])
        self._update_state()

    def reload(self, select_id: int | None = None) -> None:
        keep = select_id if select_id is not None else self.selected_id()
        self.load(self.meeting.id if self.meeting else None)
        if keep is not None:
            self.select_item(keep)

    def _update_state(self) -> None:
        rows = self.model.rows()
        editable = self.meeting is not None and not self.meeting.minutes_approved
        for b in (self.add_button, self.remove_button, self.up_button, self.down_button, self.template_button):
            b.setEnabled(editable)
        self.table.setDragEnabled(editable)
        if self.meeting is None:
            self.summary.setText("")
            return
        total = sum(r.duration_minutes or 0 for r in rows)
        if not rows:
            text = "No agenda yet: add items, or add the template items."
        else:
            end = rows[-1].ends_at
            text = f"{len(rows)} items · {total} minutes allotted · ends at {time_of_day(end)}"
            if self.meeting.ends_at and end > self.meeting.ends_at:
                over = int((end - self.meeting.ends_at).total_seconds() // 60)
                text += f" — {over} min past the booked end ({time_of_day(self.meeting.ends_at)})"
            elif self.meeting.ends_at:
                text += f" (booked until {time_of_day(self.meeting.ends_at)})"
        if self.meeting.minutes_approved:
            text += "   ·   Minutes approved: the agenda is read-only."
        self.summary.setText(text)

    # --- selection ----------------------------------------------------------------
    def selected_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def selected_id(self) -> int | None:
        row = self.selected_row()
        return self.model.row_at(row).id if row is not None else None

    def select_item(self, item_id: int) -> None:
        for n, entry in enumerate(self.model.rows()):
            if entry.id == item_id:
                self.table.selectRow(n)
                self.table.setCurrentIndex(self.model.index(n, COL_TITLE))
                return

    # --- changes ------------------------------------------------------------------
    def _after_change(self, select_id: int | None = None) -> None:
        self.reload(select_id)
        self.changed.emit()
        self.ctx.announce("agenda")

    def _edit(self, entry: AgendaEntry, field: str, value: object) -> None:
        def save(values: dict[str, object], version: int | None) -> AgendaEntry:
            with self.ctx.db.session() as s:
                return update_agenda_item(s, entry.id, values, expected_version=version)
        if save_with_locking(self, save, {field: value}, entry.version) is not None:
            QTimer.singleShot(0, lambda: self._after_change(entry.id))

    def add_item(self, title: str = "New item") -> AgendaEntry | None:
        if self.meeting is None:
            return None
        row = self.selected_row()
        position = row + 2 if row is not None else None
        meeting_id = self.meeting.id

        def add() -> AgendaEntry:
            with self.ctx.db.session() as s:
                return add_agenda_item(s, meeting_id, title=title, position=position)
        entry = run_or_warn(self, add)
        if entry is not None:
            self._after_change(entry.id)
            self.table.edit(self.model.index(entry.position - 1, COL_TITLE))
        return entry

    def remove_selected(self, *, confirm: bool = True) -> None:
        row = self.selected_row()
        if row is None or self.meeting is None:
            return
        entry = self.model.row_at(row)
        if confirm and (entry.minutes or entry.decision):
            answer = QMessageBox.question(
                self, "Remove agenda item",
                f"“{entry.title}” has minutes or a decision. Remove it and them?")
            if answer != QMessageBox.StandardButton.Yes:
                return

        def remove() -> None:
            with self.ctx.db.session() as s:
                remove_agenda_item(s, entry.id)
        run_or_warn(self, remove)
        self._after_change()
        if self.model.rowCount():
            self.table.selectRow(min(row, self.model.rowCount() - 1))

    def move_selected(self, offset: int) -> None:
        item_id = self.selected_id()
        if item_id is None:
            return

        def move() -> None:
            with self.ctx.db.session() as s:
                move_agenda_item(s, item_id, offset)
        run_or_warn(self, move)
        self._after_change(item_id)

    def move_row(self, source: int, target: int) -> None:
        """A drop: the item at ``source`` ends up at ``target`` (both 0-based)."""
        if self.meeting is None:
            return
        ids = [e.id for e in self.model.rows()]
        moved = ids.pop(source)
        ids.insert(target, moved)
        meeting_id = self.meeting.id

        def reorder() -> None:
            with self.ctx.db.session() as s:
                reorder_agenda(s, meeting_id, ids)
        run_or_warn(self, reorder)
        self._after_change(moved)

    def add_template(self) -> None:
        if self.meeting is None:
            return
        meeting_id = self.meeting.id

        def apply() -> None:
            with self.ctx.db.session() as s:
                apply_agenda_template(s, meeting_id, load_settings(s).agenda_template)
        run_or_warn(self, apply)
        self._after_change()

    def index_of(self, row: int, column: int = COL_TITLE) -> QModelIndex:
        return self.model.index(row, column)


