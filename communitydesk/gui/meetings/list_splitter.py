"""The Meetings screen's split: the meeting list above, the chosen meeting below.

Laid out for 1366×768 first: the list keeps room for eight meetings and the meeting
takes the rest; on a shorter screen each gets a fair share. Once the person drags
the handle, their choice stands.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QSplitter, QWidget

ROW_HEIGHT = 24
LIST_HEIGHT = 36 + 28 + 8 * ROW_HEIGHT + 6  # filters, table header, eight meetings
LIST_SHARE = 0.42  # on a short screen the list takes at most this much


class ListSplitter(QSplitter):
    def __init__(self, top: QWidget, bottom: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.setChildrenCollapsible(False)
        self.addWidget(top)
        self.addWidget(bottom)
        self.setStretchFactor(0, 0)
        self.setStretchFactor(1, 1)
        self.setSizes([LIST_HEIGHT, 400])
        self.automatic = True  # until the person drags the handle
        self.splitterMoved.connect(self._moved_by_hand)

    def _moved_by_hand(self, *_args: object) -> None:
        self.automatic = False

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        total = self.height() - self.handleWidth()
        if self.automatic and total > 0:
            top = min(LIST_HEIGHT, int(total * LIST_SHARE))
            self.blockSignals(True)
            self.setSizes([top, total - top])
            self.blockSignals(False)
