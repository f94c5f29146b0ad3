"""Qt models over the report's per-person and per-meeting rows.

The report rows are plain NamedTuples from services.reports.figures; each model is the
shared ``RowTableModel`` over a list of columns (header, display, sort key,
alignment), searched on a few fields only, with ties in a sort broken by id so
the order is the same every time.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from communitydesk.gui.common.dates import long_date, short_date, short_datetime
from communitydesk.gui.common.row_model import Column, RowTableModel
from communitydesk.services.core.text import fold
from communitydesk.services.reports.figures import MeetingAttendance, MemberAttendance

MEMBER_COLUMNS: tuple[Column, ...] = (
    Column("Name", lambda m: m.name, lambda m: fold(m.name)),
    Column("Status", lambda m: m.status.capitalize(), lambda m: m.status),
    Column("Present", lambda m: str(m.present), lambda m: m.present, True),
    Column("Apologies", lambda m: str(m.apologies), lambda m: m.apologies, True),
    Column("Since joining", lambda m: str(m.eligible), lambda m: m.eligible, True),
    Column("Rate", lambda m: f"{m.rate:.0%}", lambda m: m.rate, True),
    Column("Last attended", lambda m: short_date(m.last_attended),
           lambda m: m.last_attended or date.min),
    Column("New", lambda m: "New" if m.new else "", lambda m: m.new),
)
(M_COL_NAME, M_COL_STATUS, M_COL_PRESENT, M_COL_APOLOGIES, M_COL_ELIGIBLE, M_COL_RATE,
 M_COL_LAST, M_COL_NEW) = range(len(MEMBER_COLUMNS))

MEETING_COLUMNS: tuple[Column, ...] = (
    Column("Date", lambda m: short_datetime(m.starts_at), lambda m: m.starts_at),
    Column("Meeting", lambda m: m.title, lambda m: fold(m.title)),
    Column("Kind", lambda m: m.kind.capitalize(), lambda m: m.kind),
    Column("Status", lambda m: m.status.capitalize() + (
        f" (not counted: {m.not_counted_because})" if m.not_counted_because else ""),
        lambda m: m.status),
    Column("Present", lambda m: str(m.present), lambda m: m.present, True),
    Column("Apologies", lambda m: str(m.apologies), lambda m: m.apologies, True),
    Column("Absent", lambda m: str(m.absent), lambda m: m.absent, True),
    Column("New", lambda m: str(m.new), lambda m: m.new, True),
)
(MT_COL_DATE, MT_COL_TITLE, MT_COL_KIND, MT_COL_STATUS, MT_COL_PRESENT, MT_COL_APOLOGIES,
 MT_COL_ABSENT, MT_COL_NEW) = range(len(MEETING_COLUMNS))


class ReportRowsTableModel(RowTableModel[Any]):
    """Read-only rows with typed sort keys; ``row_at`` gives the NamedTuple back."""

    align_headers = True

    def __init__(self, columns: Sequence[Column], search: Callable[[Any], str],
                 parent=None) -> None:  # noqa: ANN001 - Qt parent
        super().__init__(parent)
        self.columns = tuple(columns)
        self._search_of = search

    def haystack(self, row: Any) -> str:
        return self._search_of(row)

    def sort_key(self, column: int) -> Callable[[Any], Any]:
        key = self.columns[column].key
        return lambda r: (key(r), r.id)


def member_report_model(parent=None) -> ReportRowsTableModel:  # noqa: ANN001
    return ReportRowsTableModel(MEMBER_COLUMNS, lambda m: f"{m.name} {m.status}", parent)


def meeting_report_model(parent=None) -> ReportRowsTableModel:  # noqa: ANN001
    return ReportRowsTableModel(
        MEETING_COLUMNS, lambda m: f"{m.title} {m.kind} {m.status} {short_date(m.starts_at)} {long_date(m.starts_at)}", parent)


__all__ = [
    "MEETING_COLUMNS", "MEMBER_COLUMNS", "MeetingAttendance", "MemberAttendance",
    "ReportRowsTableModel", "meeting_report_model", "member_report_model",
]
