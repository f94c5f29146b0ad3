"""The meetings list: date, time, title, kind, venue, status, present count, minutes state."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from communitydesk.gui.common.dates import short_date, time_of_day
from communitydesk.gui.common.row_model import Column, RowTableModel
from communitydesk.gui.meetings.labels import translated_columns, word
from communitydesk.i18n import N_, _
from communitydesk.services.core.text import fold
from communitydesk.services.meetings.rows import MeetingRow

COL_DATE, COL_TIME, COL_TITLE, COL_KIND, COL_VENUE, COL_STATUS, COL_PRESENT, COL_MINUTES = range(8)


def _day(when: datetime) -> str:
    """The weekday (a secretary plans by it) and the locale's short date."""
    weekday = QLocale().dayName(when.isoweekday(), QLocale.FormatType.ShortFormat)
    return f"{weekday} {short_date(when)}"


def _minutes_state(m: MeetingRow) -> str:
    if m.minutes_approved:
        return _("Approved")
    return _("Draft") if m.status == "held" else ""


class MeetingTableModel(RowTableModel[MeetingRow]):
    columns = (
        Column(N_("Date"), lambda m: _day(m.starts_at), lambda m: (m.starts_at, m.id)),
        Column(N_("Time"), lambda m: time_of_day(m.starts_at) + (f"–{time_of_day(m.ends_at)}" if m.ends_at else ""),
               lambda m: (m.starts_at.time(), m.starts_at)),
        Column(N_("Title"), lambda m: m.title, lambda m: (fold(m.title), m.starts_at)),
        Column(N_("Kind"), lambda m: word(m.kind), lambda m: (m.kind, m.starts_at)),
        Column(N_("Venue"), lambda m: m.venue or "", lambda m: (fold(m.venue or ""), m.starts_at)),
        Column(N_("Status"), lambda m: word(m.status), lambda m: (m.status, m.starts_at)),
        Column(N_("Present"), lambda m: str(m.present) if m.status == "held" or m.present else "",
               lambda m: (m.present, m.starts_at), align_right=True),
        Column(N_("Minutes"), _minutes_state, lambda m: (_minutes_state(m), m.starts_at)),
    )

    def __init__(self, parent=None) -> None:  # noqa: ANN001 - Qt parent
        super().__init__(parent)
        self.columns = translated_columns(self.columns)

    def extra_data(self, row: MeetingRow, column: int, role: int) -> Any:
        if row.status == "cancelled":
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor("#8a8f8c"))
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setStrikeOut(column == COL_TITLE)
                return font
        if role == Qt.ItemDataRole.ToolTipRole and row.series_id is not None and column == COL_TITLE:
            return _("Part of a recurring series")
        return None
