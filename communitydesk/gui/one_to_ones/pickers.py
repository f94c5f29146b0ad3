"""Choosing people and small answers: a type-to-find member box, move/reassign/snooze dialogs.

Each dialog has an ``ask()`` classmethod returning the answer or None, which
tests patch instead of clicking through a modal window.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QStringListModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from communitydesk.gui.widgets import locale_date_edit
from communitydesk.services.members import MemberSummary


def member_label(m: MemberSummary) -> str:
    first = m.preferred_name or m.first_name
    return " ".join(p for p in (first, m.last_name) if p) + f"  (#{m.id})"


class MemberPicker(QComboBox):
    """An editable combo over every member: type part of a name, pick from the matches.

    Labels live in one QStringListModel and ids in a Python list beside it, so
    20,000 members load with one Qt call instead of one per member.
    """

    def __init__(self, members: list[MemberSummary], *, blank: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(16)
        self._has_blank = blank is not None
        self._ids: list[int | None] = ([None] if blank is not None else []) + [int(m.id) for m in members]
        labels = ([blank] if blank is not None else []) + [member_label(m) for m in members]
        self._row_of = {member_id: row for row, member_id in enumerate(self._ids) if member_id is not None}
        model = QStringListModel(labels, self)
        self.setModel(model)
        completer = QCompleter(model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self.setMinimumWidth(260)
        self.lineEdit().setPlaceholderText("Type a name…")
        if blank is None:
            self.setCurrentIndex(-1)

    def member_id(self) -> int | None:
        """The chosen member, or None when the text matches nobody."""
        index = self.findText(self.currentText(), Qt.MatchFlag.MatchFixedString)
        return self._ids[index] if index >= 0 else None

    def set_member_id(self, member_id: int | None) -> None:
        if member_id is None:
            self.setCurrentIndex(0 if self._has_blank else -1)
        else:
            self.setCurrentIndex(self._row_of.get(int(member_id), -1))


class MoveStageDialog(QDialog):
    """Move someone on the ladder: the new stage, why, and (optionally) who decided."""

    def __init__(self, *, person: str, current: str | None, stages: tuple[str, ...], target: str | None,
                 members: list[MemberSummary], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Move {person} on the ladder")
        self.stage = QComboBox()
        self.stage.addItems(list(stages))
        if target in stages:
            self.stage.setCurrentText(target)
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText("Why? e.g. chaired the repairs meeting, brought three neighbours")
        self.reason.setFixedHeight(80)
        self.by = MemberPicker(members, blank="(not recorded)")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Move")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(self._update_ok)
        form = QFormLayout()
        form.addRow("Now at", QLabel(current or "not yet placed"))
        form.addRow("Move to", self.stage)
        form.addRow("Reason", self.reason)
        form.addRow("Decided by", self.by)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._update_ok()

    def _update_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.reason.toPlainText().strip()))

    def answer(self) -> tuple[str, str, int | None]:
        return self.stage.currentText(), self.reason.toPlainText().strip(), self.by.member_id()

    @classmethod
    def ask(cls, **kwargs) -> tuple[str, str, int | None] | None:  # noqa: ANN003
        dialog = cls(**kwargs)
        return dialog.answer() if dialog.exec() == QDialog.DialogCode.Accepted else None


class ReassignDialog(QDialog):
    def __init__(self, *, person: str, members: list[MemberSummary], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Reassign follow-up")
        self.picker = MemberPicker(members)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"Who should follow up {person}?"))
        layout.addWidget(self.picker)
        layout.addWidget(buttons)

    @classmethod
    def ask(cls, **kwargs) -> int | None:  # noqa: ANN003
        dialog = cls(**kwargs)
        return dialog.picker.member_id() if dialog.exec() == QDialog.DialogCode.Accepted else None


class SnoozeDateDialog(QDialog):
    def __init__(self, *, start: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Snooze until")
        self.date = locale_date_edit(QDateEdit(QDate(start.year, start.month, start.day)))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Follow up on"))
        layout.addWidget(self.date)
        layout.addWidget(buttons)

    @classmethod
    def ask(cls, **kwargs) -> date | None:  # noqa: ANN003
        dialog = cls(**kwargs)
        return dialog.date.date().toPython() if dialog.exec() == QDialog.DialogCode.Accepted else None
