"""Tab ORDER against reading order (issue #19, item 1).

``tab_chain`` is what Tab visits: the window's own ``focusNextChild`` pressed from the first
focusable widget (on the window, so a date box's day/month/year sections do not count),
visible, enabled, Tab-focusable widgets only, each once.

``reading_order`` is how a sighted person reads the same widgets. The rule:

* Geometry is each widget's rectangle mapped to the window (``mapTo``).
* Widgets are read in rows, top to bottom, and each row left to right. A widget joins the
  row started by the topmost widget not yet placed when its top is within half the smaller
  of the two heights (at least ``MIN_ROW_SLACK`` px) of that widget's top: a label, a line
  edit and a combo box on one form row, or a tall list and the first button beside it, are
  one row even though their tops differ by a few pixels.
* A *block* is read whole before what follows it, like a column of a newspaper: each pane of
  a QSplitter, a QTabWidget (its tab bar, then its current page), a QStackedWidget page, a
  QScrollArea (its whole content, also what is scrolled out of view), a QGroupBox, a
  QDockWidget, and each *column* of a horizontal box layout (an item of a QHBoxLayout that
  is a nested layout or a container widget: a chart with its caption and its Save button
  under it, the left column of group boxes in a two-column dialog). A block takes its place
  among its neighbours by its own rectangle (the rows rule again), then its widgets are read
  by the same rule inside it. A QGridLayout or QFormLayout is not split into columns: a
  grid of fields is read row by row, as its labels line up.
* The tab chain is a cycle: it is compared from the widget the reading order starts with.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import (
    QApplication,
    QBoxLayout,
    QDockWidget,
    QGroupBox,
    QLayout,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QWidget,
)

from tests.gui.accessibility.walks import _resolved, describe, first_in_chain, focusable_widgets

MIN_ROW_SLACK = 4
PANE_TYPES = (QTabWidget, QStackedWidget, QScrollArea, QGroupBox, QDockWidget)


def is_pane(widget: QWidget, top: QWidget) -> bool:
    """A container whose widgets a person reads as one block (see the module's rule)."""
    if widget is top:
        return False
    if isinstance(widget, PANE_TYPES):
        return True
    parent = widget.parentWidget()
    return isinstance(parent, QSplitter) and parent.indexOf(widget) >= 0


def rect_in(widget: QWidget, top: QWidget) -> QRect:
    return QRect(widget.mapTo(top, QPoint(0, 0)) if widget is not top else QPoint(0, 0), widget.size())


@dataclass
class Block:
    """A pane or a column (or the window) and what it holds: widgets and smaller blocks."""

    key: object
    rect: QRect
    items: list[QWidget | Block] = field(default_factory=list)


def _layout_path(layout: QLayout, child: QWidget) -> list[QLayout] | None:
    """The nested layouts from ``layout`` down to the one holding ``child``."""
    for i in range(layout.count()):
        item = layout.itemAt(i)
        if item.widget() is child:
            return [layout]
        inner = item.layout()
        if inner is not None:
            found = _layout_path(inner, child)
            if found is not None:
                return [layout, *found]
    return None


def _horizontal(layout: QLayout) -> bool:
    return isinstance(layout, QBoxLayout) and layout.direction() in (
        QBoxLayout.Direction.LeftToRight, QBoxLayout.Direction.RightToLeft)


def _block_path(widget: QWidget, top: QWidget) -> list[tuple[object, QRect]]:
    """The blocks (panes and columns) between ``top`` and ``widget``, outermost first."""
    inner_first: list[tuple[object, QRect]] = []
    child, parent = widget, widget.parentWidget()
    while parent is not None and child is not top:
        if child is not widget and is_pane(child, top):
            inner_first.append((child, rect_in(child, top)))
        layouts = _layout_path(parent.layout(), child) if parent.layout() is not None else None
        if layouts:
            origin = rect_in(parent, top).topLeft()
            columns = []
            for outer, inner in zip(layouts, [*layouts[1:], None], strict=True):
                if not _horizontal(outer):
                    continue
                if inner is not None:
                    columns.append((inner, inner.geometry().translated(origin)))
                elif child is not widget and not is_pane(child, top):
                    columns.append((child, rect_in(child, top)))
            inner_first += reversed(columns)
        child, parent = parent, parent.parentWidget()
    return list(reversed(inner_first))


def _tree(widgets: list[QWidget], top: QWidget) -> Block:
    root = Block(top, rect_in(top, top))
    blocks: dict[int, Block] = {}
    for widget in widgets:
        holder = root
        for key, rect in _block_path(widget, top):
            if id(key) not in blocks:
                blocks[id(key)] = Block(key, rect)
                holder.items.append(blocks[id(key)])
            holder = blocks[id(key)]
        holder.items.append(widget)
    return root


def in_rows(rects: list[QRect]) -> list[int]:
    """Indexes of ``rects`` in reading order: rows top to bottom, each row left to right."""
    pending = sorted(range(len(rects)), key=lambda i: (rects[i].top(), rects[i].left()))
    order: list[int] = []
    while pending:
        first = rects[pending[0]]
        row = [i for i in pending
               if rects[i].top() - first.top()
               <= max(MIN_ROW_SLACK, min(first.height(), rects[i].height()) // 2)]
        row.sort(key=lambda i: rects[i].left())
        order += row
        pending = [i for i in pending if i not in row]
    return order


def _read(block: Block, top: QWidget) -> list[QWidget]:
    rects = [item.rect if isinstance(item, Block) else rect_in(item, top) for item in block.items]
    out: list[QWidget] = []
    for index in in_rows(rects):
        item = block.items[index]
        out += _read(item, top) if isinstance(item, Block) else [item]
    return out


def reading_order(top: QWidget, widgets: list[QWidget] | None = None) -> list[QWidget]:
    """The focusable widgets of ``top`` as a person reads them (the module's rule)."""
    return _read(_tree(focusable_widgets(top) if widgets is None else widgets, top), top)


def tab_chain(top: QWidget) -> list[QWidget]:
    """The widgets Tab visits, in order, once round the window (``top`` shown and active)."""
    wanted = focusable_widgets(top)
    if not wanted:
        return []
    start = first_in_chain(top, wanted)
    start.setFocus()
    QApplication.processEvents()
    visited: list[QWidget] = []
    current = QApplication.focusWidget()
    for _ in range(len(wanted) * 3 + 4):
        if current is None:
            break
        resolved = _resolved(current)
        if visited and resolved is visited[0]:
            break
        if resolved not in visited and resolved in wanted:
            visited.append(resolved)
        top.focusNextChild()
        QApplication.processEvents()
        current = QApplication.focusWidget()
    return visited


def first_out_of_order(top: QWidget) -> str | None:
    """None when Tab follows the reading order, else the first pair of widgets out of order."""
    chain = tab_chain(top)
    reading = [w for w in reading_order(top) if w in chain]
    if len(reading) < 2:
        return None
    start = chain.index(reading[0])
    chain = chain[start:] + chain[:start]
    for index, (tabbed, read) in enumerate(zip(chain, reading, strict=False)):
        if tabbed is not read:
            before = reading[index - 1]
            return (f"after {describe(before)} Tab goes to {describe(tabbed)}, "
                    f"but the layout reads {describe(read)} next")
    return None
