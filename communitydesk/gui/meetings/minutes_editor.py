"""Minutes mode: per agenda item, the minutes text and a decision, and the actions raised
under it (description, owner picked from members, due date) added inline.

Text is saved exactly as typed when moving to another item, on Ctrl+S, or on Save.
Approved minutes show read-only until someone reopens them on purpose.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QBoxLayout,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from communitydesk.gui.common.dates import short_date_format
from communitydesk.gui.common.saving import save_versioned_edit
from communitydesk.gui.context import AppContext
from communitydesk.gui.meetings.action_table_model import (
    COL_DUE,
    COL_OWNER,
    COL_RAISED,
    COL_STATUS,
    ActionTableModel,
    action_table,
)
from communitydesk.gui.meetings.member_picker import MemberPicker
from communitydesk.gui.operations import Operation
from communitydesk.gui.theme import follow_system
from communitydesk.i18n import _
from communitydesk.services.meetings.actions import ActionSummary, add_action
from communitydesk.services.meetings.agenda import AgendaEntry, update_agenda_item
from communitydesk.services.meetings.planning import MeetingDetail
from communitydesk.services.meetings.view import MeetingView

NO_DATE = QDate(2000, 1, 1)
SIDE_BY_SIDE_WIDTH = 700  # minutes and actions in two columns from this width on


class MinutesEditor(QWidget):
    """``changed``: a write landed; the editor reads the meeting again."""

    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.meeting: MeetingDetail | None = None
        self.entries: list[AgendaEntry] = []
        self.current: AgendaEntry | None = None
        self.raised: tuple[ActionSummary, ...] = ()  # actions raised at this meeting
        self._sending: dict[int, tuple[str, str]] = {}  # item id -> minutes and decision being saved

        self.items = QListWidget()
        self.items.setMinimumWidth(180)
        self.items.setWordWrap(True)
        self.items.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.items.currentRowChanged.connect(self._item_chosen)

        self.item_title = QLabel()
        self.item_title.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.item_title.setStyleSheet(follow_system(self.item_title.styleSheet()))  # system font (#19)
        # One line (a long title is cut, not wrapped): a wrapped label would make the scroll
        # area below size the form by its preferred height and scroll for nothing.
        self.item_title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.minutes = QPlainTextEdit(placeholderText=_("What was said and agreed under this item…"))
        self.decision = QPlainTextEdit(placeholderText=_("Decision, if any (e.g. Agreed to write to the council)"))
        self.decision.setMaximumHeight(64)
        self.save_button = QPushButton(_("&Save minutes"))
        self.save_button.setObjectName("primary")
        self.save_button.setToolTip(_("Save this item's minutes (Ctrl+S); moving to another item saves too"))
        self.save_button.clicked.connect(self.save_current)
        self.saved_label = QLabel()
        self.saved_label.setObjectName("countLabel")

        self.action_model = ActionTableModel(self)
        self.actions_view = action_table(self.action_model)
        self.actions_view.setAccessibleName(_("Actions from this item"))
        self.actions_view.setColumnHidden(COL_RAISED, True)
        for col, width in ((COL_DUE, 84), (COL_OWNER, 120), (COL_STATUS, 60)):  # a narrow column
            self.actions_view.setColumnWidth(col, width)
        self.action_text = QLineEdit(placeholderText=_("New action: what needs doing…"))
        self.action_text.returnPressed.connect(self.add_action_from_form)
        self.action_owner = MemberPicker(ctx, placeholder=_("Owner"))
        self.action_due = QDateEdit(calendarPopup=True)
        self.action_due.setMinimumDate(NO_DATE)
        self.action_due.setSpecialValueText(_("No due date"))
        self.action_due.setDisplayFormat(short_date_format())
        self.action_due.setDate(NO_DATE)
        self.action_add = QPushButton(_("Add action"))
        self.action_add.clicked.connect(self.add_action_from_form)
        owner_row = QHBoxLayout()
        owner_row.addWidget(self.action_owner, 2)
        owner_row.addWidget(self.action_due, 1)
        owner_row.addWidget(self.action_add)

        self.minutes.setMinimumHeight(60)
        self.actions_view.setMinimumHeight(60)
        writing = QVBoxLayout()  # what was said and decided
        writing.addWidget(QLabel(_("Minutes")))
        writing.addWidget(self.minutes, 3)
        writing.addWidget(QLabel(_("Decision")))
        writing.addWidget(self.decision)
        save_row = QHBoxLayout()
        save_row.addWidget(self.saved_label, 1)
        save_row.addWidget(self.save_button)
        writing.addLayout(save_row)
        chasing = QVBoxLayout()  # who does what next
        chasing.addWidget(QLabel(_("Actions raised under this item")))
        chasing.addWidget(self.actions_view, 1)
        chasing.addWidget(self.action_text)
        chasing.addLayout(owner_row)
        # Side by side when there is room (1366×768: no scrolling), one above the other when
        # narrow, inside a scroll area so the form never forces its height on the window.
        self.columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.columns.addLayout(writing, 3)
        self.columns.addLayout(chasing, 2)
        self.form_area = QWidget()
        form = QVBoxLayout(self.form_area)
        form.setContentsMargins(8, 0, 0, 0)
        form.addWidget(self.item_title)
        form.addLayout(self.columns, 1)
        self.scroller = QScrollArea()
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroller.setWidget(self.form_area)
        self.scroller.installEventFilter(self)
        splitter = QSplitter()
        splitter.addWidget(self.items)
        splitter.addWidget(self.scroller)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([220, 700])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(splitter)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save_current,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.scroller and event.type() == QEvent.Type.Resize:
            wide = self.scroller.width() >= SIDE_BY_SIDE_WIDTH
            self.columns.setDirection(QBoxLayout.Direction.LeftToRight if wide
                                      else QBoxLayout.Direction.TopToBottom)
        return super().eventFilter(watched, event)

    # --- loading ------------------------------------------------------------------
    def show_view(self, view: MeetingView | None) -> None:
        """Show the meeting its editor read; text being typed on the same item is kept."""
        same_meeting = view is not None and self.meeting is not None and self.meeting.id == view.detail.id
        keep = self.items.currentRow() if same_meeting else 0
        typing = self.current.id if same_meeting and self.current is not None and self.is_dirty() else None
        self.meeting = view.detail if view is not None else None
        self.entries = list(view.agenda) if view is not None else []
        self.raised = view.raised if view is not None else ()
        self.items.blockSignals(True)
        self.items.clear()
        for e in self.entries:
            item = QListWidgetItem(f"{e.position}. {e.title}")
            font = item.font()
            font.setBold(bool(e.minutes or e.decision))
            item.setFont(font)
            self.items.addItem(item)
        self.items.blockSignals(False)
        read_only = self.meeting is None or self.meeting.minutes_approved
        for w in (self.minutes, self.decision):
            w.setReadOnly(read_only)
        for w in (self.save_button, self.action_text, self.action_owner, self.action_due, self.action_add):
            w.setEnabled(not read_only)
        if not self.entries:
            self._show(None)
            return
        if typing is not None:
            keep = next((n for n, e in enumerate(self.entries) if e.id == typing), keep)
        row = min(max(keep, 0), len(self.entries) - 1)
        self.items.blockSignals(True)
        self.items.setCurrentRow(row)
        self.items.blockSignals(False)
        self._show(self.entries[row], keep_text=self.entries[row].id == typing)

    def _show(self, entry: AgendaEntry | None, *, keep_text: bool = False) -> None:
        self.current = entry
        approved = self.meeting is not None and self.meeting.minutes_approved
        self.saved_label.setText(_("Approved minutes are read-only; reopen them to change anything.")
                                 if approved else "")
        if entry is None:
            self.item_title.setText(_("No agenda items yet: write the agenda first."))
            self.minutes.setPlainText("")
            self.decision.setPlainText("")
            self.action_model.set_rows([])
            return
        self.item_title.setText(f"{entry.position}. {entry.title}"
                                + (f"  —  {entry.presenter}" if entry.presenter else ""))
        self.item_title.setToolTip(self.item_title.text())
        if not keep_text:
            self.minutes.setPlainText(entry.minutes or "")
            self.decision.setPlainText(entry.decision or "")
        self.action_model.set_rows([a for a in self.raised if a.agenda_item_id == entry.id])

    def _item_chosen(self, row: int) -> None:
        if self.current is not None and self.is_dirty():
            self.save_current()
        if 0 <= row < len(self.entries):
            self._show(self.entries[row])

    def show_item(self, position: int) -> None:
        self.items.setCurrentRow(position - 1)

    # --- saving -------------------------------------------------------------------
    def _typed(self) -> tuple[str, str]:
        return self.minutes.toPlainText(), self.decision.toPlainText()

    def is_dirty(self) -> bool:
        if self.current is None or self.minutes.isReadOnly():
            return False
        sent = self._sending.get(self.current.id)
        if sent is not None:  # being saved now: dirty only if typed on since
            return self._typed() != sent
        return self._typed() != (self.current.minutes or "", self.current.decision or "")

    def save_current(self) -> Operation | None:
        """Save this item's minutes as typed (one versioned write; a conflict shows both)."""
        entry = self.current
        if entry is None or self.minutes.isReadOnly() or not self.is_dirty():
            return None
        minutes, decision = self._typed()
        self._sending[entry.id] = (minutes, decision)

        def save(s: Session, changes: dict[str, object], version: int | None) -> AgendaEntry:
            return update_agenda_item(s, entry.id, changes, expected_version=version)

        def saved(result: AgendaEntry) -> None:
            self._sending.pop(entry.id, None)
            self.entries = [result if e.id == result.id else e for e in self.entries]
            if self.current is not None and self.current.id == result.id:
                self.current = result  # typed on since? still dirty against what was saved
            self.saved_label.setText(_("Saved the minutes of item {number}.").format(number=result.position))
            self.changed.emit()

        op = save_versioned_edit(self.ctx, self, save, {"minutes": minutes, "decision": decision},
                                 entry.version, done=saved)
        op.finished.connect(lambda: self._sending.pop(entry.id, None))
        return op

    def add_action_from_form(self) -> Operation | None:
        if self.meeting is None or self.current is None:
            return None
        description = self.action_text.text().strip()
        if not description:
            self.action_text.setFocus()
            return None
        try:
            owner = self.action_owner.member_id()
        except ValueError:
            self.saved_label.setText(_("Owner: “{name}” is not a member; pick a name from the list.")
                                     .format(name=self.action_owner.text()))
            self.action_owner.setFocus()
            return None
        due: date | None = None
        if self.action_due.date() != NO_DATE:
            due = self.action_due.date().toPython()  # type: ignore[assignment]
        meeting_id, item_id = self.meeting.id, self.current.id

        def added(_action: ActionSummary) -> None:
            self.action_text.clear()
            self.action_owner.clear()
            self.action_due.setDate(NO_DATE)
            self.action_text.setFocus()
            self.changed.emit()

        return self.ctx.ops.write(
            lambda s: add_action(s, meeting_id=meeting_id, description=description, owner_id=owner,
                                 due_on=due, agenda_item_id=item_id),
            parent=self, done=added)
