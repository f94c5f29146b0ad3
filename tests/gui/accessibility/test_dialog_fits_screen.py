"""A dialog taller than the screen scrolls, also when it grows after it was shown (a load landed)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QDialog, QLabel, QLineEdit, QScrollArea, QVBoxLayout

from communitydesk.gui.common.screens import screen_of


def _dialog(qtbot) -> QDialog:  # noqa: ANN001 - qtbot
    dialog = QDialog()
    qtbot.addWidget(dialog)
    layout = QVBoxLayout(dialog)
    layout.addWidget(QLabel("Loading…"))
    layout.addWidget(QLineEdit())
    return dialog


def test_a_dialog_that_grows_past_the_screen_after_showing_scrolls(qtbot) -> None:
    dialog = _dialog(qtbot)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert not dialog.findChildren(QScrollArea)  # it fits: nothing changed
    screen = screen_of(dialog).availableGeometry().height()
    note = QLabel("\n".join(f"line {i}" for i in range(screen // 8)))  # what the read brought
    dialog.layout().addWidget(note)
    QApplication.sendPostedEvents()
    QApplication.processEvents()
    assert dialog.findChildren(QScrollArea), "grew past the screen and was squeezed instead"
    assert dialog.height() <= screen
    field = dialog.findChild(QLineEdit)
    assert field.height() >= field.minimumSizeHint().height()
