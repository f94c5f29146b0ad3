"""The "Attendance" tab on a member's record: last attended, this year's rate, every meeting.

It loads when first shown (a record opens on Details), in one read through the runner.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from communitydesk.gui.common.dates import long_date, short_date
from communitydesk.gui.common.loading import LoadsWhenShown
from communitydesk.gui.common.row_model import Column, RowTableModel
from communitydesk.gui.common.shown_values import ATTENDANCE_STATUS, shown
from communitydesk.gui.common.widgets import EmptyState
from communitydesk.gui.context import AppContext
from communitydesk.i18n import N_, _, ngettext
from communitydesk.services.attendance.register import (
    AttendedMeeting,
    MemberAttendance,
    member_attendance,
)
from communitydesk.services.core.text import fold

COL_DATE, COL_TITLE, COL_STATUS = range(3)


class MemberAttendanceTableModel(RowTableModel[AttendedMeeting]):
    columns = (
        Column(N_("Date"), lambda e: short_date(e.starts_at), lambda e: (e.starts_at,)),
        Column(N_("Meeting"), lambda e: e.title + ("  " + _("(cancelled)") if e.meeting_status == "cancelled" else ""),
               lambda e: (fold(e.title), e.starts_at)),
        Column(N_("Attendance"), lambda e: shown(ATTENDANCE_STATUS, e.status), lambda e: (e.status, e.starts_at)),
    )

    def row_id(self, row: AttendedMeeting) -> int:
        return row.meeting_id


class MemberAttendancePanel(LoadsWhenShown):
    def __init__(self, ctx: AppContext, member_id: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.member_id = member_id
        self.last_label = QLabel(_("Loading…"))
        self.rate_label = QLabel()
        for label in (self.last_label, self.rate_label):
            label.setObjectName("panelFigure")
        figures = QHBoxLayout()
        figures.addWidget(self.last_label)
        figures.addSpacing(24)
        figures.addWidget(self.rate_label)
        figures.addStretch(1)
        self.model = MemberAttendanceTableModel(self)
        self.table = QTableView()
        self.table.setAccessibleName(_("Meetings attended"))
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_DATE, Qt.SortOrder.DescendingOrder)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(COL_DATE, 100)
        self.table.setColumnWidth(COL_TITLE, 280)
        self.empty = EmptyState(_("No attendance yet"), _("Meetings this person comes to, or sends apologies "
                                "for, will be listed here."))
        layout = QVBoxLayout(self)
        layout.addLayout(figures)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1)
        self.empty.hide()

    def read(self, session: Session) -> object:
        return member_attendance(session, self.member_id)


    def _show(self, history: MemberAttendance) -> None:
        self.last_label.setText(_("Last attended: {date}").format(date=long_date(history.last_attended))
                                if history.last_attended else _("Last attended: never"))
        if history.rate_this_year is None:
            self.rate_label.setText(_("This year: no meetings yet"))
        else:
            self.rate_label.setText(ngettext("This year: {rate} ({present} of {count} meeting)",
                                             "This year: {rate} ({present} of {count} meetings)",
                                             history.counted_this_year).format(
                rate=f"{history.rate_this_year:.0%}", present=history.present_this_year,
                count=history.counted_this_year))
        self.model.set_rows(history.entries)  # in the order the header shows
        self.table.setVisible(bool(history.entries))
        self.empty.setVisible(not history.entries)
