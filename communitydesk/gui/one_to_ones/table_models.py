"""Qt table models over the one-to-ones services' rows (follow-ups, conversations, people, timeline).

Each is a list of ``Column``s over the shared ``RowTableModel`` (sorting in the
source model, accent-folded search, so "lukasz" finds "Łukasz"); the screens put
a ``RowFilterProxy`` in front for the search box.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from communitydesk.gui.common.dates import short_date
from communitydesk.gui.common.row_model import (
    ID_ROLE,
    ROW_ROLE,
    SEARCH_ROLE,
    SORT_ROLE,
    Column,
    RowTableModel,
)
from communitydesk.gui.meetings.labels import translated_columns, word
from communitydesk.gui.theme import readable
from communitydesk.i18n import N_, _, ngettext
from communitydesk.services.core.text import fold
from communitydesk.services.members.timeline import KIND_ORDER, TimelineEvent
from communitydesk.services.one_to_ones.conversations import OneToOneSummary
from communitydesk.services.one_to_ones.follow_ups import FollowUp, QuietMember

T = TypeVar("T")
OVERDUE = QColor("#a33a2a")


_ISO_DAY = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def _local_days(text: str) -> str:
    """ISO days inside a service's detail text ("due 2026-03-09") in the locale's short form."""
    return _ISO_DAY.sub(lambda m: short_date(date(int(m[1]), int(m[2]), int(m[3]))), text)


def _day(value: date | None) -> str:
    return short_date(value) if value else ""


# What ``RowTableModel.cell_data`` answers, and the tooltip: a painted cell is asked for about
# 25 roles (font, colours, check state, size…), and most have no answer here (#14).
ANSWERED_ROLES = frozenset(int(r) for r in (
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.ToolTipRole,
    ID_ROLE, ROW_ROLE, SORT_ROLE, SEARCH_ROLE))


class _TippedTableModel(RowTableModel[T]):
    """Next steps and details are cut off in narrow columns: the tooltip shows the whole text."""

    answered_roles = ANSWERED_ROLES  # a subclass answering more (a colour) adds them

    def __init__(self, parent=None) -> None:  # noqa: ANN001 - Qt parent
        super().__init__(parent)
        self.columns = translated_columns(self.columns)  # headers in the reader's language

    def cell_data(self, row_number: int, column: int, role: int) -> Any:
        """A role nobody answers returns at once: the window paints a screenful of 7,000
        follow-ups with ~3,000 of these questions, each a chain of comparisons otherwise."""
        if role not in self.answered_roles:
            return None
        return super().cell_data(row_number, column, role)

    def extra_data(self, row: T, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.columns[column].display(row)
        return None


def _overdue_text(f: FollowUp) -> str:
    if f.days_overdue > 0:
        return ngettext("{count} day overdue", "{count} days overdue", f.days_overdue).format(count=f.days_overdue)
    if f.days_overdue == 0:
        return _("due today")
    return ngettext("in {count} day", "in {count} days", -f.days_overdue).format(count=-f.days_overdue)


class FollowUpTableModel(_TippedTableModel[FollowUp]):
    COL_DATE, COL_WHEN, COL_PERSON, COL_STEP, COL_ORGANISER, COL_HELD = range(6)
    columns = (
        Column(N_("Follow up"), lambda f: _day(f.follow_up_on), lambda f: (f.follow_up_on, fold(f.member_name))),
        Column("", _overdue_text, lambda f: (-f.days_overdue, fold(f.member_name))),
        Column(N_("Person"), lambda f: f.member_name),
        Column(N_("Next step"), lambda f: f.next_step or ""),
        Column(N_("Organiser"), lambda f: f.organiser_name or _("(nobody)")),
        Column(N_("Conversation"), lambda f: _day(f.conversation.held_on), lambda f: f.conversation.held_on),
    )

    answered_roles = ANSWERED_ROLES | {int(Qt.ItemDataRole.ForegroundRole)}  # overdue in red

    # ``follow_ups_due`` already sorts by date, then folded name, then id: the order of
    # this column ascending (a stable sort keeps the ids' order among equal keys).
    SERVICE_ORDER = (COL_DATE, Qt.SortOrder.AscendingOrder)

    def extra_data(self, row: FollowUp, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole:
            return _brush(readable(OVERDUE)) if column == self.COL_WHEN and row.days_overdue > 0 else None
        return super().extra_data(row, column, role)

    def set_rows(self, rows: Iterable[FollowUp]) -> None:
        """Rows in the service's order need no sort on the UI thread (7,000 overdue: ~80 ms)."""
        if self._sort != self.SERVICE_ORDER:
            super().set_rows(rows)
            return
        self._sort = None
        try:
            super().set_rows(rows)
        finally:
            self._sort = self.SERVICE_ORDER
        self._in_order = True  # already in this order: the header's sort need not sort again


class ConversationTableModel(_TippedTableModel[OneToOneSummary]):
    COL_DATE, COL_PERSON, COL_ORGANISER, COL_MEDIUM, COL_STEP, COL_FOLLOW, COL_STAGE = range(7)
    columns = (
        Column(N_("Date"), lambda c: _day(c.held_on), lambda c: (c.held_on, c.id)),
        Column(N_("Person"), lambda c: c.member_name),
        Column(N_("Organiser"), lambda c: c.organiser_name or ""),
        Column(N_("How"), lambda c: _(c.medium_label) + (
            ", " + _("{minutes} min").format(minutes=c.duration_minutes) if c.duration_minutes else "")),
        Column(N_("Next step"), lambda c: c.next_step or ""),
        Column(N_("Follow up"), lambda c: _day(c.follow_up_on) + (" ✓" if c.follow_up_done_at else ""),
               lambda c: (c.follow_up_on or date.min, c.id)),
        Column(N_("Stage after"), lambda c: c.stage_after or ""),
    )


class QuietMemberTableModel(_TippedTableModel[QuietMember]):
    COL_PERSON, COL_STATUS, COL_STAGE, COL_LAST_TALK, COL_MEETINGS, COL_LAST_CAME = range(6)
    columns = (
        Column(N_("Person"), lambda p: p.name),
        Column(N_("Status"), lambda p: word(p.status)),
        Column(N_("Ladder stage"), lambda p: p.ladder_stage or ""),
        Column(N_("Last one-to-one"), lambda p: _day(p.last_one_to_one_on) or _("never"),
               lambda p: p.last_one_to_one_on or date.min),
        Column(N_("Meetings attended"), lambda p: "" if p.meetings_attended is None else str(p.meetings_attended),
               lambda p: p.meetings_attended or 0),
        Column(N_("Last came"), lambda p: _day(p.last_attended_on), lambda p: p.last_attended_on or date.min),
    )


class TimelineTableModel(_TippedTableModel[TimelineEvent]):
    COL_DATE, COL_KIND, COL_TITLE, COL_DETAIL = range(4)
    columns = (
        Column(N_("Date"), lambda e: short_date(e.at), lambda e: (e.at, KIND_ORDER.get(e.kind, 9))),
        Column(N_("What"), lambda e: _(e.kind_label)),
        Column(N_("Event"), lambda e: e.title),
        Column(N_("Details"), lambda e: _local_days(e.detail)),
    )


_BRUSHES: dict[int, QBrush] = {}


def _brush(colour: QColor) -> QBrush:
    """One brush a colour: asked for every painted cell of thousands of overdue rows."""
    brush = _BRUSHES.get(colour.rgba())
    if brush is None:
        brush = _BRUSHES[colour.rgba()] = QBrush(colour)
    return brush
