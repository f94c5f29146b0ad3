"""Putting a widget built late (a tab's panel, loaded columns) at its place in the Tab order,
and walking Qt's focus chain without the PySide side effect that crashed the window.

Qt appends a widget to the window's focus chain when it is parented, so a panel built
when its tab is first shown is reached by Tab only after the dialog's buttons (#19).
``QWidget.setTabOrder`` ignores widgets that take no focus (a panel itself), hence the walk.

PySide 6.11 records the widget ``nextInFocusChain()``, ``previousInFocusChain()`` or
``focusProxy()`` returns as a Python *child* of the widget asked. A table's viewport has the
table as its focus proxy, so asking it made the table (or a header) the child of its own child;
when Python's garbage collector later broke that loop it deleted the C++ widget under its
parent, and the next layout crashed the program (seen as a rare segmentation fault in the GUI
tests). So the app asks through ``focus_chain`` and ``focus_target``: each puts the widget
it got back under its real parent, and ``focus_chain`` never asks past the last widget inside
(the one after it may be the window, which has no parent to be put back under).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

_DIRECT = Qt.FindChildOption.FindDirectChildrenOnly


def focus_chain(container: QWidget) -> list[QWidget]:
    """The widgets inside ``container`` (a window or any part of one) in focus-chain order."""
    window = container.window()
    inside = [w for w in container.findChildren(QWidget) if w.window() is window]
    chain: list[QWidget] = []
    widget = container
    for _ in inside:  # the subtree is one run of the chain: never one step past its end
        widget = _refiled(widget.nextInFocusChain())
        if widget is container or not container.isAncestorOf(widget) or widget in chain:
            break
        chain.append(widget)
    return chain


def focus_target(widget: QWidget) -> QWidget:
    """The widget that takes the focus for ``widget``: its focus proxy's, all the way down."""
    while (proxy := widget.focusProxy()) is not None:
        widget = _refiled(proxy)
    return widget


def _refiled(widget: QWidget) -> QWidget:
    """``widget``, filed again under its real parent in PySide's records (see the module's note)."""
    parent = widget.parentWidget()
    if parent is not None:
        parent.findChildren(QWidget, options=_DIRECT)  # PySide files each child it returns under `parent`
    return widget


def tab_stops_in(container: QWidget) -> list[QWidget]:
    """The widgets inside ``container`` that Tab stops at, in focus-chain order."""
    return [w for w in focus_chain(container) if w.focusPolicy() & Qt.FocusPolicy.TabFocus]


def tab_after(before: QWidget, container: QWidget) -> None:
    """Tab goes from ``before`` into ``container`` (its own order kept), then on as it did."""
    previous = before
    for stop in tab_stops_in(container):
        QWidget.setTabOrder(previous, stop)
        previous = stop
