"""The one confirm question (#14): a button named for what it does, Cancel the default."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from communitydesk.gui.common.dialogs import confirm


def _answer(qtbot, how) -> list[QMessageBox]:  # noqa: ANN001 - qtbot, a callable on the box
    seen: list[QMessageBox] = []

    def act() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, act)
            return
        seen.append(box)
        how(box)

    QTimer.singleShot(0, act)
    return seen


def test_the_action_button_says_what_it_does_and_answers_yes(qtbot) -> None:
    def press_action(box: QMessageBox) -> None:
        box.findChild(QPushButton, "confirm-action").click()

    seen = _answer(qtbot, press_action)
    assert confirm(None, "Delete one-to-one", "Delete it?", "Delete") is True
    box = seen[0]
    labels = sorted(b.text().replace("&", "") for b in box.buttons())
    assert labels == ["Cancel", "Delete"]
    assert box.windowTitle() == "Delete one-to-one" and box.text() == "Delete it?"


def test_enter_and_escape_both_cancel(qtbot) -> None:
    def press(key: Qt.Key):
        return lambda box: qtbot.keyClick(box, key)

    for key in (Qt.Key.Key_Return, Qt.Key.Key_Escape):
        seen = _answer(qtbot, press(key))
        assert confirm(None, "Merge members", "Merge?", "Merge") is False
        assert seen[0].defaultButton().text().replace("&", "") == "Cancel"
