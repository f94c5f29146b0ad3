"""Qt model over ``MemberSummary`` rows, and a proxy that filters by text, status, tag, archived.

The model is the shared ``RowTableModel``: sorting in the source model with keys
computed once per row (Python's sort, not a Qt callback per comparison), and a
lower-case, accent-folded search text per row built on the first search, so
20,000 members open and filter quickly. The proxy adds this screen's own filters.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt

from communitydesk.gui.common.dates import short_date
from communitydesk.gui.common.row_model import Column, RowTableModel
from communitydesk.gui.common.search_proxy import IndexFilterProxy
from communitydesk.gui.common.shown_values import MEMBER_STATUS, shown
from communitydesk.i18n import N_, _
from communitydesk.services.core.text import collation_key
from communitydesk.services.members.records import MemberSummary, member_search_text

COL_LAST, COL_FIRST, COL_EMAIL, COL_PHONE, COL_POSTCODE, COL_STATUS, COL_JOINED, COL_TAGS = range(8)


def _then_last_name(header: str, display: Callable[[MemberSummary], str]) -> Column[MemberSummary]:
    """A column sorted by its text, then by last name, then id: a stable order among equals."""
    return Column(header, display, lambda m: (collation_key(display(m)), collation_key(m.last_name), m.id))


class MemberTableModel(RowTableModel[MemberSummary]):
    columns = (
        Column(N_("Last name"), lambda m: m.last_name,
               lambda m: (collation_key(m.last_name), collation_key(m.first_name), m.id)),
        Column(N_("First name"),
               lambda m: f"{m.first_name} ({m.preferred_name})" if m.preferred_name else m.first_name,
               lambda m: (collation_key(m.first_name), collation_key(m.last_name), m.id)),
        _then_last_name(N_("Email"), lambda m: m.email or ""),
        _then_last_name(N_("Phone"), lambda m: m.phone or ""),
        _then_last_name(N_("Postcode"), lambda m: m.postcode or ""),
        _then_last_name(N_("Status"), lambda m: _("{status} (archived)").format(status=shown(MEMBER_STATUS, m.status))
                        if m.archived else shown(MEMBER_STATUS, m.status)),
        Column(N_("Joined"), lambda m: short_date(m.joined_on) if m.joined_on else "",
               lambda m: (m.joined_on is None, m.joined_on or date.min, collation_key(m.last_name), m.id)),
        _then_last_name(N_("Tags"), lambda m: ", ".join(m.tags)),
    )

    def rows(self) -> list[MemberSummary]:
        """The list itself, not a copy: the filter reads it on every keystroke. Do not change it."""
        return self._rows

    def haystack(self, m: MemberSummary) -> str:
        """The same text ``members list --search`` looks in (already folded; folding is idempotent)."""
        return member_search_text(m)

    def extra_data(self, row: MemberSummary, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_TAGS and row.tags:
            return ", ".join(row.tags)
        return None


class MemberFilterProxy(IndexFilterProxy):
    """Rows of the source that pass the search words, status, tag and archived filters, picked
    in one list comprehension a filter (see ``IndexFilterProxy``). A new filter is a reset,
    as it always was here: the selection of a bulk action is not carried into other rows."""

    refilter_resets = True

    def __init__(self, parent=None) -> None:  # noqa: ANN001 - Qt parent
        super().__init__(parent)
        self._status: str | None = None
        self._tag: str | None = None
        self._show_archived = False
        self._only_ids: frozenset[int] | None = None  # e.g. a dues state (#17)

    # --- filters ----------------------------------------------------------------------------
    def set_status(self, status: str | None) -> None:
        self._status = status
        self.refilter()

    def set_tag(self, tag: str | None) -> None:
        self._tag = tag
        self.refilter()

    def set_only_ids(self, ids: frozenset[int] | None) -> None:
        self._only_ids = ids
        self.refilter()

    def set_show_archived(self, show: bool) -> None:
        self._show_archived = show
        self.refilter()

    def filter_rows(self, wanted: list[int]) -> list[int]:
        model = self.sourceModel()
        if not isinstance(model, MemberTableModel):
            return []
        rows = model.rows()
        if not self._show_archived:
            wanted = [i for i in wanted if not rows[i].archived]
        if self._status:
            status = self._status
            wanted = [i for i in wanted if rows[i].status == status]
        if self._tag:
            tag = self._tag
            wanted = [i for i in wanted if tag in rows[i].tags]
        if self._only_ids is not None:
            only = self._only_ids
            wanted = [i for i in wanted if rows[i].id in only]
        return wanted
