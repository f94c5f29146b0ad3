"""The Members screen: search as you type, filter by status and tag, sort any column."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from communitydesk.gui.context import AppContext
from communitydesk.gui.members.member_table_model import (
    COL_EMAIL,
    COL_FIRST,
    COL_LAST,
    COL_PHONE,
    COL_POSTCODE,
    COL_STATUS,
    MemberFilterProxy,
    MemberTableModel,
)
from communitydesk.gui.widgets import EmptyState, PageHeader
from communitydesk.services.members import list_members, list_tags

STATUSES = ("prospect", "active", "lapsed", "left")


class MembersPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = MemberTableModel(self)
        self.proxy = MemberFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.header = PageHeader("Members", "Everyone the group keeps in touch with")
        self.search = QLineEdit(placeholderText="Search names, email, phone, postcode, tags…  (Ctrl+F)")
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_search)
        self.status_filter = QComboBox()
        self.status_filter.addItem("All statuses", None)
        for status in STATUSES:
            self.status_filter.addItem(status.capitalize(), status)
        self.status_filter.currentIndexChanged.connect(
            lambda: self._apply(self.proxy.set_status, self.status_filter.currentData()))
        self.tag_filter = QComboBox()
        self.tag_filter.currentIndexChanged.connect(
            lambda: self._apply(self.proxy.set_tag, self.tag_filter.currentData()))
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")

        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.status_filter)
        filters.addWidget(self.tag_filter)
        filters.addWidget(self.count_label)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_LAST, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setWordWrap(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for col, width in ((COL_LAST, 140), (COL_FIRST, 130), (COL_EMAIL, 210), (COL_PHONE, 135),
                           (COL_POSTCODE, 85), (COL_STATUS, 80)):
            self.table.setColumnWidth(col, width)

        self.empty = EmptyState(
            "No members yet",
            "Add your first member, or bring in a contact list from Google, Mailchimp, "
            "Eventbrite or a spreadsheet.",
        )
        self.no_match = EmptyState("Nobody matches", "Try fewer letters, or clear the filters.")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.no_match)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 10)
        layout.addWidget(self.header)
        layout.addLayout(filters)
        layout.addWidget(self.stack, 1)

        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.focus_search)
        self.refresh()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def refresh(self) -> None:
        """Reload rows from the database (one short session)."""
        with self.ctx.db.session() as session:
            rows = list_members(session, sort=False)
            tags = list_tags(session)
        current_tag = self.tag_filter.currentData()
        self.tag_filter.blockSignals(True)
        self.tag_filter.clear()
        self.tag_filter.addItem("All tags", None)
        for tag in tags:
            self.tag_filter.addItem(tag, tag)
        index = self.tag_filter.findData(current_tag)
        self.tag_filter.setCurrentIndex(max(index, 0))
        self.tag_filter.blockSignals(False)
        self.model.set_rows(rows)
        self._update_counts()

    def _on_search(self, text: str) -> None:
        self._apply(self.proxy.set_search, text)

    def _apply(self, setter, value) -> None:  # noqa: ANN001
        setter(value)
        self._update_counts()

    def _update_counts(self) -> None:
        total = self.model.rowCount()
        shown = self.proxy.rowCount()
        self.count_label.setText(f"showing {shown:,} of {total:,}")
        if total == 0:
            self.stack.setCurrentWidget(self.empty)
        elif shown == 0:
            self.stack.setCurrentWidget(self.no_match)
        else:
            self.stack.setCurrentWidget(self.table)

    def selected_member_ids(self) -> list[int]:
        rows = {self.proxy.mapToSource(i).row() for i in self.table.selectionModel().selectedRows()}
        return [self.model.member_at(r).id for r in sorted(rows)]
