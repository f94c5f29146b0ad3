"""Alt+letter mnemonics: which letter each menu item, button, labelled field and tab answers to,
and the letters taken twice in one menu or one window (issue #19, item 1).

Qt gives a mnemonic taken twice to neither at once: Alt+letter only moves focus between the
two, so the button under the second one no longer clicks. A label's mnemonic counts only
with a buddy (without one Qt registers none).
"""

from __future__ import annotations

import re

from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QGroupBox,
    QLabel,
    QMainWindow,
    QMenu,
    QMenuBar,
    QTabBar,
    QWidget,
)

from tests.gui.accessibility.walks import _internal, describe


def mnemonic(text: str) -> str | None:
    """The letter after a single "&" (lower case), or None ("&&" is a literal ampersand)."""
    found = re.search(r"&([^&\s])", text.replace("&&", ""))
    return found.group(1).lower() if found else None


def repeated(owners: list[tuple[str | None, str]]) -> list[str]:
    """"Alt+X: a and b" for every letter two owners share (owners without a letter skipped)."""
    by_letter: dict[str, list[str]] = {}
    for letter, what in owners:
        if letter is not None:
            by_letter.setdefault(letter, []).append(what)
    return [f"Alt+{letter.upper()}: " + " and ".join(whats) for letter, whats in sorted(by_letter.items())
            if len(whats) > 1]


def menu_items(menu: QMenu) -> list[QAction]:
    return [a for a in menu.actions() if not a.isSeparator() and a.text() and a.isVisible()]


def window_mnemonics(top: QWidget) -> list[tuple[str | None, str]]:
    """(letter, what) for every visible widget under ``top`` that answers to Alt+letter."""
    owners: list[tuple[str | None, str]] = []
    for widget in top.findChildren(QWidget):
        if not widget.isVisibleTo(top) or widget.window() is not top:
            continue
        if isinstance(widget, QAbstractButton) and not _internal(widget):
            owners.append((mnemonic(widget.text()), describe(widget)))
        elif isinstance(widget, QLabel) and widget.buddy() is not None:
            owners.append((mnemonic(widget.text()), f"label {widget.text()!r}"))
        elif isinstance(widget, QGroupBox):
            owners.append((mnemonic(widget.title()), f"group {widget.title()!r}"))
        elif isinstance(widget, QTabBar) and widget.count() > 1:
            owners += [(mnemonic(widget.tabText(i)), f"tab {widget.tabText(i)!r}")
                       for i in range(widget.count()) if widget.isTabVisible(i)]
    bar = top.menuWidget() if isinstance(top, QMainWindow) else None  # menuBar() would make one
    if isinstance(bar, QMenuBar) and bar.isVisibleTo(top):
        owners += [(mnemonic(a.text()), f"menu {a.text()!r}") for a in bar.actions() if a.isVisible() and a.text()]
    return owners
