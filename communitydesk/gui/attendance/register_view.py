"""The register table and the guest row under it: widgets only, no database.

Keys on the register: P or 1 present, A or 2 apologies, X or 3 absent, Delete clears.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QWidget,
)

from communitydesk.gui.attendance.register_table_model import (
    COL_CHECKED_IN,
    COL_MEMBER_STATUS,
    COL_NAME,
    COL_NUMBER,
    COL_STATUS,
    STATUS_LABELS,
)
from communitydesk.i18n import _

KEY_STATUS = {
    Qt.Key.Key_P: "present", Qt.Key.Key_1: "present",
    Qt.Key.Key_A: "apologies", Qt.Key.Key_2: "apologies",
    Qt.Key.Key_X: "absent", Qt.Key.Key_3: "absent",
    Qt.Key.Key_Delete: None, Qt.Key.Key_Backspace: None,
}


class RegisterView(QTableView):
    """The register table; single keys mark the selected people."""

    mark_requested = Signal(object)  # a status string, or None to clear

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if event.key() in KEY_STATUS and modifiers == Qt.KeyboardModifier.NoModifier:
            if not self.selectionModel().hasSelection() and self.currentIndex().isValid():
                self.selectRow(self.currentIndex().row())  # #19: Tab into the table, then P marks the cursor's row
            self.mark_requested.emit(KEY_STATUS[Qt.Key(event.key())])
            event.accept()
            return
        super().keyPressEvent(event)


def make_register_table(proxy: QAbstractItemModel) -> RegisterView:
    """Sorted by row number, whole rows selected, several at once with Shift/Ctrl."""
    table = RegisterView()
    table.setAccessibleName(_("Register"))
    table.setModel(proxy)
    table.setSortingEnabled(True)
    table.sortByColumn(COL_NUMBER, Qt.SortOrder.AscendingOrder)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(26)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    for col, width in ((COL_NUMBER, 50), (COL_NAME, 280), (COL_STATUS, 110), (COL_CHECKED_IN, 95),
                       (COL_MEMBER_STATUS, 90)):
        texts = [str(proxy.headerData(col, Qt.Orientation.Horizontal))]  # in the reader's language
        if col == COL_STATUS:
            texts += [_(label) for label in STATUS_LABELS.values()]
        table.setColumnWidth(col, max(width, *(table.fontMetrics().horizontalAdvance(t) + 28 for t in texts)))
    return table


class GuestRow(QWidget):
    """"Someone new?": first and last name, Enter moves on then adds; ``submitted`` asks the page."""

    submitted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.first = QLineEdit(placeholderText=_("Guest first name"))
        self.first.setAccessibleName(_("Guest first name"))
        self.last = QLineEdit(placeholderText=_("Last name"))
        self.last.setAccessibleName(_("Guest last name"))
        self.last.returnPressed.connect(self.submitted.emit)
        self.first.returnPressed.connect(self.last.setFocus)
        self.button = QPushButton(_("&Add guest"))
        self.button.setToolTip(_("Adds them as a prospect (a new contact) and marks them present"))
        self.button.clicked.connect(self.submitted.emit)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(_("Someone new?")))
        layout.addWidget(self.first)
        layout.addWidget(self.last)
        layout.addWidget(self.button)
        layout.addStretch(1)

    def clear(self) -> None:
        self.first.clear()
        self.last.clear()
        self.first.setFocus()
