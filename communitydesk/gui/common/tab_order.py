"""Putting a widget built late (a tab's panel, loaded columns) at its place in the Tab order.

Qt appends a widget to the window's focus chain when it is parented, so a panel built
when its tab is first shown is reached by Tab only after the dialog's buttons (#19).
``QWidget.setTabOrder`` ignores widgets that take no focus (a panel itself), hence the walk.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget


def tab_stops_in(container: QWidget) -> list[QWidget]:
    """The widgets inside ``container`` that Tab stops at, in focus-chain order.

    Qt keeps a widget's subtree together in the chain, so the walk ends where the container
    does: walking the window's whole chain made wrappers for every widget in it, and one of
    them (a menu's) took its actions' Python wrappers down when it was let go (PySide)."""
    stops: list[QWidget] = []
    widget = container.nextInFocusChain()
    while widget is not container and container.isAncestorOf(widget) and widget not in stops:
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            stops.append(widget)
        widget = widget.nextInFocusChain()
    return stops


def tab_after(before: QWidget, container: QWidget) -> None:
    """Tab goes from ``before`` into ``container`` (its own order kept), then on as it did."""
    previous = before
    for stop in tab_stops_in(container):
        QWidget.setTabOrder(previous, stop)
        previous = stop
