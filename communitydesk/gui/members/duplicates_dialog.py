"""Possible duplicates: pairs side by side, merge one into the other (after a backup).

"Not the same person" is remembered in the group settings so the pair stops
showing up. The search, the side-by-side records, the merge and "not the same"
each go through the operation runner: the window stays live on a big list.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from communitydesk.gui.common.dates import short_date
from communitydesk.gui.common.widgets import EmptyState, fit_to_screen
from communitydesk.gui.context import AppContext
from communitydesk.gui.members import member_dialog
from communitydesk.gui.members.member_fields import LABELS
from communitydesk.gui.operations import show_problem
from communitydesk.i18n import _, ngettext
from communitydesk.services.core.names import person_name
from communitydesk.services.members.duplicates import (
    DuplicatePair,
    find_possible_duplicates,
    merge_members,
)
from communitydesk.services.members.records import MemberRecord, get_member
from communitydesk.services.settings.group_settings import load_settings, save_settings

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from communitydesk.gui.operations import Operation

NOT_DUPLICATES_KEY = "members_not_duplicates"
SHOWN_AT_MOST = 500
COMPARED = ("first_name", "last_name", "preferred_name", "email", "phone", "address_line1",
            "town", "postcode", "status", "joined_on", "ladder_stage")


@dataclass(frozen=True)
class FoundPairs:
    """The strongest pairs and those already marked "not the same person"."""

    pairs: list[DuplicatePair]
    ignored: frozenset[tuple[int, int]]


def find_pairs(session: Session) -> FoundPairs:
    settings = load_settings(session)
    ignored = frozenset(tuple(p) for p in settings.extra.get(NOT_DUPLICATES_KEY, []))  # type: ignore[union-attr]
    pairs = find_possible_duplicates(session, phone_region=settings.phone_region,
                                     limit=SHOWN_AT_MOST + len(ignored))
    return FoundPairs(pairs, ignored)  # type: ignore[arg-type]


def remember_not_duplicates(session: Session, first_id: int, second_id: int) -> None:
    current = list(load_settings(session).extra.get(NOT_DUPLICATES_KEY, []))  # type: ignore[call-overload]
    current.append([first_id, second_id])
    save_settings(session, **{NOT_DUPLICATES_KEY: current})


def _who(member) -> str:  # noqa: ANN001 - MemberSummary
    name = person_name(member.first_name, member.last_name, member.preferred_name)
    return " · ".join(x for x in (name, member.email or member.phone or "") if x)


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    table.setAlternatingRowColors(True)
    return table


def _shown(value: object) -> str:
    """A field's value as the record shows it: dates in the locale's short form."""
    if value is None:
        return ""
    if isinstance(value, date):
        return short_date(value)
    return str(value)


class DuplicatesDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(_("Possible duplicates"))
        self.pairs: list[DuplicatePair] = []
        self.loading: Operation | None = None  # the search for pairs
        self.comparing: Operation | None = None  # the two records of the selected pair
        self.changing: Operation | None = None  # a merge, or "not the same person"
        self.ready = False
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.list = _table([_("Member"), _("Possible duplicate"), _("Why")])
        self.list.itemSelectionChanged.connect(self._show_selected)
        self.compare = _table(["", _("Left record"), _("Right record")])
        self.compare.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.keep_left = QPushButton(_("Keep &left, merge right into it"))
        self.keep_left.setObjectName("primary")
        self.keep_left.clicked.connect(lambda: self.merge_selected(keep_left=True))
        self.keep_right = QPushButton(_("Keep &right, merge left into it"))
        self.keep_right.clicked.connect(lambda: self.merge_selected(keep_left=False))
        self.not_same = QPushButton(_("&Not the same person"))
        self.not_same.clicked.connect(self.mark_not_duplicate)
        close = QPushButton(_("&Close"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.not_same)
        buttons.addStretch(1)
        buttons.addWidget(self.keep_right)
        buttons.addWidget(self.keep_left)
        buttons.addWidget(close)
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.list, 3)
        self.side_by_side = QLabel(_("<b>Side by side</b> — a merge keeps every attendance, "
                                   "one-to-one, action and tag of both; empty fields are filled "
                                   "from the other record."))
        self.side_by_side.setWordWrap(True)  # never wider than a small laptop's screen
        column.addWidget(self.side_by_side)
        column.addWidget(self.compare, 4)
        self.empty = EmptyState(_("No possible duplicates"),
                                _("Nobody shares an email or phone, and no two names are alike."))
        self.stack = QStackedWidget()
        self.stack.addWidget(body)
        self.stack.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)
        fit_to_screen(self, 900, 640)
        self.refresh()

    def _enable(self, enabled: bool) -> None:
        for button in (self.keep_left, self.keep_right, self.not_same):
            button.setEnabled(enabled)

    def refresh(self) -> Operation:
        """Look for pairs off the UI thread (seconds on a big list); the window stays live."""
        self.ready = False
        self.intro.setText(_("Looking for members who may be on the list twice…"))
        self._enable(False)
        self.loading = self.ctx.ops.read(find_pairs, parent=self, key=f"duplicates-{id(self)}",
                                         done=self._show_pairs,
                                         failed=self._on_failed)
        self.loading.finished.connect(self._update_ready)
        return self.loading

    def _update_ready(self) -> None:
        """Ready (tests wait for it) once the search and the shown pair's records have both
        finished, in whichever order their workers end: a read counts as finished only after
        its thread has, which can be after a later, quicker read's result has arrived."""
        self.ready = all(op is None or op.is_done for op in (self.loading, self.comparing))

    def _on_failed(self, exc: Exception) -> None:
        reason = (str(exc).splitlines() or [type(exc).__name__])[0]
        self.intro.setText(_("Cannot look for duplicates: {reason}").format(reason=reason))
        self.ready = True

    def _show_pairs(self, found: FoundPairs) -> None:
        self.pairs = [p for p in found.pairs
                      if (p.first.id, p.second.id) not in found.ignored][:SHOWN_AT_MOST]
        self.list.setRowCount(len(self.pairs))
        for row, pair in enumerate(self.pairs):
            for col, text in enumerate((_who(pair.first), _who(pair.second),
                                        pair.shown_reasons())):
                self.list.setItem(row, col, QTableWidgetItem(text))
        count = (_("The {count} strongest possible duplicates") if len(self.pairs) == SHOWN_AT_MOST
                 else ngettext("{count} possible duplicate", "{count} possible duplicates",
                               len(self.pairs))).format(count=len(self.pairs))
        self.intro.setText(f"<b>{count}.</b> " + _("Same email, same phone "
                           "or a similar name. Check each pair and merge the ones that are one "
                           "person; a backup is taken before every merge."))
        self.stack.setCurrentWidget(self.empty if not self.pairs else self.stack.widget(0))
        if self.pairs:
            self.list.selectRow(0)
        self._show_selected()

    def selected(self) -> DuplicatePair | None:
        rows = self.list.selectionModel().selectedRows()
        return self.pairs[rows[0].row()] if rows else None

    def _show_selected(self) -> None:
        """The two records side by side, read off the UI thread (the newest selection wins)."""
        pair = self.selected()
        self._enable(False)
        self.compare.setRowCount(0)
        if pair is None:
            if self.comparing is not None:
                self.comparing.cancel()  # an older pair's records must not arrive now
                self.comparing = None
            return
        first_id, second_id = pair.first.id, pair.second.id
        self.comparing = self.ctx.ops.read(
            lambda session: (get_member(session, first_id), get_member(session, second_id)),
            parent=self, key=f"duplicates-compare-{id(self)}",
            done=self._show_records)
        self.comparing.finished.connect(self._update_ready)

    def _show_records(self, records: tuple[MemberRecord, MemberRecord]) -> None:
        left, right = records
        fields = [*COMPARED, "tags"]
        self.compare.setRowCount(len(fields))
        for row, key in enumerate(fields):
            a = ", ".join(left.tags) if key == "tags" else left.values.get(key)
            b = ", ".join(right.tags) if key == "tags" else right.values.get(key)
            items = [QTableWidgetItem(_(LABELS[key]) if key in LABELS else key),
                     QTableWidgetItem(_shown(a)), QTableWidgetItem(_shown(b))]
            if a and b and str(a) != str(b):
                for item in items[1:]:
                    item.setForeground(Qt.GlobalColor.darkRed)
            for col, item in enumerate(items):
                self.compare.setItem(row, col, item)
        self._enable(self.changing is None)

    def merge_selected(self, *, keep_left: bool) -> Operation | None:
        pair = self.selected()
        if pair is None or self.changing is not None:
            return None
        keep, gone = (pair.first, pair.second) if keep_left else (pair.second, pair.first)
        keep_name = person_name(keep.first_name, keep.last_name, keep.preferred_name)
        gone_name = person_name(gone.first_name, gone.last_name, gone.preferred_name)
        if not member_dialog.ask_confirm(
                self, _("Merge members"),
                _("Merge {gone} (#{gone_id}) into {kept} (#{kept_id})?\n\n"
                  "Everything recorded for {gone} moves to {kept}; the second "
                  "record is then removed. A backup is taken first.").format(
                    gone=gone_name, gone_id=gone.id, kept=keep_name, kept_id=keep.id),
                _("Merge")):
            return None
        keep_id, gone_id = keep.id, gone.id

        def job(session: Session) -> object:
            return merge_members(session, keep_id, gone_id)  # the service backs the file up first

        return self._change(job)

    def mark_not_duplicate(self) -> Operation | None:
        pair = self.selected()
        if pair is None or self.changing is not None:
            return None
        first_id, second_id = pair.first.id, pair.second.id
        return self._change(lambda session: remember_not_duplicates(session, first_id, second_id))

    def _change(self, job) -> Operation:  # noqa: ANN001 - a write taking a session
        """One write, then a fresh search (the list it showed is out of date)."""
        self._enable(False)
        self.ready = False

        def finished(_result: object = None) -> None:
            self.changing = None
            self.refresh()

        def failed(exc: Exception) -> None:
            self.changing = None
            self.ready = True
            self._enable(self.selected() is not None)
            show_problem(self, exc)

        self.changing = self.ctx.ops.write(job, parent=self, done=finished,
                                           failed=failed)
        return self.changing
