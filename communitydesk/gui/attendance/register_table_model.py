"""Qt model over ``RegisterRow``s (a meeting's numbered register) and a name filter.

Rows are plain NamedTuples from the service; a mark replaces one row in place
(``update_entry``) so the screen never reloads 500 people for one keypress.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from communitydesk.gui.accessibility import INK_ON_TINT
from communitydesk.gui.common.dates import time_of_day
from communitydesk.gui.common.row_model import SCREEN_ROLE, Column, RowFilterProxy, RowTableModel
from communitydesk.gui.common.shown_values import MEMBER_STATUS, shown
from communitydesk.i18n import N_, _
from communitydesk.services.attendance.register import RegisterCounts, RegisterRow, count_register
from communitydesk.services.core.text import fold

COL_NUMBER, COL_NAME, COL_STATUS, COL_CHECKED_IN, COL_MEMBER_STATUS = range(5)
STATUS_LABELS = {"present": N_("Present"), "apologies": N_("Apologies"), "absent": N_("Absent"), None: "—"}
STATUS_COLOURS = {"present": "#d8f0dc", "apologies": "#fff1c9", "absent": "#f6dcdc"}
STATUS_ORDER = {"present": 0, "apologies": 1, "absent": 2, None: 3}

STATUS_ROLE = SCREEN_ROLE  # the mark ("present"…, or None); ID_ROLE gives the member id


class RegisterTableModel(RowTableModel[RegisterRow]):
    """Sorted by register number until the user sorts; ties always fall back to the number."""

    columns = (
        Column(N_("No."), lambda r: str(r.number), lambda r: (r.number,), align_right=True),
        Column(N_("Name"), lambda r: r.display_name, lambda r: (fold(r.display_name), r.number)),
        Column(N_("Attendance"), lambda r: _(STATUS_LABELS[r.status]),
               lambda r: (STATUS_ORDER[r.status], r.number)),
        Column(N_("Checked in"), lambda r: time_of_day(r.checked_in_at) if r.checked_in_at else "",
               lambda r: (r.checked_in_at is None, r.checked_in_at or datetime.min, r.number)),
        Column(N_("Member"), lambda r: shown(MEMBER_STATUS, r.member_status), lambda r: (r.member_status, r.number)),
    )
    default_sort = (COL_NUMBER, Qt.SortOrder.AscendingOrder)

    def __init__(self, parent=None) -> None:  # noqa: ANN001 - Qt parent
        super().__init__(parent)
        self._row_of: dict[int, int] | None = {}  # member id -> row; None: made on first use

    # --- data in ---------------------------------------------------------------------
    def set_register(self, rows: list[RegisterRow]) -> None:
        """A register as the service reads it, already in row-number order (the default sort):
        nothing to sort or check on the UI thread when it lands."""
        self.set_rows(rows, sorted_by=(COL_NUMBER, Qt.SortOrder.AscendingOrder))

    def _order(self, column: int, order: Qt.SortOrder) -> list[int]:
        """The register arrives in row-number order: no sort for the default (15,000 rows at scale)."""
        rows = self._rows
        if (column == COL_NUMBER and order == Qt.SortOrder.AscendingOrder
                and all(a.number < b.number for a, b in zip(rows, rows[1:], strict=False))):
            return list(range(len(rows)))
        return super()._order(column, order)

    def same_numbers(self, rows: list[RegisterRow]) -> bool:
        """True when ``rows`` number the same people the same way as shown (nothing to redraw)."""
        return sorted((r.number, r.member_id) for r in rows) == sorted((r.number, r.member_id) for r in self._rows)

    def rows_changed(self, order: list[int] | None) -> None:
        self._row_of = None  # made when a mark first needs it, not when 15,000 rows land

    def _rows_of_members(self) -> dict[int, int]:
        if self._row_of is None:
            self._row_of = {r.member_id: i for i, r in enumerate(self._rows)}
        return self._row_of

    def update_entry(self, member_id: int, status: str | None, checked_in_at: datetime | None) -> None:
        row = self._rows_of_members().get(member_id)
        if row is not None:
            self.replace_row(row, self._rows[row]._replace(status=status, checked_in_at=checked_in_at))

    def counts(self) -> RegisterCounts:
        return count_register(self._rows)

    def row_of_member(self, member_id: int) -> int | None:
        return self._rows_of_members().get(member_id)

    def row_of_number(self, number: int) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.number == number), None)

    # --- Qt model interface ----------------------------------------------------------------
    def haystack(self, row: RegisterRow) -> str:
        return row.display_name + " " + row.first_name

    def folded_haystack(self, row: RegisterRow) -> str:
        """" ann smith ann": a word is found where a name part starts with it (" sm"), by ``in``."""
        return " " + " ".join(fold(self.haystack(row)).split())

    def row_id(self, row: RegisterRow) -> int:
        return row.member_id

    def extra_data(self, row: RegisterRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole and column == COL_STATUS and row.status in STATUS_COLOURS:
            return QBrush(QColor(STATUS_COLOURS[row.status]))
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_STATUS and row.status in STATUS_COLOURS:
            return QBrush(QColor(INK_ON_TINT))  # dark text on the light tint, whatever the theme
        if (role == Qt.ItemDataRole.ToolTipRole and column == COL_MEMBER_STATUS
                and row.member_status == "prospect"):
            return _("A guest or contact, not (yet) a member")
        if role == STATUS_ROLE:
            return row.status
        return None


class RegisterFilterProxy(RowFilterProxy):
    """Filters by the start of any name part, accent-folded, or by row number, over the
    whole register in one pass (the search texts start each name part with a space)."""

    typing_narrows = False  # "12" does not narrow "1": row numbers are matched whole

    def match_words(self, rows: list[int], words: list[str]) -> list[int]:
        model = self.source()
        if len(words) == 1 and words[0].isdigit():
            register, number = model.rows_view(), words[0]
            return [i for i in rows if str(register[i].number) == number]
        texts = model.search_texts()
        for word in words:
            start = " " + word
            rows = [i for i in rows if start in texts[i]]
        return rows
