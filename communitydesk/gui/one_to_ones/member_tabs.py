"""Two tabs on a member's record: their one-to-ones (confidential) and their timeline.

Each loads when it is first shown (most people open a record for its Details),
off the UI thread; a later ``refresh()`` while the tab is hidden waits until it is shown again.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from communitydesk.gui.common.loading import Loader
from communitydesk.gui.common.row_model import RowFilterProxy
from communitydesk.gui.common.table_view import make_table_view
from communitydesk.gui.context import AppContext
from communitydesk.gui.one_to_ones.one_to_one_dialog import (
    CONFIDENTIAL_NOTE,
    MARKER_STYLE,
    OneToOneDialog,
)
from communitydesk.gui.one_to_ones.table_models import ConversationTableModel, TimelineTableModel
from communitydesk.i18n import N_, _, ngettext
from communitydesk.services.members.timeline import KIND_LABELS, TimelineEvent, member_timeline
from communitydesk.services.one_to_ones.conversations import (
    OneToOneRecord,
    OneToOneSummary,
    get_one_to_one,
    list_one_to_ones,
)

# The timeline's KIND_LABELS, for the catalogue; shown through _() (the filter keeps the English).
KIND_WORDS = (N_("One-to-one"), N_("Meeting"), N_("Action"), N_("Ladder"))


def confidential_marker() -> QLabel:
    label = QLabel(_(CONFIDENTIAL_NOTE))
    label.setObjectName("confidentialMarker")
    label.setWordWrap(True)
    label.setStyleSheet(MARKER_STYLE)
    return label


class MemberOneToOnesPanel(QWidget):
    """This person's conversations; the selected one's notes below, under the confidential marker."""

    def __init__(self, ctx: AppContext, member_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.member_id = member_id
        self.loader = Loader(self, ctx)
        self.notes_loader = Loader(self, ctx)
        self.marker = confidential_marker()
        self.model = ConversationTableModel(self)
        self.proxy = RowFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = make_table_view(self.proxy, {0: 95, 1: 140, 2: 140, 3: 110, 4: 220})
        self.table.setAccessibleName(_("One-to-ones"))
        self.table.setColumnHidden(ConversationTableModel.COL_PERSON, True)
        self.table.sortByColumn(ConversationTableModel.COL_DATE, Qt.SortOrder.DescendingOrder)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._show_notes())
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.notes = QPlainTextEdit()
        self.notes.setReadOnly(True)
        self.notes.setObjectName("confidentialNotes")
        self.notes.setPlaceholderText(_("Select a conversation to read its notes."))
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.notes)
        split.setSizes([220, 160])
        log_button = QPushButton(_("Log a one-to-one…"))
        log_button.clicked.connect(self.log_new)
        edit_button = QPushButton(_("Edit…"))
        edit_button.clicked.connect(self.edit_selected)
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        buttons = QHBoxLayout()
        buttons.addWidget(log_button)
        buttons.addWidget(edit_button)
        buttons.addStretch(1)
        buttons.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addWidget(self.marker)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        """Load now if on screen, else when next shown."""
        self.loader.when_shown(self._load)

    def _load(self) -> None:
        member_id = self.member_id
        self.loader.read(lambda session: list_one_to_ones(session, member_id=member_id), self._show_rows)

    def wait_until_loaded(self) -> None:
        self.loader.wait()
        self.notes_loader.wait()

    def _show_rows(self, rows: list[OneToOneSummary]) -> None:
        self.model.set_rows(rows)
        n = self.model.rowCount()
        self.count_label.setText(_("no one-to-ones yet") if n == 0 else
                                 ngettext("{count} one-to-one", "{count} one-to-ones", n).format(count=n))
        self.notes.clear()
        if n:
            self.table.selectRow(0)

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(self.proxy.mapToSource(rows[0]).row()).id if rows else None

    def _show_notes(self) -> None:
        one_to_one_id = self.selected_id()
        if one_to_one_id is None:
            self.notes.clear()
            return
        self.notes_loader.read(lambda session: get_one_to_one(session, one_to_one_id),
                               self._show_record, one_to_one_id)

    def _show_record(self, record: OneToOneRecord) -> None:
        if record.id != self.selected_id():
            return  # another conversation was selected meanwhile; its own notes are on the way
        lines = [_("CONFIDENTIAL")]
        for label, value in ((_("Interests"), record.interests), (_("Story"), record.story),
                             (_("Issues raised"), record.issues), (_("Commitments"), record.commitments),
                             (_("Next step"), record.summary.next_step)):
            lines.append(f"{label}: {value or '—'}")
        self.notes.setPlainText("\n\n".join(lines))

    def log_new(self) -> None:
        if OneToOneDialog.ask(self.ctx, self, member_id=self.member_id):
            self.refresh()

    def edit_selected(self) -> None:
        one_to_one_id = self.selected_id()
        if one_to_one_id is not None and OneToOneDialog.ask(self.ctx, self, one_to_one_id=one_to_one_id):
            self.refresh()


class MemberTimelinePanel(QWidget):
    """One-to-ones, meetings, actions and ladder moves in date order (newest first), filterable."""

    def __init__(self, ctx: AppContext, member_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.member_id = member_id
        self.loader = Loader(self, ctx)
        self.model = TimelineTableModel(self)
        self.proxy = RowFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.kind = QComboBox()
        self.kind.addItem(_("Everything"), "")
        for label in KIND_LABELS.values():
            self.kind.addItem(_(label), label)
        self.kind.currentIndexChanged.connect(self._show_kind)
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Show")))
        top.addWidget(self.kind)
        top.addStretch(1)
        top.addWidget(self.count_label)
        self.table = make_table_view(self.proxy, {0: 95, 1: 90, 2: 260})
        self.table.setAccessibleName(_("Timeline"))
        self.table.sortByColumn(TimelineTableModel.COL_DATE, Qt.SortOrder.DescendingOrder)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.refresh()

    def _show_kind(self) -> None:
        """One kind of event ("Meeting", "Ladder"…), or everything."""
        kind = self.kind.currentData()
        self.proxy.set_accept((lambda e: e.kind_label == kind) if kind else None)

    def refresh(self) -> None:
        """Load now if on screen, else when next shown."""
        self.loader.when_shown(self._load)

    def _load(self) -> None:
        member_id = self.member_id
        self.loader.read(lambda session: member_timeline(session, member_id), self._show_rows)

    def wait_until_loaded(self) -> None:
        self.loader.wait()

    def _show_rows(self, events: list[TimelineEvent]) -> None:
        self.model.set_rows(events)
        n = self.model.rowCount()
        self.count_label.setText(_("nothing recorded yet") if n == 0 else
                                 ngettext("{count} event", "{count} events", n).format(count=n))


def one_to_ones_panel(ctx: AppContext, member_id: int) -> QWidget:
    return MemberOneToOnesPanel(ctx, member_id)


def timeline_panel(ctx: AppContext, member_id: int) -> QWidget:
    return MemberTimelinePanel(ctx, member_id)
