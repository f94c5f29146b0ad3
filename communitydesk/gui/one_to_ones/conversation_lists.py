"""Two lists on the One-to-ones screen: every conversation, and the people to talk to next.

Neither shows confidential notes: a conversation's notes open only in its own
dialog, under the confidential marker. Both load off the UI thread (``Loader``).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from communitydesk.gui.common.dates import long_date
from communitydesk.gui.common.dialogs import confirm as ask
from communitydesk.gui.common.loading import Loader
from communitydesk.gui.common.row_model import RowFilterProxy
from communitydesk.gui.common.table_view import make_table_view
from communitydesk.gui.common.widgets import EmptyState, LocaleDateEdit
from communitydesk.gui.context import AppContext
from communitydesk.gui.one_to_ones.one_to_one_dialog import OneToOneDialog
from communitydesk.gui.one_to_ones.table_models import ConversationTableModel, QuietMemberTableModel
from communitydesk.gui.operations import Operation
from communitydesk.i18n import _, ngettext
from communitydesk.services.one_to_ones.conversations import delete_one_to_one, list_one_to_ones
from communitydesk.services.one_to_ones.follow_ups import came_without_one_to_one, not_spoken_to


def _search_box(hint: str) -> QLineEdit:
    box = QLineEdit(placeholderText=hint)
    box.setObjectName("search")
    box.setClearButtonEnabled(True)
    return box


def _selected(table, proxy: RowFilterProxy):  # noqa: ANN001, ANN202
    rows = table.selectionModel().selectedRows()
    return proxy.row_at(rows[0].row()) if rows else None


class _SearchedList(QWidget):
    """What both lists share: rows that arrive from ``loader``, a search box over them, a count,
    and an empty state instead of an empty table. Subclasses say how the count reads."""

    table: QTableView
    stack: QStackedWidget
    empty: EmptyState

    def __init__(self, ctx: AppContext, model_type: type, search_hint: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.loader = Loader(self, ctx)
        self.model: ConversationTableModel | QuietMemberTableModel = model_type(self)
        self.proxy = RowFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.search = _search_box(search_hint)
        self.search.textChanged.connect(self._on_search)
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")

    def _lay_out(self, top: QHBoxLayout, empty: EmptyState, buttons: list[QPushButton]) -> None:
        """``top`` (its own controls), then the search box and the count; the table, or ``empty``
        when there are no rows; ``buttons`` under them, on the left."""
        top.addWidget(self.search, 1)
        top.addWidget(self.count_label)
        self.empty = empty
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        row = QHBoxLayout()
        for button in buttons:
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        layout.addLayout(row)

    def _count_text(self) -> str:
        raise NotImplementedError

    def _show_rows(self, rows: list) -> None:
        self.model.set_rows(rows)
        self.table.doItemsLayout()  # rows, header and scroll bar laid out now: one paint, not two
        self._update_counts()

    def wait_until_loaded(self) -> None:
        self.loader.wait()

    def _on_search(self, text: str) -> None:
        self.proxy.set_search(text)
        self._update_counts()

    def _update_counts(self) -> None:
        self.count_label.setText(self._count_text())
        self.stack.setCurrentWidget(self.table if self.model.rowCount() else self.empty)


class ConversationList(_SearchedList):
    """Every conversation, newest first; open to read or edit, delete with confirmation."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, load: bool = True) -> None:
        super().__init__(ctx, ConversationTableModel, _("Find by person, organiser, next step, stage…"), parent)
        self.table = make_table_view(self.proxy, {0: 95, 1: 170, 2: 150, 3: 120, 4: 280, 5: 100})
        self.table.setAccessibleName(_("Conversations"))
        self.table.sortByColumn(ConversationTableModel.COL_DATE, Qt.SortOrder.DescendingOrder)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        open_button = QPushButton(_("Open"))
        open_button.clicked.connect(self.open_selected)
        delete_button = QPushButton(_("Delete…"))
        delete_button.clicked.connect(self.delete_selected)
        self._lay_out(QHBoxLayout(), EmptyState(_("No one-to-ones yet"), _(
            "Log your first conversation with “Log a one-to-one” (Ctrl+L). The notes stay confidential.")),
            [open_button, delete_button])
        # On the table only: Return or Delete typed in the search box must not open or delete.
        for keys, slot in ((QKeySequence(Qt.Key.Key_Return), self.open_selected),
                           (QKeySequence(QKeySequence.StandardKey.Delete), self.delete_selected)):
            QShortcut(keys, self.table, activated=slot, context=Qt.ShortcutContext.WidgetShortcut)
        if load:
            self.refresh()

    def refresh(self) -> Operation:
        return self.loader.read(list_one_to_ones, self._show_rows)

    def _count_text(self) -> str:
        return _("showing {shown} of {total}").format(
            shown=f"{self.proxy.rowCount():,}", total=f"{self.model.rowCount():,}")

    def selected(self):  # noqa: ANN201
        return _selected(self.table, self.proxy)

    def open_selected(self) -> None:
        item = self.selected()
        if item is not None and OneToOneDialog.ask(self.ctx, self, one_to_one_id=item.id):
            self.refresh()

    def delete_selected(self, *, confirm: bool = True) -> Operation | None:
        """Delete after a question; the running delete, or None if nothing was chosen or confirmed."""
        item = self.selected()
        if item is None:
            return None
        if confirm and not ask(
                self, _("Delete one-to-one"),
                _("Delete the one-to-one with {name} on {date}, with its notes and follow-up?\n\n"
                  "Ladder moves it caused are kept.").format(name=item.member_name, date=long_date(item.held_on)),
                _("Delete")):
            return None
        one_to_one_id = item.id
        return self.ctx.ops.write(lambda session: delete_one_to_one(session, one_to_one_id), parent=self,
                                  done=lambda _summary: self.refresh())


MODE_QUIET, MODE_CAME = "quiet", "came"


class ReachOutList(_SearchedList):
    """People to talk to next: active members not spoken to lately, or regulars never met one-to-one."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, load: bool = True) -> None:
        super().__init__(ctx, QuietMemberTableModel, _("Find…"), parent)
        self.mode = QComboBox()
        self.mode.addItem(_("Active members not spoken to in"), MODE_QUIET)
        self.mode.addItem(_("Came to meetings, never had a one-to-one: at least"), MODE_CAME)
        self.amount = QSpinBox()
        self.amount.setRange(1, 120)
        self.amount.setValue(6)
        self.unit = QLabel(_("months"))
        self.on_date = LocaleDateEdit(QDate.currentDate())
        self.mode.currentIndexChanged.connect(self._mode_changed)
        self.amount.valueChanged.connect(self.refresh)
        self.on_date.dateChanged.connect(self.refresh)
        top = QHBoxLayout()
        for w in (self.mode, self.amount, self.unit, QLabel(_("as of")), self.on_date):
            top.addWidget(w)
        self.table = make_table_view(self.proxy, {0: 190, 1: 80, 2: 110, 3: 125, 4: 140})
        self.table.setAccessibleName(_("People to reach out to"))
        self.table.sortByColumn(QuietMemberTableModel.COL_LAST_TALK, Qt.SortOrder.AscendingOrder)
        for column in (QuietMemberTableModel.COL_MEETINGS, QuietMemberTableModel.COL_LAST_CAME):
            self.table.setColumnHidden(column, True)
        self.table.doubleClicked.connect(lambda _i: self.log_selected())
        log_button = QPushButton(_("Log a one-to-one with them…"))
        log_button.clicked.connect(self.log_selected)
        self._lay_out(top, EmptyState(_("Nobody here"), _("Everyone in this list has had a recent one-to-one.")),
                      [log_button])
        if load:
            self.refresh()

    def set_mode(self, mode: str, amount: int) -> None:
        self.mode.setCurrentIndex(self.mode.findData(mode))
        self.amount.setValue(amount)
        self.refresh()

    def set_date(self, day: date) -> None:
        self.on_date.setDate(QDate(day.year, day.month, day.day))

    def _mode_changed(self) -> None:
        quiet = self.mode.currentData() == MODE_QUIET
        self.amount.blockSignals(True)
        self.amount.setValue(6 if quiet else 2)
        self.amount.blockSignals(False)
        self.unit.setText(_("months") if quiet else _("meetings"))
        for column in (QuietMemberTableModel.COL_MEETINGS, QuietMemberTableModel.COL_LAST_CAME):
            self.table.setColumnHidden(column, quiet)
        if quiet:
            self.table.sortByColumn(QuietMemberTableModel.COL_LAST_TALK, Qt.SortOrder.AscendingOrder)
        else:
            self.table.sortByColumn(QuietMemberTableModel.COL_MEETINGS, Qt.SortOrder.DescendingOrder)
        self.refresh()

    def refresh(self) -> Operation:
        """Counting the register takes a moment: the runner shows a busy cursor if it is slow."""
        on, mode, amount = self.on_date.date().toPython(), self.mode.currentData(), self.amount.value()
        if mode == MODE_QUIET:
            def people(session):  # noqa: ANN001, ANN202 - runs on the worker
                return not_spoken_to(session, on=on, months=amount)
        else:
            def people(session):  # noqa: ANN001, ANN202 - runs on the worker
                return came_without_one_to_one(session, on=on, min_meetings=amount)
        return self.loader.read(people, self._show_rows, on, mode, amount)

    def _count_text(self) -> str:
        return ngettext("{count} person", "{count} people", self.model.rowCount()).format(
            count=f"{self.model.rowCount():,}")

    def log_selected(self) -> None:
        person = _selected(self.table, self.proxy)
        if person is not None and OneToOneDialog.ask(self.ctx, self, member_id=person.member_id,
                                                     today=self.on_date.date().toPython()):
            self.refresh()
