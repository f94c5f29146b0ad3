"""Possible duplicates: pairs side by side, merge one into the other (after a backup).

"Not the same person" is remembered in the group settings so the pair stops
showing up.
"""

from __future__ import annotations

from datetime import date

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

from communitydesk.errors import UserError
from communitydesk.gui.background import BackgroundTask
from communitydesk.gui.context import AppContext
from communitydesk.gui.dates import short_date
from communitydesk.gui.members import member_dialog
from communitydesk.gui.members.member_fields import LABELS
from communitydesk.gui.widgets import EmptyState
from communitydesk.services.member_duplicates import (
    DuplicatePair,
    find_possible_duplicates,
    merge_members,
)
from communitydesk.services.members import get_member
from communitydesk.services.settings import load_settings, save_settings

NOT_DUPLICATES_KEY = "members_not_duplicates"
SHOWN_AT_MOST = 500
COMPARED = ("first_name", "last_name", "preferred_name", "email", "phone", "address_line1",
            "town", "postcode", "status", "joined_on", "ladder_stage")


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
        self.setWindowTitle("Possible duplicates")
        self.pairs: list[DuplicatePair] = []
        self.task: BackgroundTask | None = None
        self.ready = False
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.list = _table(["Member", "Possible duplicate", "Why"])
        self.list.itemSelectionChanged.connect(self._show_selected)
        self.compare = _table(["", "Left", "Right"])
        self.compare.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.keep_left = QPushButton("Keep left, merge right into it")
        self.keep_left.setObjectName("primary")
        self.keep_left.clicked.connect(lambda: self.merge_selected(keep_left=True))
        self.keep_right = QPushButton("Keep right, merge left into it")
        self.keep_right.clicked.connect(lambda: self.merge_selected(keep_left=False))
        self.not_same = QPushButton("Not the same person")
        self.not_same.clicked.connect(self.mark_not_duplicate)
        close = QPushButton("Close")
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
        column.addWidget(QLabel("<b>Side by side</b> — a merge keeps every attendance, "
                                "one-to-one, action and tag of both; empty fields are filled "
                                "from the other record."))
        column.addWidget(self.compare, 4)
        self.empty = EmptyState("No possible duplicates",
                                "Nobody shares an email or phone, and no two names are alike.")
        self.stack = QStackedWidget()
        self.stack.addWidget(body)
        self.stack.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)
        self.resize(900, 640)
        self.refresh()

    def refresh(self) -> None:
        """Look for pairs in a worker thread (seconds on a big list); the window stays live."""
        self.ready = False
        self.intro.setText("Looking for members who may be on the list twice…")
        for button in (self.keep_left, self.keep_right, self.not_same):
            button.setEnabled(False)
        db = self.ctx.db

        def job(_progress) -> tuple[list[DuplicatePair], set]:  # noqa: ANN001
            with db.session() as session:
                settings = load_settings(session)
                ignored = {tuple(p) for p in settings.extra.get(NOT_DUPLICATES_KEY, [])}  # type: ignore[union-attr]
                return find_possible_duplicates(session, phone_region=settings.phone_region,
                                                limit=SHOWN_AT_MOST + len(ignored)), ignored

        self.task = BackgroundTask(job, self)
        self.task.succeeded.connect(self._show_pairs)
        self.task.failed.connect(self._on_failed)
        self.task.start()

    def _on_failed(self, exc: Exception) -> None:
        self.intro.setText(f"Cannot look for duplicates: {exc}")
        self.ready = True

    def _show_pairs(self, found: tuple[list[DuplicatePair], set]) -> None:
        pairs, ignored = found
        self.pairs = [p for p in pairs if (p.first.id, p.second.id) not in ignored][:SHOWN_AT_MOST]
        self.list.setRowCount(len(self.pairs))
        for row, pair in enumerate(self.pairs):
            for col, text in enumerate((self._who(pair.first), self._who(pair.second),
                                        ", ".join(pair.reasons))):
                self.list.setItem(row, col, QTableWidgetItem(text))
        count = (f"The {SHOWN_AT_MOST} strongest possible duplicates" if len(self.pairs) ==
                 SHOWN_AT_MOST else f"{len(self.pairs)} possible duplicates")
        self.intro.setText(f"<b>{count}.</b> Same email, same phone "
                           "or a similar name. Check each pair and merge the ones that are one "
                           "person; a backup is taken before every merge.")
        self.stack.setCurrentWidget(self.empty if not self.pairs else self.stack.widget(0))
        if self.pairs:
            self.list.selectRow(0)
        self._show_selected()
        self.ready = True

    def done(self, result: int) -> None:
        if self.task is not None and self.task.is_running():
            self.task.wait()
        super().done(result)

    @staticmethod
    def _who(m) -> str:  # noqa: ANN001 - MemberSummary
        return " · ".join(x for x in (m.full_name, m.email or m.phone or "") if x)

    def selected(self) -> DuplicatePair | None:
        rows = self.list.selectionModel().selectedRows()
        return self.pairs[rows[0].row()] if rows else None

    def _show_selected(self) -> None:
        pair = self.selected()
        for button in (self.keep_left, self.keep_right, self.not_same):
            button.setEnabled(pair is not None)
        self.compare.setRowCount(0)
        if pair is None:
            return
        with self.ctx.db.session() as session:
            left, right = get_member(session, pair.first.id), get_member(session, pair.second.id)
        fields = [*COMPARED, "tags"]
        self.compare.setRowCount(len(fields))
        for row, key in enumerate(fields):
            a = ", ".join(left.tags) if key == "tags" else left.values.get(key)
            b = ", ".join(right.tags) if key == "tags" else right.values.get(key)
            items = [QTableWidgetItem(LABELS.get(key, key)),
                     QTableWidgetItem(_shown(a)), QTableWidgetItem(_shown(b))]
            if a and b and str(a) != str(b):
                for item in items[1:]:
                    item.setForeground(Qt.GlobalColor.darkRed)
            for col, item in enumerate(items):
                self.compare.setItem(row, col, item)

    def merge_selected(self, *, keep_left: bool) -> bool:
        pair = self.selected()
        if pair is None:
            return False
        keep, gone = (pair.first, pair.second) if keep_left else (pair.second, pair.first)
        if not member_dialog.ask_confirm(
                self, "Merge members",
                f"Merge {gone.full_name} (#{gone.id}) into {keep.full_name} (#{keep.id})?\n\n"
                f"Everything recorded for {gone.full_name} moves to {keep.full_name}; the second "
                "record is then removed. A backup is taken first."):
            return False
        try:
            if self.ctx.db.is_sqlite:
                self.ctx.db.backup(reason="before-merge")
            with self.ctx.db.session() as session:
                merge_members(session, keep.id, gone.id)
        except UserError as exc:
            member_dialog.show_problem(self, "Cannot merge", str(exc))
            return False
        self.ctx.announce("members", "attendance", "one_to_ones", "meetings")
        self.refresh()
        return True

    def mark_not_duplicate(self) -> None:
        pair = self.selected()
        if pair is None:
            return
        with self.ctx.db.session() as session:
            current = list(load_settings(session).extra.get(NOT_DUPLICATES_KEY, []))  # type: ignore[call-overload]
            current.append([pair.first.id, pair.second.id])
            save_settings(session, **{NOT_DUPLICATES_KEY: current})
        self.refresh()
