"""Keyboard and screen-reader walks shared by the accessibility tests.

``tab_chain_problems`` presses Tab from the first focusable widget and reports the
widgets Tab never reaches and the widgets that keep Tab for themselves (traps).
``unnamed_elements`` walks the QAccessible tree, as a screen reader does, and reports
interactive elements with no name: no accessible name, no buddy label, no text.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAction, QShortcut
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QTabBar,
    QTextEdit,
    QWidget,
)

from communitydesk.gui.common.tab_order import focus_chain, focus_target

INTERACTIVE = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView, QTextEdit,
               QPlainTextEdit)
TEXT_NAMED = (QAbstractButton,)
SECTIONS_TAB_MAY_VISIT = 6  # day, month, year, hour, minute (and AM/PM) in a date-time box  # a button's own text is its name


def describe(widget: QWidget) -> str:
    """A widget as a failure message names it: class, object name, text and parent."""
    bits = [type(widget).__name__]
    if widget.objectName():
        bits.append(f"#{widget.objectName()}")
    text = getattr(widget, "text", None)
    if callable(text) and isinstance(widget, (QAbstractButton, QLineEdit)):
        bits.append(repr(text()))
    tip = widget.toolTip() or widget.accessibleName()
    if tip:
        bits.append(f"({tip!r})")
    parent = widget.parentWidget()
    if parent is not None:
        bits.append(f"in {type(parent).__name__}{'#' + parent.objectName() if parent.objectName() else ''}")
    return " ".join(bits)


def _resolved(widget: QWidget) -> QWidget:
    return focus_target(widget)


def _internal(widget: QWidget) -> bool:
    """Parts of a compound widget (a spin box's editor, a tab bar's scroll arrows, a header)."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, (QComboBox, QAbstractSpinBox, QTabBar, QHeaderView)):
            return True
        if isinstance(parent, QAbstractItemView) and widget is not getattr(parent, "viewport", lambda: None)():
            return True  # editors and index widgets inside a table
        parent = parent.parentWidget()
    return isinstance(widget, QHeaderView)


def focusable_widgets(top: QWidget) -> list[QWidget]:
    """Widgets a keyboard user must be able to reach with Tab, in no particular order."""
    found: list[QWidget] = []
    for widget in top.findChildren(QWidget):
        if widget.isWindow() or not widget.isVisibleTo(top) or not widget.isEnabled():
            continue
        if _internal(widget) or isinstance(widget, QTabBar) and widget.count() < 2:
            continue
        target = _resolved(widget)
        if not target.isVisibleTo(top) or not target.isEnabled() or target.isWindow():
            continue
        if not target.focusPolicy() & Qt.FocusPolicy.TabFocus:
            continue
        if target not in found:
            found.append(target)
    return found


def first_in_chain(top: QWidget, wanted: list[QWidget]) -> QWidget:
    """The first of ``wanted`` in the focus chain, as Tab from the window would reach it."""
    return next((w for w in map(_resolved, focus_chain(top)) if w in wanted), wanted[0])


def tab_chain_problems(top: QWidget) -> list[str]:
    """Press Tab around ``top`` (shown and active); report traps and widgets never reached."""
    wanted = focusable_widgets(top)
    if not wanted:
        return []
    start = first_in_chain(top, wanted)
    start.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()
    current = QApplication.focusWidget()
    if current is None:
        return [f"focus could not be given to {describe(start)}"]
    visited = [_resolved(current)]
    problems: list[str] = []
    stuck = 0
    for _ in range(len(wanted) * 12 + 4):
        QTest.keyClick(current, Qt.Key.Key_Tab)
        after = QApplication.focusWidget()
        if after is None or not top.isAncestorOf(after) and after is not top:
            problems.append(f"Tab from {describe(current)} leaves the window")
            break
        if after is current and len(wanted) > 1:
            stuck += 1  # a date box takes Tab to move from day to month to year, then lets go
            if stuck > SECTIONS_TAB_MAY_VISIT:
                problems.append(f"Tab is trapped in {describe(current)}")
                break
            continue
        stuck = 0
        current = after
        resolved = _resolved(current)
        if resolved is visited[0]:
            break
        if resolved not in visited:
            visited.append(resolved)
    for widget in wanted:
        if widget not in visited and not any(v.isAncestorOf(widget) for v in visited):
            problems.append(f"Tab never reaches {describe(widget)}")
    return problems


def buddies(top: QWidget) -> set[QWidget]:
    """Widgets a label names (QLabel.setBuddy, and every labelled QFormLayout row)."""
    return {label.buddy() for label in top.findChildren(QLabel)
            if label.buddy() is not None and label.text().replace("&", "").strip()}


def _named(widget: QWidget, iface, labelled: set[QWidget]) -> bool:  # noqa: ANN001 - QAccessibleInterface
    if widget.accessibleName().strip() or widget in labelled:
        return iface.text(QAccessible.Text.Name).strip() != ""
    if isinstance(widget, TEXT_NAMED):
        return bool(iface.text(QAccessible.Text.Name).replace("&", "").strip())
    return False


def accessible_widgets(top: QWidget) -> list[tuple[QWidget, object]]:
    """(widget, interface) for every widget the QAccessible tree of ``top`` exposes."""
    root = QAccessible.queryAccessibleInterface(top)
    seen: list[tuple[QWidget, object]] = []
    pending = [root]
    while pending:
        iface = pending.pop()
        if iface is None or not iface.isValid():
            continue
        obj = iface.object()
        if isinstance(obj, QWidget):
            seen.append((obj, iface))
            if isinstance(obj, QAbstractItemView):
                continue  # its children are cells, named by the data
        for i in range(iface.childCount()):
            pending.append(iface.child(i))
    return seen


def unnamed_elements(top: QWidget) -> list[str]:
    """Interactive, visible elements a screen reader would announce with no name."""
    problems = []
    labelled = buddies(top)
    for widget, iface in accessible_widgets(top):
        if not isinstance(widget, INTERACTIVE) or not widget.isVisibleTo(top) or _internal(widget):
            continue
        if isinstance(widget, QAbstractScrollArea) and not isinstance(widget, (QAbstractItemView, QTextEdit,
                                                                                QPlainTextEdit)):
            continue
        if not _named(widget, iface, labelled):
            problems.append(f"no name: {describe(widget)} (role {iface.role().name})")
    return problems


def icon_only_buttons(top: QWidget) -> list[QAbstractButton]:
    return [b for b in top.findChildren(QAbstractButton)
            if b.isVisibleTo(top) and not b.text().replace("&", "").strip() and not _internal(b)]


def window_shortcuts(top: QWidget) -> set[str]:
    """Every key sequence a QShortcut or QAction in ``top`` answers to, as text ("Ctrl+S")."""
    keys: set[str] = set()
    for shortcut in top.findChildren(QShortcut):
        keys.update(k.toString() for k in shortcut.keys())  # noqa: SIM118 - QShortcut.keys()
    for action in top.findChildren(QAction):
        keys.update(k.toString() for k in action.shortcuts())
    return {k for k in keys if k}


def has_mnemonic(text: str) -> bool:
    return bool(re.search(r"&[^&\s]", text.replace("&&", "")))


def buttons_without_keys(top: QWidget) -> list[str]:
    """Visible push buttons with neither a mnemonic (Alt+letter) nor a shortcut of their own or
    named in their tooltip; a dialog's default button (Enter) and Cancel/Close (Escape) count."""
    keys = window_shortcuts(top)
    problems = []
    for button in top.findChildren(QPushButton):
        if not button.isVisibleTo(top) or _internal(button) or not button.text().strip():
            continue
        if has_mnemonic(button.text()) or not button.shortcut().isEmpty() or button.isDefault():
            continue
        if button.objectName() == "qt_wizard_cancel":
            continue  # Escape cancels a wizard
        box = button.parentWidget()
        if isinstance(box, QDialogButtonBox) and box.buttonRole(button) in (
                QDialogButtonBox.ButtonRole.RejectRole, QDialogButtonBox.ButtonRole.AcceptRole):
            continue  # Escape and Enter
        named = re.findall(r"((?:Ctrl|Alt|Shift|Meta)\+[\w+-]+|F\d+)", button.toolTip().replace("−", "-"))
        if named and all(k in keys for k in named):
            continue
        problems.append(f"no mnemonic or shortcut: {describe(button)}")
    return problems


def actions_without_keys(menus: list[QMenu]) -> list[str]:
    """Menu actions with neither a mnemonic nor a shortcut."""
    problems = []
    for menu in menus:
        for action in menu.actions():
            if action.isSeparator() or not action.text():
                continue
            if action.menu() is not None:
                problems += actions_without_keys([action.menu()])
            if not has_mnemonic(action.text()) and action.shortcut().isEmpty():
                problems.append(f"menu {menu.title()!r}: {action.text()!r} has no mnemonic or shortcut")
    return problems
