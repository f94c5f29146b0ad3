"""The agenda editor: ordered items, reorder by drag or Ctrl+Up/Down, presenter and minutes
allotted edited in place, a running end time, and the group's agenda template.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from communitydesk.gui.common.dates import time_of_day
from communitydesk.gui.common.dialogs import confirm as ask
from communitydesk.gui.common.saving import save_versioned_edit
from communitydesk.gui.context import AppContext
from communitydesk.gui.meetings.agenda_table_model import (
    COL_MINUTES,
    COL_NUMBER,
    COL_PRESENTER,
    COL_TIME,
    COL_TITLE,
    AgendaTableModel,
)
from communitydesk.gui.operations import Operation
from communitydesk.i18n import _, ngettext
from communitydesk.services.meetings.agenda import (
    AgendaEntry,
    add_agenda_item,
    apply_agenda_template,
    move_agenda_item,
    remove_agenda_item,
    reorder_agenda,
    update_agenda_item,
)
from communitydesk.services.meetings.planning import MeetingDetail
from communitydesk.services.meetings.view import MeetingView
from communitydesk.services.settings.group_settings import load_settings


class AgendaEditor(QWidget):
    """``changed(select_id)``: a write landed; the editor reads the meeting again."""

    changed = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.meeting: MeetingDetail | None = None
        self._edit_title_of: int | None = None  # a new item whose title opens for typing
        self.model = AgendaTableModel(self)
        self.model.on_edit = self._edit
        self.model.on_move = lambda source, target: QTimer.singleShot(0, lambda: self.move_row(source, target))

        self.table = QTableView()
        self.table.setAccessibleName(_("Agenda items"))
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

        self.add_button = QPushButton(_("A&dd item"))
        self.add_button.setToolTip(_("Add an item after the selected one (Insert)"))
        self.add_button.clicked.connect(self.add_item)
        self.remove_button = QPushButton(_("Rem&ove"))
        self.remove_button.setToolTip(_("Remove the selected item (Delete)"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.up_button = QPushButton(_("▲ Up"))
        self.up_button.setToolTip(_("Move the selected item up (Ctrl+Up), or drag it"))
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button = QPushButton(_("▼ Down"))
        self.down_button.setToolTip(_("Move the selected item down (Ctrl+Down), or drag it"))
        self.down_button.clicked.connect(lambda: self.move_selected(1))
        self.template_button = QPushButton(_("Add template item&s"))
        self.template_button.setToolTip(_("Add the standard agenda items this meeting does not have yet"))
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
    def show_view(self, view: MeetingView | None, select_id: int | None = None) -> None:
        """Show the agenda of the meeting its editor read, keeping (or moving) the selection."""
        same = view is not None and self.meeting is not None and view.detail.id == self.meeting.id
        keep = select_id if select_id is not None else (self.selected_id() if same else None)
        self.meeting = view.detail if view is not None else None
        self.model.read_only = self.meeting is None or self.meeting.minutes_approved
        self.model.arising = {item: list(actions) for item, actions in view.arising_by_item.items()} \
            if view is not None else {}
        self.model.set_rows(list(view.agenda) if view is not None else [])
        self._update_state()
        if keep is not None:
            self.select_item(keep)
        if self._edit_title_of is not None and self._edit_title_of == keep:
            self._edit_title_of = None
            row = self.selected_row()
            if row is not None:
                self.table.edit(self.model.index(row, COL_TITLE))

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
            text = _("No agenda yet: add items, or add the template items.")
        else:
            end = rows[-1].ends_at
            text = ngettext("{count} item · {minutes} minutes allotted · ends at {time}",
                            "{count} items · {minutes} minutes allotted · ends at {time}",
                            len(rows)).format(count=len(rows), minutes=total, time=time_of_day(end))
            if self.meeting.ends_at and end > self.meeting.ends_at:
                over = int((end - self.meeting.ends_at).total_seconds() // 60)
                text += " — " + _("{over} min past the booked end ({time})").format(
                    over=over, time=time_of_day(self.meeting.ends_at))
            elif self.meeting.ends_at:
                text += " " + _("(booked until {time})").format(time=time_of_day(self.meeting.ends_at))
        if self.meeting.minutes_approved:
            text += "   ·   " + _("Minutes approved: the agenda is read-only.")
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

    # --- changes: each is one write, then the editor reads the meeting again --------
    def _write(self, change: Callable[[Session], object], *, select: Callable[[object], int | None]
               = lambda _result: None) -> Operation:
        return self.ctx.ops.write(change, parent=self,
                                  done=lambda result: self.changed.emit(select(result)))

    def _edit(self, entry: AgendaEntry, field: str, value: object) -> None:
        def save(s: Session, values: dict[str, object], version: int | None) -> AgendaEntry:
            return update_agenda_item(s, entry.id, values, expected_version=version)
        save_versioned_edit(self.ctx, self, save, {field: value}, entry.version,
                            done=lambda saved: self.changed.emit(saved.id))

    def add_item(self, title: str | None = None) -> Operation | None:
        """Add an item after the selected one; its title opens for typing once it shows."""
        if self.meeting is None:
            return None
        row = self.selected_row()
        position = row + 2 if row is not None else None
        meeting_id = self.meeting.id
        default_title = _("New item")  # taken on the UI thread; the worker only uses it

        def added(entry: AgendaEntry) -> int:
            self._edit_title_of = entry.id
            return entry.id
        return self._write(lambda s: add_agenda_item(s, meeting_id, title=title or default_title, position=position),
                           select=lambda entry: added(entry))  # type: ignore[arg-type]

    def remove_selected(self, *, confirm: bool = True) -> Operation | None:
        row = self.selected_row()
        if row is None or self.meeting is None:
            return None
        entry = self.model.row_at(row)
        if confirm and (entry.minutes or entry.decision) and not ask(
                self, _("Remove agenda item"),
                _("“{title}” has minutes or a decision. Remove it and them?").format(title=entry.title),
                _("Remove")):
            return None
        rows = self.model.rows()
        neighbour = rows[row + 1].id if row + 1 < len(rows) else (rows[row - 1].id if row else None)
        return self._write(lambda s: remove_agenda_item(s, entry.id), select=lambda _r: neighbour)

    def move_selected(self, offset: int) -> Operation | None:
        item_id = self.selected_id()
        if item_id is None:
            return None
        return self._write(lambda s: move_agenda_item(s, item_id, offset), select=lambda _r: item_id)

    def move_row(self, source: int, target: int) -> Operation | None:
        """A drop: the item at ``source`` ends up at ``target`` (both 0-based)."""
        if self.meeting is None:
            return None
        ids = [e.id for e in self.model.rows()]
        moved = ids.pop(source)
        ids.insert(target, moved)
        meeting_id = self.meeting.id
        return self._write(lambda s: reorder_agenda(s, meeting_id, ids), select=lambda _r: moved)

    def add_template(self) -> Operation | None:
        if self.meeting is None:
            return None
        meeting_id = self.meeting.id
        return self._write(lambda s: apply_agenda_template(s, meeting_id, load_settings(s).agenda_template))

    def index_of(self, row: int, column: int = COL_TITLE) -> QModelIndex:
        return self.model.index(row, column)


