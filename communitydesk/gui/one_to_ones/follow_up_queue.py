"""The follow-up queue: what is due by a date, per organiser or everyone; done, snooze, reassign, undo.

The queue and its organiser filter load in one read off the UI thread; every
action is one ``ctx.ops.write`` and the queue reloads when it has landed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from communitydesk.gui.common.dates import short_date
from communitydesk.gui.common.loading import Loader
from communitydesk.gui.common.row_model import RowFilterProxy
from communitydesk.gui.common.shortcuts import press_on
from communitydesk.gui.common.table_view import make_table_view
from communitydesk.gui.common.widgets import EmptyState, LocaleDateEdit
from communitydesk.gui.context import AppContext
from communitydesk.gui.one_to_ones.table_models import FollowUpTableModel
from communitydesk.gui.operations import Operation
from communitydesk.i18n import N_, _
from communitydesk.services.one_to_ones.follow_ups import (
    FollowUp,
    complete_follow_up,
    reassign_follow_up,
    reopen_follow_up,
    restore_follow_up_owner,
    snooze_follow_up,
)
from communitydesk.services.one_to_ones.views import FollowUpQueueView, follow_up_queue_view

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

LOOK_AHEAD = ((N_("Due and overdue"), 0), (N_("… and the next 7 days"), 7), (N_("… and the next 30 days"), 30))


class FollowUpQueue(QWidget):
    loaded = Signal()  # the rows on screen changed (the page puts the count on its tab)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.loader = Loader(self, ctx)
        self._undo: Callable[[Session], object] | None = None
        self._action: Operation | None = None  # the write in flight: Ctrl+D twice is one "done"
        self.model = FollowUpTableModel(self)
        self.proxy = RowFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.on_date = LocaleDateEdit(QDate.currentDate())
        self.on_date.setAccessibleName(_("Due by"))
        self.on_date.dateChanged.connect(self.refresh)
        self.organiser = QComboBox()
        self.organiser.setAccessibleName(_("Organiser"))
        self.organiser.setMinimumWidth(200)
        self.organiser.currentIndexChanged.connect(self.refresh)
        self.ahead = QComboBox()
        self.ahead.setAccessibleName(_("Look ahead"))
        for label, days in LOOK_AHEAD:
            self.ahead.addItem(_(label), days)
        self.ahead.currentIndexChanged.connect(self.refresh)
        self.search = QLineEdit(placeholderText=_("Find a person or next step…"))
        self.search.setAccessibleName(_("Find a person or next step"))
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_search)
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        filters = QHBoxLayout()
        filters.addWidget(QLabel(_("Due by")))
        filters.addWidget(self.on_date)
        filters.addWidget(self.ahead)
        filters.addWidget(QLabel(_("for")))
        filters.addWidget(self.organiser)
        filters.addWidget(self.search, 1)
        filters.addWidget(self.count_label)

        self.table = make_table_view(self.proxy, {0: 95, 1: 120, 2: 170, 3: 300, 4: 150})
        self.table.setAccessibleName(_("Follow-ups"))
        self.table.sortByColumn(FollowUpTableModel.COL_DATE, Qt.SortOrder.AscendingOrder)
        self.table.doubleClicked.connect(lambda _i: self.open_conversation())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.empty = EmptyState(_("Nothing due"), _("No follow-ups are due by this date. Log a one-to-one "
                                              "with a follow-up date and it will appear here when it is due."))
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)

        self.done_button = QPushButton(_("Done"))
        self.done_button.setToolTip(_("Mark the follow-up done (Ctrl+D)"))
        self.done_button.clicked.connect(self.mark_done)
        self.snooze_button = QToolButton()
        self.snooze_button.setText(_("Snooze"))
        self.snooze_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.snooze_button)
        for label, days in ((_("1 week"), 7), (_("2 weeks"), 14), (_("1 month"), 30)):
            menu.addAction(label, lambda days=days: self.snooze_days(days))
        menu.addAction(_("Choose a date…"), self.snooze_choose)
        self.snooze_button.setMenu(menu)
        self.reassign_button = QPushButton(_("Rea&ssign…"))
        self.reassign_button.clicked.connect(self.reassign_dialog)
        self.open_button = QPushButton(_("&Open conversation"))
        self.open_button.clicked.connect(self.open_conversation)
        self.next_button = QPushButton(_("Log the &next one-to-one…"))
        self.next_button.setToolTip(_("Log the new conversation; this follow-up is then marked done"))
        self.next_button.clicked.connect(self.log_next)
        self.undo_label = QLabel()
        self.undo_button = QPushButton(_("Undo"))
        self.undo_button.clicked.connect(self.undo)
        actions = QHBoxLayout()
        for w in (self.done_button, self.snooze_button, self.reassign_button, self.open_button, self.next_button):
            actions.addWidget(w)
        from communitydesk.gui.outreach.hooks import follow_ups_email_button  # #18
        self.email_button = follow_ups_email_button(ctx, self, self.visible_rows)
        actions.addWidget(self.email_button)
        actions.addStretch(1)
        actions.addWidget(self.undo_label)
        actions.addWidget(self.undo_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.stack, 1)
        layout.addLayout(actions)
        QWidget.setTabOrder(self.next_button, self.email_button)  # #19: after the row's other buttons
        press_on("Ctrl+D", self.done_button, self)
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.table, activated=self.open_conversation,
                  context=Qt.ShortcutContext.WidgetShortcut)  # Return in the date box stays there
        self._show_undo(None, "")
        self.refresh()

    # --- data ------------------------------------------------------------------------
    def on(self) -> date:
        return self.on_date.date().toPython()

    def set_date(self, day: date) -> None:
        self.on_date.setDate(QDate(day.year, day.month, day.day))

    def set_organiser(self, organiser_id: int | None) -> None:
        self.organiser.setCurrentIndex(max(self.organiser.findData(organiser_id), 0))

    def refresh(self) -> Operation:
        on, organiser_id, within_days = self.on(), self.organiser.currentData(), self.ahead.currentData() or 0
        return self.loader.read(
            lambda session: follow_up_queue_view(session, on=on, organiser_id=organiser_id,
                                                 within_days=within_days),
            lambda view: self._show(view, organiser_id), on, organiser_id, within_days)

    def _show(self, view: FollowUpQueueView, organiser_id: int | None) -> None:
        self.organiser.blockSignals(True)
        self.organiser.clear()
        self.organiser.addItem(_("Everyone"), None)
        for member_id, name in view.organisers:
            self.organiser.addItem(name, int(member_id))
        self.organiser.setCurrentIndex(max(self.organiser.findData(organiser_id), 0))
        self.organiser.blockSignals(False)
        self.model.set_rows(list(view.rows))
        self.table.doItemsLayout()  # rows, header and scroll bar laid out now: one paint, not two
        self._update_counts()
        self.loaded.emit()

    def wait_until_loaded(self) -> None:
        self.loader.wait()

    def visible_rows(self) -> list[FollowUp]:
        return [self.proxy.row_at(r) for r in range(self.proxy.rowCount())]

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)

    def selected(self) -> FollowUp | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        return self.proxy.row_at(rows[0].row())

    def _on_search(self, text: str) -> None:
        self.proxy.set_search(text)
        self._update_counts()

    def _update_counts(self) -> None:
        rows = self.model.rows()
        overdue = sum(1 for f in rows if f.days_overdue > 0)
        self.count_label.setText(_("{due} due · {overdue} overdue").format(due=len(rows), overdue=overdue))
        self.stack.setCurrentWidget(self.table if rows else self.empty)
        self._update_buttons()

    def _update_buttons(self) -> None:
        has = self.selected() is not None
        for w in (self.done_button, self.snooze_button, self.reassign_button, self.open_button, self.next_button):
            w.setEnabled(has)

    # --- actions ---------------------------------------------------------------------
    # The dialogs are imported when first opened: opening the page imports only the queue.
    def _run(self, action: Callable[[Session], object], undo: Callable[[Session], object] | None,
             message: str) -> Operation:
        """One write; when it has landed, offer its undo and reload the queue."""
        if self._action is not None and not self._action.is_done:
            return self._action

        def landed(_result: object) -> None:
            self._show_undo(undo, message)
            self.refresh()

        self._action = self.ctx.ops.write(action, parent=self, done=landed)
        return self._action

    def _show_undo(self, undo: Callable[[Session], object] | None, message: str) -> None:
        self._undo = undo
        self.undo_label.setText(message)
        self.undo_button.setVisible(undo is not None)

    def undo(self) -> Operation | None:
        if self._undo is None:
            return None
        undo, self._undo = self._undo, None
        self.undo_button.setVisible(False)  # one undo, even if clicked twice before it lands
        return self._run(undo, None, _("Undone"))

    def mark_done(self) -> Operation | None:
        item = self.selected()
        if item is None:
            return None
        return self._run(lambda s: complete_follow_up(s, item.id),
                         lambda s: reopen_follow_up(s, item.id), _("Done: {name}").format(name=item.member_name))

    def snooze(self, until: date) -> Operation | None:
        item = self.selected()
        if item is None:
            return None
        old = item.follow_up_on
        return self._run(lambda s: snooze_follow_up(s, item.id, until=until),
                         lambda s: snooze_follow_up(s, item.id, until=old),
                         _("{name}: now due {date}").format(name=item.member_name, date=short_date(until)))

    def snooze_days(self, days: int) -> Operation | None:
        """Snooze from the later of the queue date and the current follow-up date."""
        item = self.selected()
        if item is None:
            return None
        return self.snooze(max(self.on(), item.follow_up_on) + timedelta(days=days))

    def snooze_choose(self) -> None:
        if self.selected() is not None:
            from communitydesk.gui.one_to_ones.pickers import SnoozeDateDialog

            until = SnoozeDateDialog.ask(start=self.on() + timedelta(days=7), parent=self)
            if until is not None:
                self.snooze(until)

    def reassign(self, organiser_id: int) -> Operation | None:
        item = self.selected()
        if item is None:
            return None
        before = item.conversation.follow_up_by_id
        return self._run(lambda s: reassign_follow_up(s, item.id, organiser_id=organiser_id),
                         lambda s: restore_follow_up_owner(s, item.id, follow_up_by_id=before),
                         _("{name}: follow-up handed on").format(name=item.member_name))

    def reassign_dialog(self) -> Operation | None:
        item = self.selected()
        if item is None:
            return None
        from communitydesk.gui.one_to_ones.pickers import ReassignDialog

        organiser_id = ReassignDialog.ask(ctx=self.ctx, person=item.member_name, parent=self)
        return self.reassign(organiser_id) if organiser_id is not None else None

    def open_conversation(self) -> None:
        item = self.selected()
        from communitydesk.gui.one_to_ones.one_to_one_dialog import OneToOneDialog

        if item is not None and OneToOneDialog.ask(self.ctx, self, one_to_one_id=item.id, today=self.on()):
            self.refresh()

    def log_next(self) -> Operation | None:
        """Log the conversation that follows this one up; the follow-up is then done (with undo)."""
        item = self.selected()
        from communitydesk.gui.one_to_ones.one_to_one_dialog import OneToOneDialog

        if item is not None and OneToOneDialog.ask(self.ctx, self, member_id=item.member_id, today=self.on()):
            return self._run(lambda s: complete_follow_up(s, item.id), lambda s: reopen_follow_up(s, item.id),
                             _("Logged; follow-up of {name} done").format(name=item.member_name))
        return None
