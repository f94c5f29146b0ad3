"""A line edit that picks a member by name, with a completer that ignores accents and case
("lukasz" offers "Łukasz Wiśniewski"). Names that occur twice show their id to tell them apart.

The names load only when the picker is first used (focused or typed in), in one narrow read
through the operation runner: opening the Meetings screen no longer reads 20,000 members.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from communitydesk.gui.context import AppContext
from communitydesk.gui.operations import Operation
from communitydesk.i18n import _
from communitydesk.services.core.text import fold
from communitydesk.services.meetings.view import MemberChoice, member_choices

FOLD_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex


class MemberChoiceModel(QAbstractListModel):
    """The choices as a plain list model: 20,000 names without one item object each."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choices: tuple[MemberChoice, ...] = ()

    def set_choices(self, choices: tuple[MemberChoice, ...]) -> None:
        self.beginResetModel()
        self.choices = choices
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt override
        return 0 if parent.isValid() else len(self.choices)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        choice = self.choices[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return choice.label
        if role == FOLD_ROLE:
            return choice.folded
        if role == ID_ROLE:
            return choice.member_id
        return None


class FoldingCompleter(QCompleter):
    def splitPath(self, path: str) -> list[str]:  # noqa: N802 - Qt override
        return [fold(path)]

    def pathFromIndex(self, index: QModelIndex) -> str:  # noqa: N802 - Qt override
        return str(index.data(Qt.ItemDataRole.DisplayRole))


class MemberPicker(QLineEdit):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 placeholder: str | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setPlaceholderText(_("Type a name…") if placeholder is None else placeholder)
        self.setClearButtonEnabled(True)
        self._model = MemberChoiceModel(self)
        self._by_label: dict[str, int] = {}
        self._labels: dict[int, str] = {}
        self.loading: Operation | None = None
        completer = FoldingCompleter(self._model, self)
        completer.setCompletionRole(FOLD_ROLE)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setMaxVisibleItems(12)
        self.setCompleter(completer)
        self.textEdited.connect(lambda _text: self.load_choices())

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        super().focusInEvent(event)
        self.load_choices()

    def load_choices(self) -> Operation:
        """Read the names once, the first time the picker is used."""
        if self.loading is None:
            self.loading = self.ctx.ops.read(member_choices, parent=self, done=self.set_members,
                                             key=f"member-picker-{id(self)}")
        return self.loading

    @property
    def loaded(self) -> bool:
        return self.loading is not None and self.loading.is_done

    def set_members(self, choices: tuple[MemberChoice, ...]) -> None:
        self._model.set_choices(choices)
        self._by_label.update({c.folded: c.member_id for c in choices})
        self._labels.update({c.member_id: c.label for c in choices})
        if self.hasFocus() and self.text():
            self.completer().setCompletionPrefix(self.text())
            self.completer().complete()  # what was typed while the names loaded

    def set_member(self, member_id: int | None, name: str | None = None) -> None:
        if member_id is None:
            self.clear()
            return
        label = self._labels.get(member_id) or name or f"#{member_id}"
        self._labels.setdefault(member_id, label)
        self._by_label.setdefault(fold(label), member_id)
        self.setText(label)

    def member_id(self) -> int | None:
        """The chosen member, None when empty; raises ValueError for a name that is not a member
        (or before the names have arrived, for a name typed but not yet checked)."""
        text = self.text().strip()
        if not text:
            return None
        found = self._by_label.get(fold(text))
        if found is None:
            raise ValueError(text)
        return found
