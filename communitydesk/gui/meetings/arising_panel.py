"""Matters arising on one meeting: the open actions from earlier meetings, each resolved
here as done, dropped or carried on (optionally with a new due date).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from communitydesk.gui.common.dates import short_date_format
from communitydesk.gui.common.shortcuts import press_on
from communitydesk.gui.common.widgets import EmptyState
from communitydesk.gui.context import AppContext
from communitydesk.gui.meetings.action_table_model import ActionTableModel, action_table
from communitydesk.gui.operations import Operation
from communitydesk.i18n import _, ngettext
from communitydesk.services.meetings.actions import ActionSummary
from communitydesk.services.meetings.matters_arising import resolve_arising
from communitydesk.services.meetings.planning import MeetingDetail
from communitydesk.services.meetings.view import MeetingView

NO_DATE = QDate(2000, 1, 1)


class ArisingPanel(QWidget):
    """Shows the ``MeetingView`` its editor read; ``changed`` asks the editor to read it again."""

    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.meeting: MeetingDetail | None = None
        self.model = ActionTableModel(self)
        self.table = action_table(self.model)
        self.table.setAccessibleName(_("Matters arising: actions"))

        self.done_button = QPushButton(_("&Done"))
        self.done_button.setToolTip(_("Mark the selected actions done at this meeting (Ctrl+Return)"))
        self.done_button.clicked.connect(lambda: self.resolve_selected("done"))
        self.dropped_button = QPushButton(_("Dr&opped"))
        self.dropped_button.clicked.connect(lambda: self.resolve_selected("dropped"))
        self.carry_button = QPushButton(_("&Carry on"))
        self.carry_button.setToolTip(_("Keep the selected actions open, with the new due date if one is set"))
        self.carry_button.clicked.connect(lambda: self.resolve_selected("carry on"))
        self.new_due = QDateEdit(calendarPopup=True)
        self.new_due.setMinimumDate(NO_DATE)
        self.new_due.setSpecialValueText(_("Keep due date"))
        self.new_due.setDisplayFormat(short_date_format())
        self.new_due.setDate(NO_DATE)
        row = QHBoxLayout()
        for w in (self.done_button, self.dropped_button, self.carry_button):
            row.addWidget(w)
        row.addWidget(QLabel(_("new due date:")))
        row.addWidget(self.new_due)
        row.addStretch(1)
        self.hint = QLabel()
        self.hint.setObjectName("countLabel")
        self.hint.setWordWrap(True)

        self.empty = EmptyState(_("No matters arising"),
                                _("Open actions from earlier meetings appear here, to be chased and "
                                  "marked done, dropped or carried on."))
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.hint)
        layout.addLayout(row)
        layout.addWidget(self.stack, 1)
        press_on("Ctrl+Return", self.done_button, self.table, Qt.ShortcutContext.WidgetShortcut)

    def show_view(self, view: MeetingView | None) -> None:
        meeting = view.detail if view is not None else None
        self.meeting = meeting
        rows: list[ActionSummary] = list(view.arising) if view is not None else []
        if meeting is not None:
            self.model.today = meeting.starts_at.date()
        keep = {a.id for a in self.selected()}
        self.model.set_rows(rows)
        for action_id in keep:
            self.select_action(action_id)
        self.stack.setCurrentWidget(self.table if rows else self.empty)
        read_only = meeting is None or meeting.minutes_approved
        for w in (self.done_button, self.dropped_button, self.carry_button, self.new_due):
            w.setEnabled(not read_only and bool(rows))
        open_count = sum(1 for r in rows if r.status == "open")
        if meeting and meeting.series_id:
            hint = ngettext("{count} open action from earlier meetings of this series; overdue "
                            "ones (as of this meeting) are highlighted. Select and choose what happened.",
                            "{count} open actions from earlier meetings of this series; overdue "
                            "ones (as of this meeting) are highlighted. Select and choose what happened.",
                            open_count)
        else:
            hint = ngettext("{count} open action from all earlier meetings; overdue ones (as of "
                            "this meeting) are highlighted. Select and choose what happened.",
                            "{count} open actions from all earlier meetings; overdue ones (as of "
                            "this meeting) are highlighted. Select and choose what happened.",
                            open_count)
        self.hint.setText(hint.format(count=open_count))

    def selected(self) -> list[ActionSummary]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.row_at(r) for r in rows]

    def select_action(self, action_id: int) -> None:
        for n, a in enumerate(self.model.rows()):
            if a.id == action_id:
                self.table.selectRow(n)

    def resolve_selected(self, resolution: str) -> Operation | None:
        """Record what happened to the selected actions, in one write."""
        if self.meeting is None or self.meeting.minutes_approved:
            return None
        actions = self.selected()
        if not actions:
            return None
        due: date | None = None
        if resolution == "carry on" and self.new_due.date() != NO_DATE:
            due = self.new_due.date().toPython()  # type: ignore[assignment]
        meeting_id = self.meeting.id

        def resolve(s: Session) -> int:
            for a in actions:
                resolve_arising(s, a.id, at_meeting_id=meeting_id, resolution=resolution,
                                due_on=due, expected_version=a.version)
            return len(actions)
        return self.ctx.ops.write(resolve, parent=self, done=lambda _n: self.changed.emit())
