"""A line edit that picks a member by name, with a completer that ignores accents and case
("lukasz" offers "Łukasz Wiśniewski"). Names that occur twice show their id to tell them apart.
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from communitydesk.services.members import MemberSummary
from communitydesk.services.text import fold

FOLD_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2


def member_labels(members: list[MemberSummary]) -> list[tuple[int, str]]:
    """(id, label) for every member that can be picked, in name order."""
    names = [" ".join(p for p in (m.preferred_name or m.first_name, m.last_name) if p) for m in members]
    twice = {n for n, c in Counter(fold(n) for n in names).items() if c > 1}
    return [(m.id, f"{n} (#{m.id})" if fold(n) in twice else n) for m, n in zip(members, names, strict=True)]


class FoldingCompleter(QCompleter):
    def splitPath(self, path: str) -> list[str]:  # noqa: N802 - Qt override
        return [fold(path)]

    def pathFromIndex(self, index: QModelIndex) -> str:  # noqa: N802 - Qt override
        return str(index.data(Qt.ItemDataRole.DisplayRole))


class MemberPicker(QLineEdit):
    def __init__(self, parent: QWidget | None = None, *, placeholder: str = "Type a name…") -> None:
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setClearButtonEnabled(True)
        self._model = QStandardItemModel(self)
        self._by_label: dict[str, int] = {}
        self._labels: dict[int, str] = {}
        completer = FoldingCompleter(self._model, self)
        completer.setCompletionRole(FOLD_ROLE)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setMaxVisibleItems(12)
        self.setCompleter(completer)

    def set_members(self, choices: list[tuple[int, str]]) -> None:
        self._model.clear()
        self._by_label = {}
        self._labels = {}
        for member_id, label in choices:
            item = QStandardItem(label)
            item.setData(fold(label), FOLD_ROLE)
            item.setData(member_id, ID_ROLE)
            self._model.appendRow(item)
            self._by_label[fold(label)] = member_id
            self._labels[member_id] = label

    def set_member(self, member_id: int | None, name: str | None = None) -> None:
        if member_id is None:
            self.clear()
            return
        label = self._labels.get(member_id) or name or f"#{member_id}"
        self._labels.setdefault(member_id, label)
        self._by_label.setdefault(fold(label), member_id)
        self.setText(label)

    def member_id(self) -> int | None:
        """The chosen member, None when empty; raises ValueError for a name that is not a member."""
        text = self.text().strip()
        if not text:
            return None
        found = self._by_label.get(fold(text))
        if found is None:
            raise ValueError(text)
        return found
