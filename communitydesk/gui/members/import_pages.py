"""The import wizard's later pages: column mapping, preview with problems, the import itself.

The preview's dry run and the import run through the operation runner, which
shows their progress with Cancel; the pages show what came back.
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from communitydesk.errors import UserError
from communitydesk.gui.operations import show_problem
from communitydesk.io.encoding import encoding_label
from communitydesk.io.encoding_guess import CANDIDATES
from communitydesk.io.errors import MappingError
from communitydesk.io.member_columns import TARGETS, build_mapping
from communitydesk.services.members.importing import ImportCancelled, ImportResult
from communitydesk.services.members.phones import tidy_phone

if TYPE_CHECKING:
    from communitydesk.gui.members.import_wizard import ImportRun, ImportWizard

TARGET_LABELS = {
    "ignore": "(don't import)", "full_name": "Full name (split into first and last)",
    "address": "Whole address in one cell", "first_name": "First name", "last_name": "Last name",
    "preferred_name": "Preferred name", "pronouns": "Pronouns", "email": "Email", "phone": "Phone",
    "address_line1": "Address line 1", "address_line2": "Address line 2", "town": "Town",
    "postcode": "Postcode", "status": "Status", "joined_on": "Joined on", "tags": "Tags",
    "notes": "Notes", "ladder_stage": "Ladder stage", "consent_email": "Consent: email",
    "consent_phone": "Consent: phone", "consent_post": "Consent: post",
    "consent_date": "Consent date", "consent_source": "Consent source", "id": "(don't import)",
}
ACTION_TEXT = {"create": "New member", "update": "Fills in blanks", "unchanged": "Already on the list"}
PREVIEW_ROWS = 200


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.horizontalHeader().setStretchLastSection(True)
    table.setSortingEnabled(True)
    return table


def _fill(table: QTableWidget, rows: list[list[object]]) -> None:
    table.setSortingEnabled(False)
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem()
            item.setData(0, value if isinstance(value, int) else ("" if value is None else str(value)))
            table.setItem(r, c, item)
    table.setSortingEnabled(True)
    table.sortItems(0, Qt.SortOrder.AscendingOrder)
    table.resizeColumnsToContents()
    for column in range(table.columnCount() - 1):
        table.setColumnWidth(column, min(table.columnWidth(column), 220))


_EMAIL_LIKE = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_PHONE_LIKE = re.compile(r"\+?[\d ()\-.]{7,}")


def guess_columns(headers: list[str], samples: list[list[str]]) -> dict[int, str]:
    """Column index -> field: known header names first, then what the cells look like."""
    try:  # a stand-in e-mail column lets the usual header names be matched on their own
        columns = build_mapping([*headers, "Email"]).columns
    except MappingError:
        columns = {}
    guess = {i: field for field, cols in columns.items() for i in cols if i < len(headers)}
    for index in range(len(headers)):
        if index in guess:
            continue
        cells = [row[index] for row in samples if index < len(row) and row[index]]
        if not cells:
            continue
        taken = set(guess.values())
        if "email" not in taken and all(_EMAIL_LIKE.fullmatch(c) for c in cells):
            guess[index] = "email"
        elif "phone" not in taken and all(_PHONE_LIKE.fullmatch(c) for c in cells):
            guess[index] = "phone"
        elif not taken & {"first_name", "last_name", "full_name"} and all(
                " " in c and not any(ch.isdigit() for ch in c) for c in cells):
            guess[index] = "full_name"
    return guess


class MappingPage(QWizardPage):
    """One row per column of the file: what it holds (with an example) and where it goes."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle("Which column is which?")
        self.setSubTitle("These column names are not from an export we know. Choose what each "
                         "column holds; a name or an email column is needed.")
        self.table = _table(["Column in the file", "Example", "Import as"])
        self.table.setSortingEnabled(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e;")
        self.combos: list[tuple[str, QComboBox]] = []
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)

    def initializePage(self) -> None:  # noqa: N802
        table = self.wiz.table
        assert table is not None
        by_column = guess_columns(table.headers, [r.cells for r in table.rows[:20]])
        self.table.setRowCount(len(table.headers))
        self.combos = []
        for row, header in enumerate(table.headers):
            example = next((r.get(row) for r in table.rows[:20] if r.get(row)), "")
            self.table.setItem(row, 0, QTableWidgetItem(header or f"(column {row + 1})"))
            self.table.setItem(row, 1, QTableWidgetItem(example[:60]))
            combo = QComboBox()
            for target in TARGETS:
                if target != "id":
                    combo.addItem(TARGET_LABELS.get(target, target), target)
            combo.setCurrentIndex(combo.findData(by_column.get(row, "ignore")))
            self.table.setCellWidget(row, 2, combo)
            self.combos.append((header, combo))
        self.error.clear()

    def choose(self, header: str, target: str) -> None:
        for name, combo in self.combos:
            if name == header:
                combo.setCurrentIndex(combo.findData(target))

    def validatePage(self) -> bool:  # noqa: N802
        overrides = {h: c.currentData() for h, c in self.combos if h}
        try:
            self.wiz.apply_mapping(overrides)
        except UserError as exc:
            text = str(exc)
            if "no usable column" in text:
                text = ("No usable column yet: choose which column holds the name (or first and "
                        "last name) or the email. Every member needs one of them.")
            self.error.setText(text)
            return False
        return True


class PreviewPage(QWizardPage):
    """A dry run of the import: what will happen to each person, and every problem row."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle("Check before importing")
        self.setCommitPage(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.people = _table(["Row", "Name", "Email", "Phone", "Postcode", "Tags", "What happens"])
        self.problems = _table(["Row", "Field", "Problem"])
        self.conflicts = _table(["Row", "Member", "Field", "On the list (kept)", "In the file"])
        self.tabs = QTabWidget()
        self.tabs.addTab(self.people, "People")
        self.tabs.addTab(self.problems, "Problems")
        self.tabs.addTab(self.conflicts, "Conflicts")
        self.result: ImportResult | None = None
        # The text encoding guessed for a CSV or vCard, and a chooser that reads the file again.
        self.encoding = QComboBox()
        self.encoding.setToolTip("If names look wrong (\"£ukasz\" for \"Łukasz\"), choose the "
                                 "encoding the file was saved in; the file is read again.")
        self.encoding.activated.connect(self._encoding_chosen)
        self.encoding_caption = QLabel("&Text encoding:")
        self.encoding_caption.setBuddy(self.encoding)
        self.encoding_note = QLabel()
        self.encoding_note.setWordWrap(True)
        self.encoding_note.setStyleSheet("color: #8a5300;")
        encoding_row = QHBoxLayout()
        encoding_row.addWidget(self.encoding_caption)
        encoding_row.addWidget(self.encoding)
        encoding_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(encoding_row)
        layout.addWidget(self.encoding_note)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)

    def initializePage(self) -> None:  # noqa: N802
        table = self.wiz.table
        assert table is not None
        self.wiz.source = None  # the mapping may have changed: read the rows again
        self.result = None
        self._show_encoding()
        self.setSubTitle(f"{self.wiz.name} is {self.wiz.format_name()} with "
                         f"{len(table.rows):,} row{'' if len(table.rows) == 1 else 's'}. Nothing has been written yet.")
        self.summary.setText("Checking every row against the member list…")
        self.wiz.run_import(dry_run=True, done=self._on_result, failed=self._on_failed)
        self.completeChanged.emit()

    def _show_encoding(self) -> None:
        table = self.wiz.table
        assert table is not None
        text_file = table.encoding is not None
        for widget in (self.encoding, self.encoding_caption):
            widget.setVisible(text_file)
        self.encoding_note.setVisible(bool(table.encoding_close))
        if not text_file:
            return
        self.encoding.clear()
        first = [table.encoding, *table.encoding_close]
        for code in [*first, *(c for c in ("utf-8", *CANDIDATES) if c not in first)]:
            label = encoding_label(code)
            self.encoding.addItem(f"{label} (guessed)" if code == table.encoding else label, code)
        self.encoding.setCurrentIndex(0)
        if table.encoding_close:
            others = " or ".join(encoding_label(c) for c in table.encoding_close)
            self.encoding_note.setText(
                f"This file reads equally well as {others}. Check the names below: if they look "
                "wrong, choose another text encoding above.")

    def _encoding_chosen(self, index: int) -> None:
        chosen = self.encoding.itemData(index)
        table = self.wiz.table
        if table is None or chosen == table.encoding:
            return
        try:
            self.wiz.reread(chosen)
        except UserError as exc:
            self.encoding_note.setText(str(exc))
            self.encoding_note.setVisible(True)
            self.encoding.setCurrentIndex(self.encoding.findData(table.encoding))
            return
        self.initializePage()
        self.wiz.table = dataclasses.replace(self.wiz.table, encoding_close=())  # chosen, not a guess
        self.encoding_note.setVisible(False)
        self.encoding.setItemText(0, encoding_label(chosen))

    def _on_failed(self, exc: Exception) -> None:
        if isinstance(exc, ImportCancelled):
            self.summary.setText("<b>Check cancelled.</b> Press Back, or Next to check again.")
            return
        self.summary.setText(f"<b>Cannot import this file:</b> {exc}")
        if not isinstance(exc, UserError):
            show_problem(self, exc)  # a bug: its traceback goes to the log

    def _on_result(self, run: ImportRun) -> None:
        source, result = run.source, run.result
        self.result = result
        people = {p.line: p for p in source.people}
        rows = []
        for outcome in result.outcomes[:PREVIEW_ROWS]:
            p = people.get(outcome.row)
            action = ACTION_TEXT[outcome.action]
            if outcome.filled:
                action += ": " + ", ".join(f.replace("_", " ") for f in outcome.filled)
            phone = tidy_phone(p.phone, region=self.wiz.phone_region) if p else ""
            rows.append([outcome.row, outcome.name, p.email if p else "", phone,
                         p.postcode if p else "", ", ".join(p.tags) if p else "", action])
        _fill(self.people, rows)
        problems = sorted([*result.rejected, *result.warnings], key=lambda p: p.line)
        _fill(self.problems, [[p.line, p.field, p.reason] for p in problems])
        _fill(self.conflicts, [[c.row, c.name, c.field, c.existing, c.incoming]
                               for c in result.conflicts])
        self.tabs.setTabText(0, f"People ({len(result.outcomes):,})")
        self.tabs.setTabText(1, f"Problems ({len(problems):,})")
        self.tabs.setTabText(2, f"Conflicts ({len(result.conflicts):,})")
        shown = "" if len(result.outcomes) <= PREVIEW_ROWS else f" (first {PREVIEW_ROWS} shown)"
        self.summary.setText(
            f"<b>{result.created:,} new members</b>, {result.updated:,} existing members get "
            f"blanks filled in, {result.unchanged:,} already on the list{shown}.<br>"
            f"{len(result.rejected):,} rows cannot be imported (see Problems); "
            f"{len(result.conflicts):,} values differ from the list and will be left as they are "
            "(see Conflicts)."
            + (f"<br>{len(result.warnings):,} {'row is' if len(result.warnings) == 1 else 'rows are'}"
               " imported with a value to check, kept as written (see Problems)."
               if result.warnings else ""))
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802
        return self.result is not None and (self.result.created + self.result.updated) > 0


class RunPage(QWizardPage):
    """The real import, in one transaction; the runner shows its progress with Cancel."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle("Importing")
        self.setSubTitle("Everything goes in as one step: all of it, or (after Cancel or an "
                         "error) none of it.")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.is_done = False
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802
        self.is_done = False
        self.status.setText("Writing the members… you can cancel; nothing is kept unless the "
                            "whole file goes in.")
        self.wiz.run_import(dry_run=False, done=self._on_done, failed=self._on_failed)

    def _finish(self, text: str) -> None:
        self.is_done = True
        self.status.setText(text)
        self.wiz.button(QWizard.WizardButton.CancelButton).hide()  # Finish is all that is left
        self.completeChanged.emit()

    def _on_done(self, run: ImportRun) -> None:
        result = run.result
        self.wiz.result = result
        self._finish(f"<b>Done.</b> {result.created:,} new members, {result.updated:,} updated, "
                     f"{result.unchanged:,} already on the list. {len(result.rejected):,} rows "
                     f"were skipped and {len(result.conflicts):,} differing values were left as "
                     "they were.")

    def _on_failed(self, exc: Exception) -> None:
        if isinstance(exc, ImportCancelled):
            self._finish("<b>Import cancelled.</b> Nothing was changed.")
            return
        self._finish(f"<b>The import stopped:</b> {exc}<br>Nothing was changed.")
        if not isinstance(exc, UserError):
            show_problem(self, exc)  # a bug: its traceback goes to the log

    def isComplete(self) -> bool:  # noqa: N802
        return self.is_done
