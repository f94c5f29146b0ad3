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
from communitydesk.i18n import N_, _, ngettext
from communitydesk.io.encoding import encoding_label
from communitydesk.io.encoding_guess import CANDIDATES
from communitydesk.io.errors import MappingError
from communitydesk.io.member_columns import TARGETS, build_mapping
from communitydesk.services.members.importing import ImportCancelled, ImportResult
from communitydesk.services.members.phones import tidy_phone

if TYPE_CHECKING:
    from communitydesk.gui.members.import_wizard import ImportRun, ImportWizard

TARGET_LABELS = {  # marked with N_(): _() them where shown
    "ignore": N_("(don't import)"), "full_name": N_("Full name (split into first and last)"),
    "address": N_("Whole address in one cell"), "first_name": N_("First name"), "last_name": N_("Last name"),
    "preferred_name": N_("Preferred name"), "pronouns": N_("Pronouns"), "email": N_("Email"),
    "phone": N_("Phone"), "address_line1": N_("Address line 1"), "address_line2": N_("Address line 2"),
    "town": N_("Town"), "postcode": N_("Postcode"), "status": N_("Status"), "joined_on": N_("Joined on"),
    "tags": N_("Tags"), "notes": N_("Notes"), "ladder_stage": N_("Ladder stage"),
    "consent_email": N_("Consent: email"), "consent_phone": N_("Consent: phone"),
    "consent_post": N_("Consent: post"), "consent_date": N_("Consent date"),
    "consent_source": N_("Consent source"), "id": N_("(don't import)"),
}
ACTION_TEXT = {"create": N_("New member"), "update": N_("Fills in blanks"),
               "unchanged": N_("Already on the list")}
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
        self.setTitle(_("Which column is which?"))
        self.setSubTitle(_("These column names are not from an export we know. Choose what each "
                           "column holds; a name or an email column is needed."))
        self.table = _table([_("Column in the file"), _("Example"), _("Import as")])
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
            self.table.setItem(row, 0, QTableWidgetItem(header or _("(column {number})").format(number=row + 1)))
            self.table.setItem(row, 1, QTableWidgetItem(example[:60]))
            combo = QComboBox()
            for target in TARGETS:
                if target != "id":
                    combo.addItem(_(TARGET_LABELS[target]) if target in TARGET_LABELS else target, target)
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
                text = _("No usable column yet: choose which column holds the name (or first and "
                         "last name) or the email. Every member needs one of them.")
            self.error.setText(text)
            return False
        return True


class PreviewPage(QWizardPage):
    """A dry run of the import: what will happen to each person, and every problem row."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle(_("Check before importing"))
        self.setCommitPage(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.people = _table([_("Row"), _("Name"), _("Email"), _("Phone"), _("Postcode"), _("Tags"),
                              _("What happens")])
        self.problems = _table([_("Row"), _("Field"), _("Problem")])
        self.conflicts = _table([_("Row"), _("Member"), _("Field"), _("On the list (kept)"),
                                 _("In the file")])
        self.tabs = QTabWidget()
        self.tabs.addTab(self.people, _("People"))
        self.tabs.addTab(self.problems, _("Problems"))
        self.tabs.addTab(self.conflicts, _("Conflicts"))
        self.result: ImportResult | None = None
        # The text encoding guessed for a CSV or vCard, and a chooser that reads the file again.
        self.encoding = QComboBox()
        self.encoding.setToolTip(_("If names look wrong (\"£ukasz\" for \"Łukasz\"), choose the "
                                   "encoding the file was saved in; the file is read again."))
        self.encoding.activated.connect(self._encoding_chosen)
        self.encoding_caption = QLabel(_("&Text encoding:"))
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
        self.setSubTitle(ngettext("{file} is {format} with {count} row. Nothing has been written yet.",
                                  "{file} is {format} with {count} rows. Nothing has been written yet.",
                                  len(table.rows)).format(file=self.wiz.name, format=self.wiz.format_name(),
                                                          count=f"{len(table.rows):,}"))
        self.summary.setText(_("Checking every row against the member list…"))
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
            self.encoding.addItem(_("{encoding} (guessed)").format(encoding=label) if code == table.encoding else label,
                                  code)
        self.encoding.setCurrentIndex(0)
        if table.encoding_close:
            others = _(" or ").join(encoding_label(c) for c in table.encoding_close)
            self.encoding_note.setText(
                _("This file reads equally well as {encodings}. Check the names below: if they look "
                  "wrong, choose another text encoding above.").format(encodings=others))

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
            self.summary.setText(_("<b>Check cancelled.</b> Press Back, or Next to check again."))
            return
        self.summary.setText(_("<b>Cannot import this file:</b> {reason}").format(reason=exc))
        if not isinstance(exc, UserError):
            show_problem(self, exc)  # a bug: its traceback goes to the log

    def _on_result(self, run: ImportRun) -> None:
        source, result = run.source, run.result
        self.result = result
        people = {p.line: p for p in source.people}
        rows = []
        for outcome in result.outcomes[:PREVIEW_ROWS]:
            p = people.get(outcome.row)
            action = _(ACTION_TEXT[outcome.action])
            if outcome.filled:
                action += ": " + ", ".join(_(TARGET_LABELS[f]) if f in TARGET_LABELS else f.replace("_", " ") for f in outcome.filled)
            phone = tidy_phone(p.phone, region=self.wiz.phone_region) if p else ""
            rows.append([outcome.row, outcome.name, p.email if p else "", phone,
                         p.postcode if p else "", ", ".join(p.tags) if p else "", action])
        _fill(self.people, rows)
        problems = sorted([*result.rejected, *result.warnings], key=lambda p: p.line)
        _fill(self.problems, [[p.line, p.field, p.reason] for p in problems])
        _fill(self.conflicts, [[c.row, c.name, c.field, c.existing, c.incoming]
                               for c in result.conflicts])
        for index, (text, count) in enumerate(((_("People ({count})"), len(result.outcomes)),
                                               (_("Problems ({count})"), len(problems)),
                                               (_("Conflicts ({count})"), len(result.conflicts)))):
            self.tabs.setTabText(index, text.format(count=f"{count:,}"))
        shown = ("" if len(result.outcomes) <= PREVIEW_ROWS else
                 " " + _("(first {count} shown)").format(count=PREVIEW_ROWS))
        rejected, conflicts, warnings = len(result.rejected), len(result.conflicts), len(result.warnings)
        self.summary.setText(
            "<b>" + ngettext("{count} new member", "{count} new members", result.created).format(
                count=f"{result.created:,}") + "</b>, "
            + ngettext("{count} existing member gets blanks filled in",
                       "{count} existing members get blanks filled in", result.updated).format(
                count=f"{result.updated:,}") + ", "
            + ngettext("{count} already on the list", "{count} already on the list",
                       result.unchanged).format(count=f"{result.unchanged:,}") + shown + ".<br>"
            + ngettext("{count} row cannot be imported (see Problems)",
                       "{count} rows cannot be imported (see Problems)", rejected).format(
                count=f"{rejected:,}") + "; "
            + ngettext("{count} value differs from the list and will be left as it is (see Conflicts).",
                       "{count} values differ from the list and will be left as they are (see Conflicts).",
                       conflicts).format(count=f"{conflicts:,}")
            + ("<br>" + ngettext("{count} row is imported with a value to check, kept as written (see Problems).",
                                 "{count} rows are imported with a value to check, kept as written "
                                 "(see Problems).", warnings).format(count=f"{warnings:,}")
               if result.warnings else ""))
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802
        return self.result is not None and (self.result.created + self.result.updated) > 0


class RunPage(QWizardPage):
    """The real import, in one transaction; the runner shows its progress with Cancel."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle(_("Importing"))
        self.setSubTitle(_("Everything goes in as one step: all of it, or (after Cancel or an "
                           "error) none of it."))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.is_done = False
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802
        self.is_done = False
        self.status.setText(_("Writing the members… you can cancel; nothing is kept unless the "
                              "whole file goes in."))
        self.wiz.run_import(dry_run=False, done=self._on_done, failed=self._on_failed)

    def _finish(self, text: str) -> None:
        self.is_done = True
        self.status.setText(text)
        self.wiz.button(QWizard.WizardButton.CancelButton).hide()  # Finish is all that is left
        self.completeChanged.emit()

    def _on_done(self, run: ImportRun) -> None:
        result = run.result
        self.wiz.result = result
        rejected, conflicts = len(result.rejected), len(result.conflicts)
        self._finish(
            _("<b>Done.</b>") + " "
            + ngettext("{count} new member", "{count} new members", result.created).format(
                count=f"{result.created:,}") + ", "
            + ngettext("{count} updated", "{count} updated", result.updated).format(
                count=f"{result.updated:,}") + ", "
            + ngettext("{count} already on the list", "{count} already on the list",
                       result.unchanged).format(count=f"{result.unchanged:,}") + ". "
            + ngettext("{count} row was skipped", "{count} rows were skipped", rejected).format(
                count=f"{rejected:,}") + "; "
            + ngettext("{count} differing value was left as it was.",
                       "{count} differing values were left as they were.", conflicts).format(
                count=f"{conflicts:,}"))

    def _on_failed(self, exc: Exception) -> None:
        if isinstance(exc, ImportCancelled):
            self._finish(_("<b>Import cancelled.</b> Nothing was changed."))
            return
        self._finish(_("<b>The import stopped:</b> {reason}<br>Nothing was changed.").format(reason=exc))
        if not isinstance(exc, UserError):
            show_problem(self, exc)  # a bug: its traceback goes to the log

    def isComplete(self) -> bool:  # noqa: N802
        return self.is_done
