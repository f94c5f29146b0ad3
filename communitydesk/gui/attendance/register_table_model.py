"""Qt model over a meeting's numbered register and a name filter.

The model keeps each row as a plain tuple in ``RegisterRow``'s field order (#14: the cycle
collector lets go of those, not of 15,000 NamedTuples) and hands out ``RegisterRow``s
(``row_at``, ``rows``). A mark replaces one row in place (``update_entry``) so the screen
never reloads 500 people for one keypress.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from communitydesk.gui.accessibility import INK_ON_TINT
from communitydesk.gui.common.dates import time_of_day
from communitydesk.gui.common.row_model import SCREEN_ROLE, Column, RowFilterProxy, RowTableModel
from communitydesk.gui.common.shown_values import MEMBER_STATUS as MEMBER_STATUS_SHOWN
from communitydesk.gui.common.shown_values import shown
from communitydesk.i18n import N_, _
from communitydesk.services.attendance.register import RegisterCounts, RegisterRow, count_register
from communitydesk.services.core.text import fold

COL_NUMBER, COL_NAME, COL_STATUS, COL_CHECKED_IN, COL_MEMBER_STATUS = range(5)
# The fields of a row as the model keeps it (a plain tuple, in RegisterRow's order)
NUMBER, MEMBER_ID, FIRST, LAST, NAME, MEMBER_STATUS, STATUS, CHECKED_IN = range(len(RegisterRow._fields))
assert RegisterRow._fields[STATUS] == "status" and RegisterRow._fields[CHECKED_IN] == "checked_in_at"
Plain = tuple  # a RegisterRow's values as a plain tuple
STATUS_LABELS = {"present": N_("Present"), "apologies": N_("Apologies"), "absent": N_("Absent"), None: "—"}
STATUS_COLOURS = {"present": "#d8f0dc", "apologies": "#fff1c9", "absent": "#f6dcdc"}
STATUS_ORDER = {"present": 0, "apologies": 1, "absent": 2, None: 3}

STATUS_ROLE = SCREEN_ROLE  # the mark ("present"…, or None); ID_ROLE gives the member id


class RegisterTableModel(RowTableModel[Plain]):
    """Sorted by register number until the user sorts; ties always fall back to the number."""

    columns = (
        Column(N_("No."), lambda r: str(r[NUMBER]), lambda r: (r[NUMBER],), align_right=True),
        Column(N_("Name"), lambda r: r[NAME], lambda r: (fold(r[NAME]), r[NUMBER])),
        Column(N_("Attendance"), lambda r: _(STATUS_LABELS[r[STATUS]]),
               lambda r: (STATUS_ORDER[r[STATUS]], r[NUMBER])),
        Column(N_("Checked in"), lambda r: time_of_day(r[CHECKED_IN]) if r[CHECKED_IN] else "",
               lambda r: (r[CHECKED_IN] is None, r[CHECKED_IN] or datetime.min, r[NUMBER])),
        Column(N_("Member"), lambda r: shown(MEMBER_STATUS_SHOWN, r[MEMBER_STATUS]),
               lambda r: (r[MEMBER_STATUS], r[NUMBER])),
    )
    default_sort = (COL_NUMBER, Qt.SortOrder.AscendingOrder)

    def __init__(self, parent=None) -> None:  # noqa: ANN001 - Qt parent
        super().__init__(parent)
        self._row_of: dict[int, int] | None = {}  # member id -> row; None: made on first use

    # --- data in ---------------------------------------------------------------------
    def set_rows(self, rows: Iterable[Plain], *, search_texts: Iterable[str] | None = None,
                 sorted_by: tuple[int, Qt.SortOrder] | None = None) -> None:
        """``RegisterRow``s or plain tuples; kept as plain tuples (``tuple`` returns a plain one as is)."""
        super().set_rows(map(tuple, rows), search_texts=search_texts, sorted_by=sorted_by)

    def row_at(self, row: int) -> RegisterRow:
        return _as_row(self._rows[row])

    def rows(self) -> list[RegisterRow]:
        return list(map(_as_row, self._rows))

    def set_register(self, rows: Iterable[Plain]) -> None:
        """A register as the service reads it, already in row-number order (the default sort):
        nothing to sort or check on the UI thread when it lands."""
        self.set_rows(rows, sorted_by=(COL_NUMBER, Qt.SortOrder.AscendingOrder))

    def _order(self, column: int, order: Qt.SortOrder) -> list[int]:
        """The register arrives in row-number order: no sort for the default (15,000 rows at scale)."""
        rows = self._rows
        if (column == COL_NUMBER and order == Qt.SortOrder.AscendingOrder
                and all(a[NUMBER] < b[NUMBER] for a, b in zip(rows, rows[1:], strict=False))):
            return list(range(len(rows)))
        return super()._order(column, order)

    def same_numbers(self, rows: Iterable[Plain]) -> bool:
        """True when ``rows`` number the same people the same way as shown (nothing to redraw)."""
        return (sorted((r[NUMBER], r[MEMBER_ID]) for r in rows)
                == sorted((r[NUMBER], r[MEMBER_ID]) for r in self._rows))

    def rows_changed(self, order: list[int] | None) -> None:
        self._row_of = None  # made when a mark first needs it, not when 15,000 rows land

    def _rows_of_members(self) -> dict[int, int]:
        if self._row_of is None:
            self._row_of = {r[MEMBER_ID]: i for i, r in enumerate(self._rows)}
        return self._row_of

    def update_entry(self, member_id: int, status: str | None, checked_in_at: datetime | None) -> None:
        row = self._rows_of_members().get(member_id)
        if row is not None:
            self.replace_row(row, (*self._rows[row][:STATUS], status, checked_in_at))

    def counts(self) -> RegisterCounts:
        return count_register(self._rows)

    def row_of_member(self, member_id: int) -> int | None:
        return self._rows_of_members().get(member_id)

    def row_of_number(self, number: int) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r[NUMBER] == number), None)

    # --- Qt model interface ----------------------------------------------------------------
    def haystack(self, row: Plain) -> str:
        return row[NAME] + " " + row[FIRST]

    def folded_haystack(self, row: Plain) -> str:
        """" ann smith ann": a word is found where a name part starts with it (" sm"), by ``in``."""
        return " " + " ".join(fold(self.haystack(row)).split())

    def row_id(self, row: Plain) -> int:
        return row[MEMBER_ID]

    def extra_data(self, row: Plain, column: int, role: int) -> Any:
        status = row[STATUS]
        if role == Qt.ItemDataRole.BackgroundRole and column == COL_STATUS and status in STATUS_COLOURS:
            return QBrush(QColor(STATUS_COLOURS[status]))
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_STATUS and status in STATUS_COLOURS:
            return QBrush(QColor(INK_ON_TINT))  # dark text on the light tint, whatever the theme
        if (role == Qt.ItemDataRole.ToolTipRole and column == COL_MEMBER_STATUS
                and row[MEMBER_STATUS] == "prospect"):
            return _("A guest or contact, not (yet) a member")
        if role == STATUS_ROLE:
            return status
        return None


def _as_row(values: Plain) -> RegisterRow:
    return tuple.__new__(RegisterRow, values)


class RegisterFilterProxy(RowFilterProxy):
    """Filters by the start of any name part, accent-folded, or by row number, over the
    whole register in one pass (the search texts start each name part with a space)."""

    typing_narrows = False  # "12" does not narrow "1": row numbers are matched whole

    def match_words(self, rows: list[int], words: list[str]) -> list[int]:
        model = self.source()
        if len(words) == 1 and words[0].isdigit():
            register, number = model.rows_view(), words[0]
            return [i for i in rows if str(register[i][NUMBER]) == number]
        texts = model.search_texts()
        for word in words:
            start = " " + word
            rows = [i for i in rows if start in texts[i]]
        return rows
