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
from communitydesk.gui.meetings.labels import translated_columns, word
from communitydesk.i18n import N_, _
from communitydesk.services.core.text import fold
from communitydesk.services.reports.figures import MeetingAttendance, MemberAttendance

MEMBER_COLUMNS: tuple[Column, ...] = (
    Column(N_("Name"), lambda m: m.name, lambda m: fold(m.name)),
    Column(N_("Status"), lambda m: word(m.status), lambda m: m.status),
    Column(N_("Present"), lambda m: str(m.present), lambda m: m.present, True),
    Column(N_("Apologies"), lambda m: str(m.apologies), lambda m: m.apologies, True),
    Column(N_("Since joining"), lambda m: str(m.eligible), lambda m: m.eligible, True),
    Column(N_("Rate"), lambda m: f"{m.rate:.0%}", lambda m: m.rate, True),
    Column(N_("Last attended"), lambda m: short_date(m.last_attended),
           lambda m: m.last_attended or date.min),
    Column(N_("New"), lambda m: _("New") if m.new else "", lambda m: m.new),
)
(M_COL_NAME, M_COL_STATUS, M_COL_PRESENT, M_COL_APOLOGIES, M_COL_ELIGIBLE, M_COL_RATE,
 M_COL_LAST, M_COL_NEW) = range(len(MEMBER_COLUMNS))

MEETING_COLUMNS: tuple[Column, ...] = (
    Column(N_("Date"), lambda m: short_datetime(m.starts_at), lambda m: m.starts_at),
    Column(N_("Meeting"), lambda m: m.title, lambda m: fold(m.title)),
    Column(N_("Kind"), lambda m: word(m.kind), lambda m: m.kind),
    Column(N_("Status"), lambda m: word(m.status) + (
        " " + _("(not counted: {reason})").format(reason=_(m.not_counted_because))
        if m.not_counted_because else ""),
        lambda m: m.status),
    Column(N_("Present"), lambda m: str(m.present), lambda m: m.present, True),
    Column(N_("Apologies"), lambda m: str(m.apologies), lambda m: m.apologies, True),
    Column(N_("Absent"), lambda m: str(m.absent), lambda m: m.absent, True),
    Column(N_("New"), lambda m: str(m.new), lambda m: m.new, True),
)
(MT_COL_DATE, MT_COL_TITLE, MT_COL_KIND, MT_COL_STATUS, MT_COL_PRESENT, MT_COL_APOLOGIES,
 MT_COL_ABSENT, MT_COL_NEW) = range(len(MEETING_COLUMNS))


class ReportRowsTableModel(RowTableModel[Any]):
    """Read-only rows with typed sort keys; ``row_at`` gives the NamedTuple back."""

    align_headers = True

    def __init__(self, columns: Sequence[Column], search: Callable[[Any], str],
                 parent=None) -> None:  # noqa: ANN001 - Qt parent
        super().__init__(parent)
        self.columns = translated_columns(tuple(columns))  # headers in the reader's language
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

# Why a meeting is not counted (services.reports.figures), for the catalogue; shown through _().
NOT_COUNTED_WORDS = (N_("cancelled"), N_("not held yet"))
