"""A date box showing its blank value ("No date") lets Tab and Shift+Tab move on, by the
window's own rule (gui/keyboard_filters.py), instead of stepping through day, month and year."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDateEdit, QDialog, QLineEdit, QPushButton, QVBoxLayout


def _dialog(qtbot):  # noqa: ANN001, ANN202 - qtbot; the dialog and its three controls
    dialog = QDialog()
    name, when, done = QLineEdit(), QDateEdit(), QPushButton("&Done")
    when.setSpecialValueText("No date")
    when.setMinimumDate(QDate(2000, 1, 1))
    when.setDate(when.minimumDate())  # blank: shows "No date"
    layout = QVBoxLayout(dialog)
    for widget in (name, when, done):
        layout.addWidget(widget)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=3000)
    return dialog, name, when, done


def test_tab_leaves_a_blank_date_box_for_the_next_control(qtbot) -> None:  # noqa: ANN001
    dialog, name, when, done = _dialog(qtbot)
    when.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(when.hasFocus, timeout=3000)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is done


def test_shift_tab_leaves_a_blank_date_box_for_the_control_before(qtbot) -> None:  # noqa: ANN001
    dialog, name, when, done = _dialog(qtbot)
    when.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(when.hasFocus, timeout=3000)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is name


def test_a_date_box_with_a_date_keeps_tab_for_its_day_month_and_year(qtbot) -> None:  # noqa: ANN001
    dialog, name, when, done = _dialog(qtbot)
    when.setDate(QDate(2026, 5, 14))
    when.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(when.hasFocus, timeout=3000)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is when  # Qt moves from day to month inside the box
