"""Choosing people and small answers: a type-to-find member box, move/reassign/snooze dialogs.

Each dialog has an ``ask()`` classmethod returning the answer or None, which
tests patch instead of clicking through a modal window. The people are loaded
off the UI thread (``ctx.ops``): a dialog opens at once and its picker says
"Loading people…" until they arrive.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QStringListModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from communitydesk.gui.common.widgets import LocaleDateEdit
from communitydesk.gui.context import AppContext
from communitydesk.gui.operations import Operation
from communitydesk.i18n import N_, _
from communitydesk.services.one_to_ones.views import MemberChoices, member_choices

LOADING_PEOPLE = N_("Loading people…")  # translated where shown


class MemberPicker(QComboBox):
    """An editable combo over every member: type part of a name, pick from the matches.

    Labels live in one QStringListModel and ids in a Python list beside it, so
    20,000 members load with one Qt call instead of one per member. Until
    ``set_choices`` it is disabled and says "Loading people…".
    """

    def __init__(self, choices: MemberChoices | None = None, *, blank: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(16)
        self._blank = blank
        self._ids: list[int | None] = []
        self._row_of: dict[int, int] = {}
        self._model = QStringListModel(self)
        self.setModel(self._model)
        completer = QCompleter(self._model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self.setMinimumWidth(260)
        self.setEnabled(False)
        self.lineEdit().setPlaceholderText(_(LOADING_PEOPLE))
        if choices is not None:
            self.set_choices(choices)

    def set_choices(self, choices: MemberChoices) -> None:
        """Offer these people (the blank entry, if any, first); nobody is chosen yet."""
        blank = [self._blank] if self._blank is not None else []
        self._ids = [None] * len(blank) + list(choices.ids)
        self._row_of = {int(member_id): row for row, member_id in enumerate(self._ids) if member_id is not None}
        self._model.setStringList(blank + list(choices.labels))
        self.setCurrentIndex(0 if blank else -1)
        self.lineEdit().setPlaceholderText(_("Type a name…"))
        self.setEnabled(True)

    @property
    def loaded(self) -> bool:
        return self.isEnabled()

    def member_id(self) -> int | None:
        """The chosen member, or None when the text matches nobody."""
        index = self.findText(self.currentText(), Qt.MatchFlag.MatchFixedString)
        return self._ids[index] if index >= 0 else None

    def set_member_id(self, member_id: int | None) -> None:
        if member_id is None:
            self.setCurrentIndex(0 if self._blank is not None else -1)
        else:
            self.setCurrentIndex(self._row_of.get(int(member_id), -1))


def load_people(ctx: AppContext, parent: QWidget, picker: MemberPicker, *,
                status: str | None = "active") -> Operation:
    """Fill a dialog's picker off the UI thread (active members unless told otherwise)."""
    del parent  # the picker's own dialog; the picker is what must still exist for the result
    return ctx.ops.read(lambda session: member_choices(session, status=status), parent=picker,
                        done=picker.set_choices)


class MoveStageDialog(QDialog):
    """Move someone on the ladder: the new stage, why, and (optionally) who decided."""

    def __init__(self, *, ctx: AppContext, person: str, current: str | None, stages: tuple[str, ...],
                 target: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Move {name} on the ladder").format(name=person))
        self.stage = QComboBox()
        self.stage.addItems(list(stages))
        if target in stages:
            self.stage.setCurrentText(target)
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText(_("Why? e.g. chaired the repairs meeting, brought three neighbours"))
        self.reason.setFixedHeight(80)
        self.by = MemberPicker(blank=_("(not recorded)"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Move"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(self._update_ok)
        form = QFormLayout()
        form.addRow(_("Now at"), QLabel(current or _("not yet placed")))
        form.addRow(_("Move to"), self.stage)
        form.addRow(_("Reason"), self.reason)
        form.addRow(_("Decided by"), self.by)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._update_ok()
        self.loading = load_people(ctx, self, self.by)

    def _update_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.reason.toPlainText().strip()))

    def answer(self) -> tuple[str, str, int | None]:
        return self.stage.currentText(), self.reason.toPlainText().strip(), self.by.member_id()

    @classmethod
    def ask(cls, **kwargs) -> tuple[str, str, int | None] | None:  # noqa: ANN003
        dialog = cls(**kwargs)
        return dialog.answer() if dialog.exec() == QDialog.DialogCode.Accepted else None


class ReassignDialog(QDialog):
    """Hand a follow-up to someone else; OK waits until the people have loaded."""

    def __init__(self, *, ctx: AppContext, person: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Reassign follow-up"))
        self.picker = MemberPicker()
        self.picker.setAccessibleName(_("Reassign to"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(False)
        self.picker.currentIndexChanged.connect(lambda _i: ok.setEnabled(self.picker.member_id() is not None))
        self.picker.editTextChanged.connect(lambda _t: ok.setEnabled(self.picker.member_id() is not None))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Who should follow up {name}?").format(name=person)))
        layout.addWidget(self.picker)
        layout.addWidget(self.buttons)
        self.loading = load_people(ctx, self, self.picker)

    @classmethod
    def ask(cls, **kwargs) -> int | None:  # noqa: ANN003
        dialog = cls(**kwargs)
        return dialog.picker.member_id() if dialog.exec() == QDialog.DialogCode.Accepted else None


class SnoozeDateDialog(QDialog):
    def __init__(self, *, start: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Snooze until"))
        self.date = LocaleDateEdit(QDate(start.year, start.month, start.day))
        self.date.setAccessibleName(_("Snooze until"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Follow up on")))
        layout.addWidget(self.date)
        layout.addWidget(buttons)

    @classmethod
    def ask(cls, **kwargs) -> date | None:  # noqa: ANN003
        dialog = cls(**kwargs)
        return dialog.date.date().toPython() if dialog.exec() == QDialog.DialogCode.Accepted else None
