"""Putting a widget built late (a tab's panel, loaded columns) at its place in the Tab order.

Qt appends a widget to the window's focus chain when it is parented, so a panel built
when its tab is first shown is reached by Tab only after the dialog's buttons (#19).
``QWidget.setTabOrder`` ignores widgets that take no focus (a panel itself), hence the walk.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget


def tab_stops_in(container: QWidget) -> list[QWidget]:
    """The widgets inside ``container`` that Tab stops at, in focus-chain order."""
    stops: list[QWidget] = []
    widget = container.nextInFocusChain()
    while widget is not container and widget not in stops:
        if container.isAncestorOf(widget) and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            stops.append(widget)
        widget = widget.nextInFocusChain()
    return stops


def tab_after(before: QWidget, container: QWidget) -> None:
    """Tab goes from ``before`` into ``container`` (its own order kept), then on as it did."""
    previous = before
    for stop in tab_stops_in(container):
        QWidget.setTabOrder(previous, stop)
        previous = stop
