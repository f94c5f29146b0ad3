"""Walking the focus chain from Python leaves PySide's records of who owns what as Qt has them.

PySide 6.11 files the widget ``nextInFocusChain()``, ``previousInFocusChain()`` and
``focusProxy()`` return as a child of the widget asked; a table asked for through its viewport
became the child of its own child, and Python's garbage collector then deleted it under its
parent (a rare segmentation fault in the GUI tests). gui/common/tab_order.py files each widget
back under its real parent. These tests check that record, and run the whole sequence in a
separate process so that, if it comes back, a crash fails one test instead of the whole run.
"""

from __future__ import annotations

import os
import subprocess
import sys

import shiboken6
from PySide6.QtWidgets import QLabel, QLineEdit, QTableWidget, QVBoxLayout, QWidget

from communitydesk.gui.common.tab_order import focus_chain, focus_target, tab_stops_in
from tests.paths import REPO


def _filed_under(widget: QWidget) -> str | None:
    """Where PySide keeps ``widget``: its parent wrapper's class and address (None: nowhere)."""
    for line in shiboken6.dump(widget).splitlines():
        if line.startswith("parent"):
            return line.split("<", 1)[1].rstrip("> ").rsplit(".", 1)[-1]
    return None


def _where(widget: QWidget) -> str:
    return f"{type(widget).__name__} at {hex(id(widget))}"


def _window(qtbot) -> tuple[QWidget, QTableWidget]:  # noqa: ANN001
    top = QWidget()
    layout = QVBoxLayout(top)
    label, field = QLabel("&Name"), QLineEdit()
    label.setBuddy(field)
    table = QTableWidget(3, 2)
    for widget in (label, field, table):
        layout.addWidget(widget)
    qtbot.addWidget(top)
    top.show()
    qtbot.waitExposed(top)
    return top, table


def test_the_chain_is_every_widget_in_order_and_each_stays_under_its_parent(qtbot) -> None:  # noqa: ANN001
    top, table = _window(qtbot)
    chain = focus_chain(top)
    assert len(chain) == len([w for w in top.findChildren(QWidget) if w.window() is top])
    assert [type(w).__name__ for w in tab_stops_in(top)] == ["QLineEdit", "QTableWidget"]
    for widget in chain:
        assert widget.parentWidget() is not None
        assert _filed_under(widget) == _where(widget.parentWidget()), widget
    assert _filed_under(top) is None  # the window was never handed out as anybody's child


def test_a_viewport_s_focus_target_is_its_table_filed_under_the_window(qtbot) -> None:  # noqa: ANN001
    top, table = _window(qtbot)
    assert focus_target(table.viewport()) is table
    assert _filed_under(table) == _where(top)  # not the viewport it was asked through
    header = table.horizontalHeader()
    assert focus_target(header.viewport()) is header
    assert _filed_under(header) == _where(table)


_SEQUENCE = """
import gc
from PySide6.QtWidgets import QApplication, QTableWidget, QVBoxLayout, QWidget
from communitydesk.gui.common.tab_order import focus_chain, focus_target
app = QApplication([])
top = QWidget()
QVBoxLayout(top).addWidget(QTableWidget(3, 3))
top.show()
app.processEvents()
def header_through_its_viewport():
    focus_target(top.findChildren(QTableWidget)[0].horizontalHeader().viewport())
for walk in (header_through_its_viewport, lambda: focus_chain(top)):
    walk()
    gc.collect()  # a widget PySide filed under its own child would be deleted here
    app.setStyle("Windows" if app.style().name() != "windows" else "Fusion")  # tables lay out again
    top.resize(top.width() + 10, 480)
    app.processEvents()
print("alive")
"""


def test_walks_then_a_garbage_collection_leave_the_tables_working() -> None:
    done = subprocess.run([sys.executable, "-c", _SEQUENCE], capture_output=True, text=True, timeout=60,
                          cwd=REPO, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr[-2000:]
    assert "alive" in done.stdout
