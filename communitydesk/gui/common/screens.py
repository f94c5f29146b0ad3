"""The screen a widget is on, asked without ``QWidget.screen()``.

PySide records the QScreen that ``widget.screen()`` (or ``QWindow.screen()``) returns as a
Python *child* of the widget that asked, moving it from widget to widget. When Python's collector
later frees a closed dialog's wrappers and reaches the screen's wrapper before the dialog's, it
takes the screen for Python's own and deletes the application's QScreen: the next widget built
crashed in ``QWidget::screen()`` (the rare segmentation fault in the GUI tests; in the program,
whenever the window's collector freed such a dialog). QGuiApplication's static functions file
what they return under nothing, so this asks them.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget


def screen_of(widget: QWidget) -> QScreen | None:
    """The screen under the middle of ``widget``'s window (the primary one for a window not yet
    placed, or placed off every screen), or None without a screen."""
    window = widget.window()
    middle = window.mapToGlobal(QPoint(window.width() // 2, window.height() // 2))
    return QGuiApplication.screenAt(middle) or QGuiApplication.primaryScreen()
