"""The page header (gui/common/widgets.py) shows its subtitle inside itself only: a label shown
before it had a parent would open as a window of its own for a moment, and on some desktops
take the focus from the main window."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget

from communitydesk.gui.common.widgets import PageHeader


class _WindowsShown(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.windows: list[QWidget] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget) and watched.isWindow():
            self.windows.append(watched)
        return False


def test_a_page_header_opens_no_window_of_its_own(qtbot) -> None:  # noqa: ANN001
    spy = _WindowsShown()
    QApplication.instance().installEventFilter(spy)
    try:
        with_subtitle = PageHeader("Members", "20,000 people")
        without = PageHeader("Members")
    finally:
        QApplication.instance().removeEventFilter(spy)
    qtbot.addWidget(with_subtitle)
    qtbot.addWidget(without)
    assert spy.windows == []
    with_subtitle.show()
    without.show()
    assert with_subtitle.subtitle.isVisible() and with_subtitle.subtitle.text() == "20,000 people"
    assert not without.subtitle.isVisible()
