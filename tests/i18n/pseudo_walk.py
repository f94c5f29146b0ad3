"""Walk a window the way a reader sees it, in the pseudo-locale: every visible word must be
pseudo-translated ("[Ŝéţţíńĝš~~]"), and no label or button may be narrower than its text."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QSpinBox,
    QTabBar,
    QTabWidget,
    QWidget,
)

ASCII_WORD = re.compile(r"[A-Za-z]{2,}")
HTML_TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class Shown:
    where: str  # which widget, for the failure message
    text: str


def untranslated(text: str, data: Iterable[str]) -> bool:
    """Plain English left once the data put into the words (names, paths) is taken out."""
    rest = HTML_TAG.sub(" ", text)
    for value in sorted((d for d in data if d), key=len, reverse=True):
        rest = rest.replace(value, " ")
    return bool(ASCII_WORD.search(rest))


def _name(widget: QWidget) -> str:
    return f"{type(widget).__name__}({widget.objectName() or '-'})"


def visible_texts(root: QWidget) -> Iterator[Shown]:
    """The words on screen in ``root`` now: titles, labels, buttons, tabs, placeholders,
    spin box suffixes, the chosen item of fixed-choice combos."""
    yield Shown(f"{_name(root)}.windowTitle", root.windowTitle())
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root):
            continue
        where = _name(widget)
        if isinstance(widget, QLabel):
            yield Shown(where, widget.text())
        elif isinstance(widget, QAbstractButton):
            yield Shown(where, widget.text())
            if hasattr(widget, "description"):
                yield Shown(f"{where}.description", widget.description())
            yield Shown(f"{where}.toolTip", widget.toolTip())
        elif isinstance(widget, QGroupBox):
            yield Shown(where, widget.title())
        elif isinstance(widget, QTabWidget):
            for i in range(widget.count()):
                yield Shown(f"{where}.tab{i}", widget.tabText(i))
        elif isinstance(widget, QLineEdit) and not isinstance(widget.parent(), QAbstractSpinBox):
            yield Shown(f"{where}.placeholder", widget.placeholderText())
        elif isinstance(widget, QSpinBox):
            yield Shown(f"{where}.suffix", widget.suffix())
            yield Shown(f"{where}.specialValueText", widget.specialValueText())
        elif isinstance(widget, QComboBox) and not widget.isEditable():
            yield Shown(f"{where}.current", widget.currentText())


def menu_texts(window: QMainWindow, menus: Iterable[QMenu]) -> Iterator[Shown]:
    for menu in menus:
        yield Shown("menu bar", menu.title())
        for action in menu.actions():
            if action.text():
                yield Shown(f"{menu.title()} menu", action.text())


def cut_off(root: QWidget) -> list[str]:
    """Labels and buttons whose text needs more room than they were given."""
    found = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root) or not isinstance(widget, QLabel | QAbstractButton):
            continue
        if isinstance(widget.parent(), QTabBar):  # a tab bar's own scroll arrows: no text to cut
            continue
        if isinstance(widget, QLabel) and not widget.text():
            continue
        size, hint = widget.size(), widget.sizeHint()
        if widget.hasHeightForWidth():  # wrapped text: taller, never wider
            needed = widget.heightForWidth(size.width())
            if needed > size.height() + 1:
                found.append(f"{_name(widget)} {widget_text(widget)!r}: needs {needed}px high, "
                             f"has {size.height()}")
        elif hint.width() > size.width() + 1 or hint.height() > size.height() + 1:
            found.append(f"{_name(widget)} {widget_text(widget)!r}: needs {hint.width()}x"
                         f"{hint.height()}, has {size.width()}x{size.height()}")
    return found


def widget_text(widget: QWidget) -> str:
    return widget.text() if hasattr(widget, "text") else ""
