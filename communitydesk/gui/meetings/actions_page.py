"""The Actions screen: every open action (or all), overdue ones highlighted, filter by owner,
search, and mark done or dropped. Also the "Actions" tab on a member's record.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from communitydesk.gui.common.row_model import RowFilterProxy
from communitydesk.gui.common.shortcuts import press_on
from communitydesk.gui.common.widgets import EmptyState, PageHeader
from communitydesk.gui.context import AppContext
from communitydesk.gui.meetings.action_table_model import COL_OWNER, ActionTableModel, action_table
from communitydesk.gui.operations import Operation
from communitydesk.i18n import _, ngettext
from communitydesk.services.meetings.actions import ActionSummary, close_action, list_actions

NO_OWNER = -1


class ActionsPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._fixed_today = today
        self.model = ActionTableModel(self, today=today)
        self.proxy = RowFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self._owner: int | None = None

        self.header = PageHeader(_("Actions"), _("Who promised to do what, and by when"))
        self.done_button = QPushButton(_("Mark &done"))
        self.done_button.setObjectName("primary")
        self.done_button.setToolTip(_("Mark the selected actions done (Ctrl+Return)"))
        self.done_button.clicked.connect(lambda: self.close_selected("done"))
        self.dropped_button = QPushButton(_("Mark d&ropped"))
        self.dropped_button.clicked.connect(lambda: self.close_selected("dropped"))
        self.reopen_button = QPushButton(_("Re&open"))
        self.reopen_button.clicked.connect(lambda: self.close_selected("open"))
        for b in (self.reopen_button, self.dropped_button, self.done_button):
            self.header.add_widget(b)

        self.search = QLineEdit(placeholderText=_("Search actions, owners, meetings…  (Ctrl+F)"))
        self.search.setAccessibleName(_("Search actions"))
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_search)
        self.owner_filter = QComboBox()
        self.owner_filter.setAccessibleName(_("Owner"))
        self.owner_filter.setMinimumWidth(180)
        self.owner_filter.currentIndexChanged.connect(self._apply_filters)
        self.show_closed = QCheckBox(_("Show done and dropped"))
        self.show_closed.toggled.connect(self._apply_filters)
        self.overdue_only = QCheckBox(_("Overdue only"))
        self.overdue_only.toggled.connect(self._apply_filters)
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.owner_filter)
        filters.addWidget(self.overdue_only)
        filters.addWidget(self.show_closed)
        filters.addWidget(self.count_label)

        self.table = action_table(self.proxy)
        self.table.setAccessibleName(_("Actions"))
        self.empty = EmptyState(_("No open actions"), _("Actions raised in a meeting's minutes show here "
                                                  "until they are done or dropped."))
        self.no_match = EmptyState(_("No actions match"), _("Try another owner, or clear the search."))
        self.stack = QStackedWidget()
        for w in (self.table, self.empty, self.no_match):
            self.stack.addWidget(w)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 10)
        layout.addWidget(self.header)
        layout.addLayout(filters)
        layout.addWidget(self.stack, 1)
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.search.setFocus)
        press_on("Ctrl+Return", self.done_button, self.table, Qt.ShortcutContext.WidgetShortcut)
        self.refresh()

    def refresh(self) -> Operation:
        """Read every action (one read); the list shows them when they arrive."""
        self.loading = self.ctx.ops.read(list_actions, parent=self, done=self._show_rows,
                                         key=f"actions-{id(self)}")
        return self.loading

    def wait_until_loaded(self) -> None:
        self.ctx.ops.wait_idle()

    def _show_rows(self, rows: list[ActionSummary]) -> None:
        self.model.today = self._fixed_today or date.today()
        self.model.set_rows(rows)
        owners = sorted({(a.owner_id, a.owner_name) for a in rows if a.owner_id is not None},
                        key=lambda o: (o[1] or "").casefold())
        current = self.owner_filter.currentData()
        self.owner_filter.blockSignals(True)
        self.owner_filter.clear()
        self.owner_filter.addItem(_("Everyone"), None)
        self.owner_filter.addItem(_("No owner"), NO_OWNER)
        for owner_id, name in owners:
            self.owner_filter.addItem(name or f"#{owner_id}", owner_id)
        self.owner_filter.setCurrentIndex(max(self.owner_filter.findData(current), 0))
        self.owner_filter.blockSignals(False)
        self._apply_filters()

    def set_owner(self, owner_id: int | None) -> None:
        self.owner_filter.setCurrentIndex(max(self.owner_filter.findData(owner_id), 0))

    def _accept(self, a: ActionSummary) -> bool:
        if not self.show_closed.isChecked() and a.status != "open":
            return False
        if self.overdue_only.isChecked() and not a.is_overdue(self.model.today):
            return False
        owner = self.owner_filter.currentData()
        if owner == NO_OWNER:
            return a.owner_id is None
        return owner is None or a.owner_id == owner

    def _apply_filters(self) -> None:
        self.proxy.set_accept(self._accept)
        self._update_counts()

    def _on_search(self, text: str) -> None:
        self.proxy.set_search(text)
        self._update_counts()

    def _update_counts(self) -> None:
        shown = self.proxy.rowCount()
        open_rows = [a for a in self.model.rows() if a.status == "open"]
        overdue = sum(1 for a in open_rows if a.is_overdue(self.model.today))
        self.count_label.setText(_("showing {shown} · {open} open · {overdue} overdue").format(
            shown=f"{shown:,}", open=f"{len(open_rows):,}", overdue=f"{overdue:,}"))
        if not open_rows and not self.show_closed.isChecked():
            self.stack.setCurrentWidget(self.empty)
        elif shown == 0:
            self.stack.setCurrentWidget(self.no_match)
        else:
            self.stack.setCurrentWidget(self.table)

    def selected(self) -> list[ActionSummary]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.proxy.row_at(r) for r in rows]

    def close_selected(self, status: str) -> Operation | None:
        """Mark the selected actions in one write, then read the list again."""
        actions = self.selected()
        if not actions:
            return None

        def close(s: Session) -> int:
            for a in actions:
                close_action(s, a.id, status=status, expected_version=a.version)
            return len(actions)
        return self.ctx.ops.write(close, parent=self, done=lambda _count: self.refresh())


class MemberActionsPanel(QWidget):
    """A member's open actions, on their record."""

    def __init__(self, ctx: AppContext, member_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.member_id = member_id
        self.model = ActionTableModel(self)
        self.table = action_table(self.model)
        self.table.setAccessibleName(_("Actions"))
        self.table.setColumnHidden(COL_OWNER, True)
        self.summary = QLabel()
        self.summary.setObjectName("countLabel")
        self.empty = EmptyState(_("No open actions"), _("Actions this person takes on in meetings show here."))
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.stack, 1)
        self.refresh()

    def refresh(self) -> Operation:
        member_id = self.member_id
        self.loading = self.ctx.ops.read(
            lambda s: list_actions(s, open_only=True, owner_id=member_id), parent=self,
            done=self._show_rows, key=f"member-actions-{id(self)}")
        return self.loading

    def _show_rows(self, rows: list[ActionSummary]) -> None:
        self.model.set_rows(rows)
        overdue = sum(1 for a in rows if a.is_overdue(self.model.today))
        self.summary.setText(ngettext("{count} open action", "{count} open actions", len(rows)).format(
            count=len(rows)) + (", " + _("{count} overdue").format(count=overdue) if overdue else ""))
        self.summary.setVisible(bool(rows))
        self.stack.setCurrentWidget(self.table if rows else self.empty)
