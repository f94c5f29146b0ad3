"""The Members screen: search as you type, filter by status and tag, sort any column,
open a record, bulk tag/status changes, import, export and possible duplicates.

Keys: Ctrl+F search, Ctrl+N new member, Enter opens the selected member,
Ctrl+I import, Ctrl+E export the members shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from communitydesk.gui.common.loading import FirstRead
from communitydesk.gui.common.row_model import ID_ROLE
from communitydesk.gui.common.shortcuts import press_on
from communitydesk.gui.common.shown_values import MEMBER_STATUS, shown
from communitydesk.gui.common.widgets import EmptyState, PageHeader
from communitydesk.gui.context import AppContext
from communitydesk.gui.dues.member_filter import (
    DuesStateFilter,  # #17: with the page's code, on a worker
)
from communitydesk.gui.members.list_actions import STATUSES, MemberListActions
from communitydesk.gui.members.member_panels import warm_modules
from communitydesk.gui.members.member_table_model import (
    COL_EMAIL,
    COL_FIRST,
    COL_JOINED,
    COL_LAST,
    COL_PHONE,
    COL_POSTCODE,
    COL_STATUS,
    MemberFilterProxy,
    MemberTableModel,
)
from communitydesk.gui.outreach import email_people
from communitydesk.i18n import _, ngettext
from communitydesk.services.members.records import (
    MemberSummary,
    list_members,
    list_tags,
    member_search_text,
)

if TYPE_CHECKING:  # dialogs load when first opened, not at start-up
    from collections.abc import Callable

    from sqlalchemy.orm import Session

    from communitydesk.gui.members.member_dialog import MemberDialog
    from communitydesk.gui.operations import Operation
    from communitydesk.gui.warm_up import WarmUp


Loaded = tuple[list[MemberSummary], list[str], list[str], tuple | None]  # rows, tags, texts, order


def _read_members(session: Session) -> tuple[list[MemberSummary], list[str], list[str]]:
    """The rows, the tags, and each row's search text: folding 20,000 names on the worker
    keeps the first keystroke in the search box from freezing the window."""
    rows = list_members(session, sort=False)
    return rows, list_tags(session), [member_search_text(m) for m in rows]


def _read_sorted(session: Session, presort: Callable) -> Loaded:
    """``_read_members`` in the list's current order, sorted on the worker too."""
    rows, tags, texts = _read_members(session)
    rows, texts, sorted_by = presort(rows, texts)
    return rows, tags, texts, sorted_by


class MembersPage(MemberListActions, QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = MemberTableModel(self)
        self.proxy = MemberFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.dialog: QWidget | None = None
        self.tags: list[str] = []

        self.header = PageHeader(_("Members"), _("Everyone the group keeps in touch with"))
        self._build_actions()
        self.search = QLineEdit(placeholderText=_("Search names, email, phone, postcode, tags…  (Ctrl+F)"))
        self.search.setObjectName("search")
        self.search.setAccessibleName(_("Search members"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_search)
        self.status_filter = QComboBox()
        self.status_filter.setAccessibleName(_("Status"))
        self.status_filter.addItem(_("All statuses"), None)
        for status in STATUSES:
            self.status_filter.addItem(shown(MEMBER_STATUS, status), status)
        self.status_filter.currentIndexChanged.connect(
            lambda: self._apply(self.proxy.set_status, self.status_filter.currentData()))
        self.tag_filter = QComboBox()
        self.tag_filter.setAccessibleName(_("Tag"))
        self.tag_filter.setMinimumContentsLength(10)
        self.tag_filter.addItem(_("All tags"), None)
        self.tag_filter.currentIndexChanged.connect(
            lambda: self._apply(self.proxy.set_tag, self.tag_filter.currentData()))
        self.show_archived = QCheckBox(_("Show archived"))
        self.show_archived.toggled.connect(lambda on: self._apply(self.proxy.set_show_archived, on))
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")

        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.status_filter)
        filters.addWidget(self.tag_filter)
        dues_filter = DuesStateFilter(self)
        filters.addWidget(dues_filter)
        filters.addWidget(self.show_archived)
        filters.addWidget(self.count_label)

        self.table = QTableView()
        self.table.setAccessibleName(_("Members"))
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
        self.table.doubleClicked.connect(self._open_index)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(
            lambda pos: self.bulk_menu.exec(self.table.viewport().mapToGlobal(pos)))
        self.table.selectionModel().selectionChanged.connect(self._update_selection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for col, width in ((COL_LAST, 130), (COL_FIRST, 130), (COL_EMAIL, 210), (COL_PHONE, 130),
                           (COL_POSTCODE, 80), (COL_STATUS, 75), (COL_JOINED, 90)):
            self.table.setColumnWidth(col, max(width, self._text_width(col)))

        self.empty = EmptyState(
            _("No members yet"),
            _("Add your first member with New member (Ctrl+N), or bring in a contact list from "
              "Google Contacts, Mailchimp, Eventbrite or a spreadsheet with Import (Ctrl+I)."),
        )
        self.no_match = EmptyState(_("Nobody matches"), _("Try fewer letters, or clear the filters."))
        self.waiting = EmptyState(_("Loading members…"), "")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.no_match)
        self.stack.addWidget(self.waiting)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 10)
        layout.addWidget(self.header)
        layout.addLayout(filters)
        layout.addWidget(self.stack, 1)
        QWidget.setTabOrder(self.tag_filter, dues_filter)  # #19: Tab follows the filter row

        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.focus_search)
        press_on("Ctrl+N", self.new_button, self)
        press_on("Ctrl+I", self.import_button, self)
        QShortcut(QKeySequence("Ctrl+E"), self, activated=lambda: self.export_dialog(shown_only=True))
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            QShortcut(QKeySequence(key), self.table, activated=self.open_selected,
                      context=Qt.ShortcutContext.WidgetShortcut)
        self.search.returnPressed.connect(self._search_enter)
        # The page never forces the window wider than the user wants (small laptop screens).
        policy = self.sizePolicy()
        policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
        self.setSizePolicy(policy)
        self.loaded = False  # until the first load arrives the page says "Loading members…"
        self.loading: Operation | None = None  # the newest load in flight
        self.exported: int | None = None  # how many members the last export wrote
        self.select_after_load: int | None = None  # a member just saved, selected once listed
        self.warm: WarmUp | None = None  # importing the member record's code in the background
        self._update_counts()  # "Loading members…" until the first read arrives
        self._first_read = FirstRead(self, self.refresh)  # after the page's first paint (#14)

    def _text_width(self, col: int) -> int:
        """Room for the column's header, and for every status name in the status column: the
        same column is wider in Polish or Ukrainian than in English (#19)."""
        texts = [str(self.model.headerData(col, Qt.Orientation.Horizontal))]
        if col == COL_STATUS:
            texts += [shown(MEMBER_STATUS, status) for status in STATUSES]
        return max(self.table.fontMetrics().horizontalAdvance(text) for text in texts) + 28

    def _build_actions(self) -> None:
        self.new_button = QPushButton(_("New member"))
        self.new_button.setObjectName("primary")
        self.new_button.setToolTip(_("Add a member (Ctrl+N)"))
        self.new_button.clicked.connect(self.new_member)
        self.import_button = QPushButton(_("Import…"))
        self.import_button.setToolTip(_("Google Contacts, Mailchimp, Eventbrite, spreadsheets, vCards (Ctrl+I)"))
        self.import_button.clicked.connect(self.import_members)
        self.export_button = QToolButton()
        self.export_button.setText(_("Export"))
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        export_menu = QMenu(self.export_button)
        self.export_shown_action = export_menu.addAction(
            _("Export the members shown…"), lambda: self.export_dialog(shown_only=True))
        export_menu.addAction(_("Export everyone…"), lambda: self.export_dialog(shown_only=False))
        export_menu.addSeparator()  # #18: the people shown, by email through the user's mail program
        self.email_shown_action = export_menu.addAction(_("Email the members shown…"), lambda: email_people(
            self.ctx, self.shown_member_ids(), about="members shown", parent=self))
        self.export_button.setMenu(export_menu)
        self.duplicates_button = QPushButton(_("&Duplicates…"))
        self.duplicates_button.setToolTip(_("Members who may be on the list twice"))
        self.duplicates_button.clicked.connect(self.show_duplicates)
        self.bulk_button = QToolButton()
        self.bulk_button.setText(_("Selected"))
        self.bulk_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.bulk_menu = QMenu(self.bulk_button)
        self.bulk_menu.addAction(_("Open"), self.open_selected)
        self.bulk_menu.addAction(_("Email…"), lambda: email_people(  # #18
            self.ctx, self.selected_member_ids(), about="selected members", parent=self))
        self.bulk_menu.addSeparator()
        self.bulk_menu.addAction(_("Add a tag…"), lambda: self.bulk_tag(add=True))
        self.bulk_menu.addAction(_("Remove a tag…"), lambda: self.bulk_tag(add=False))
        status_menu = self.bulk_menu.addMenu(_("Set status"))
        for status in STATUSES:
            status_menu.addAction(shown(MEMBER_STATUS, status), lambda s=status: self.bulk_status(s))
        self.bulk_button.setMenu(self.bulk_menu)
        for widget in (self.bulk_button, self.duplicates_button, self.export_button,
                       self.import_button, self.new_button):
            self.header.add_widget(widget)

    # --- list ------------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def refresh(self) -> None:
        """Reload the rows off the UI thread; the rows shown stay until the new ones arrive.

        A newer refresh wins: an older load still in flight is dropped. The first
        load shows "Loading members…": the window appears at once and 20,000
        members arrive a moment later.
        """
        self._first_read.cancel()  # this is the first read, or makes it needless
        presort = self.model.presorter()
        self.loading = self.ctx.ops.read(
            lambda session: _read_sorted(session, presort), parent=self,
            key=f"members-list-{id(self)}",
            done=self._show, failed=self._load_failed)
        self._update_counts()

    def wait_until_loaded(self) -> None:
        """Block until the newest load has arrived (``show_page``, closing, tests)."""
        self._first_read.now()
        if self.loading is not None:
            self.loading.wait()

    def _load_failed(self, exc: BaseException) -> None:
        self.loaded = False
        self.waiting.title.setText(_("Cannot read the member list"))
        reason = (str(exc).splitlines() or [type(exc).__name__])[0]  # not the SQL behind it
        from communitydesk.db.roles import NotAllowedError  # #20: a role's limit, not damage

        hint = (_("Ask the group's admin if you need to see this.") if isinstance(exc, NotAllowedError)
                else _("Use File → Check database, or restore a backup."))
        self.waiting.text.setText(f"{reason}\n\n{hint}")
        self.count_label.setText("")
        self.stack.setCurrentWidget(self.waiting)

    def _show(self, loaded: Loaded) -> None:
        rows, self.tags, texts, sorted_by = loaded
        current_tag = self.tag_filter.currentData()
        self.tag_filter.blockSignals(True)
        self.tag_filter.clear()
        self.tag_filter.addItem(_("All tags"), None)
        for tag in self.tags:
            self.tag_filter.addItem(tag, tag)
        index = self.tag_filter.findData(current_tag)
        self.tag_filter.setCurrentIndex(max(index, 0))
        self.tag_filter.blockSignals(False)
        if self.tag_filter.currentData() != current_tag:
            self.proxy.set_tag(None)
        chosen = set(self.selected_member_ids())
        self.model.set_rows(rows, search_texts=texts, sorted_by=sorted_by)
        if self.select_after_load is not None:
            chosen = {self.select_after_load}
            self.select_after_load = None
        if chosen:
            self._reselect(chosen)
        if not self.loaded:  # the list shows: the record's code loads before the first is opened
            self.warm = warm_modules(self.ctx, ("communitydesk.gui.members.member_dialog",))
        self.loaded = True
        self._update_counts()

    def _on_search(self, text: str) -> None:
        self._apply(self.proxy.set_search, text)

    def _search_enter(self) -> None:
        if self.proxy.rowCount():
            self.table.setFocus()
            self.table.selectRow(0)

    def _apply(self, setter, value) -> None:  # noqa: ANN001
        setter(value)
        self._update_counts()

    def _update_counts(self) -> None:
        if not self.loaded:
            self.count_label.setText(_("loading…"))
            self.stack.setCurrentWidget(self.waiting)
            return
        total = self.model.rowCount()
        shown = self.proxy.rowCount()
        self.count_label.setText(_("showing {shown} of {total}").format(shown=f"{shown:,}", total=f"{total:,}"))
        self.export_shown_action.setText(ngettext("Export the {count} member shown…",
                                                  "Export the {count} members shown…", shown).format(count=f"{shown:,}"))
        if total == 0:
            self.stack.setCurrentWidget(self.empty)
        elif shown == 0:
            self.stack.setCurrentWidget(self.no_match)
        else:
            self.stack.setCurrentWidget(self.table)
        self._update_selection()

    def _update_selection(self) -> None:
        count = len(self.table.selectionModel().selectedRows())
        self.bulk_button.setEnabled(count > 0)
        self.bulk_button.setText(_("Selected ({count})").format(count=f"{count:,}") if count else _("Selected"))

    def selected_member_ids(self) -> list[int]:
        rows = {self.proxy.mapToSource(i).row() for i in self.table.selectionModel().selectedRows()}
        return [self.model.row_at(r).id for r in sorted(rows)]

    def shown_member_ids(self) -> list[int]:
        return [self.proxy.index(r, 0).data(ID_ROLE) for r in range(self.proxy.rowCount())]

    def _reselect(self, member_ids: set[int]) -> None:
        """Select these members again after the rows were reloaded (one pass over the list)."""
        selection = QItemSelection()
        last = self.proxy.columnCount() - 1
        for row in range(self.proxy.rowCount()):
            if self.proxy.index(row, 0).data(ID_ROLE) in member_ids:
                selection.select(self.proxy.index(row, 0), self.proxy.index(row, last))
        self.table.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        if not selection.isEmpty():
            self.table.scrollTo(selection.first().topLeft())

    def select_member(self, member_id: int) -> None:
        for row in range(self.proxy.rowCount()):
            if self.proxy.index(row, 0).data(ID_ROLE) == member_id:
                self.table.selectRow(row)
                self.table.scrollTo(self.proxy.index(row, 0))
                return

    # --- records ---------------------------------------------------------------------------
    def _open_index(self, index: QModelIndex) -> None:
        self.open_member(index.data(ID_ROLE))

    def open_selected(self) -> None:
        ids = self.selected_member_ids()
        if ids:
            self.open_member(ids[0])

    def open_member(self, member_id: int | None) -> MemberDialog:
        from communitydesk.gui.members.member_dialog import MemberDialog

        dialog = MemberDialog(self.ctx, member_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.accepted.connect(lambda: self._after_dialog(dialog))
        self.dialog = dialog
        dialog.show()
        return dialog

    def new_member(self) -> MemberDialog:
        return self.open_member(None)

    def _after_dialog(self, dialog: MemberDialog) -> None:
        if dialog.record is not None and not dialog.deleted:
            self.select_after_load = dialog.record.id  # the save's refresh is on its way
            self.select_member(dialog.record.id)

    def _status(self, message: str) -> None:
        window = self.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(message, 8000)
