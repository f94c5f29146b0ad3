"""Tab goes through every page and dialog in the order a person reads it (issue #19, item 1).

The reading-order rule (rows top to bottom, left to right, pane by pane) is written out in
``tab_order.py``; the first two tests prove the checker fails on a wrong order.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from tests.gui.accessibility.screens import PAGES, SCREENS, Room, settle
from tests.gui.accessibility.tab_order import first_out_of_order, reading_order


def _show(qtbot, widget: QWidget) -> QWidget:  # noqa: ANN001
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget, timeout=3000)
    return widget


def _form(names: list[str]) -> tuple[QDialog, dict[str, QLineEdit]]:
    """A two-column grid: a b / c d, created in the order given."""
    dialog = QDialog()
    grid = QGridLayout(dialog)
    fields = {}
    places = {"a": (0, 0), "b": (0, 1), "c": (1, 0), "d": (1, 1)}
    for name in names:
        fields[name] = QLineEdit(objectName=name)
        grid.addWidget(fields[name], *places[name])
    return dialog, fields


def test_checker_names_the_first_pair_out_of_order(qtbot) -> None:  # noqa: ANN001
    dialog, _ = _form(["a", "c", "b", "d"])  # created column by column: Tab goes a, c, b, d
    _show(qtbot, dialog)
    problem = first_out_of_order(dialog)
    assert problem is not None
    assert "#a" in problem and "Tab goes to QLineEdit #c" in problem and "reads QLineEdit #b" in problem

    fixed, _ = _form(["a", "b", "c", "d"])
    _show(qtbot, fixed)
    assert first_out_of_order(fixed) is None


def test_a_splitter_pane_is_read_whole_before_the_next(qtbot) -> None:  # noqa: ANN001
    window = QWidget()
    splitter = QSplitter(window)
    QVBoxLayout(window).addWidget(splitter)
    panes = []
    for side in ("left", "right"):
        pane = QWidget()
        column = QVBoxLayout(pane)
        for row in (1, 2):
            column.addWidget(QLineEdit(objectName=f"{side}{row}"))
        splitter.addWidget(pane)
        panes.append(pane)
    buttons = QHBoxLayout()
    window.layout().addLayout(buttons)
    buttons.addWidget(QPushButton("&OK", objectName="ok"))
    _show(qtbot, window)
    assert [w.objectName() for w in reading_order(window)] == ["left1", "left2", "right1", "right2", "ok"]
    assert first_out_of_order(window) is None
    QWidget.setTabOrder(window.findChild(QLineEdit, "left1"), window.findChild(QLineEdit, "right1"))
    assert first_out_of_order(window) is not None


def test_columns_of_a_horizontal_box_are_read_one_at_a_time(qtbot) -> None:  # noqa: ANN001
    """A chart with its Save button under it, twice side by side: chart, Save, chart, Save."""
    window = QWidget()
    columns = QHBoxLayout(window)
    for side in ("left", "right"):
        column = QVBoxLayout()
        column.addWidget(QLineEdit(objectName=f"{side}-chart"))
        column.addWidget(QPushButton("&Save", objectName=f"{side}-save"))
        columns.addLayout(column)
    _show(qtbot, window)
    assert [w.objectName() for w in reading_order(window)] == [
        "left-chart", "left-save", "right-chart", "right-save"]
    assert first_out_of_order(window) is None


@pytest.mark.parametrize("shown", SCREENS, indirect=True)
def test_tab_follows_the_reading_order(shown, room: Room, request: pytest.FixtureRequest) -> None:  # noqa: ANN001
    """On every tab of every tab widget too (each tab is shown, and loads, in turn)."""
    name = request.node.callspec.params["shown"]
    problems = []
    for where in every_tab(shown, room):
        problem = first_out_of_order(shown)
        if problem is not None:
            problems.append(f"{name}{where}: {problem}")
    assert not problems, "\n".join(problems)


def every_tab(top: QWidget, room: Room) -> Iterator[str]:
    """Show each tab of each visible QTabWidget in turn ("" first: the screen as it opens)."""
    yield ""
    for tabs in top.findChildren(QTabWidget):
        if not tabs.isVisibleTo(top):
            continue
        first = tabs.currentIndex()
        for index in range(tabs.count()):
            if index == first or not tabs.isTabEnabled(index) or not tabs.isTabVisible(index):
                continue
            tabs.setCurrentIndex(index)
            settle(top, room)
            QApplication.processEvents()
            yield f" (tab {tabs.tabText(index).replace('&', '')!r})"
        tabs.setCurrentIndex(first)


@pytest.mark.parametrize("page", PAGES)
def test_tab_goes_from_the_sidebar_into_each_page_in_reading_order(qtbot, room: Room, page: str) -> None:  # noqa: ANN001
    """The page inside the main window (pages are built when first shown, after the sidebar)."""
    from communitydesk.gui.main_window import MainWindow

    window = MainWindow(room.ctx)
    qtbot.addWidget(window)
    window.resize(1100, 760)
    window.show()
    qtbot.waitExposed(window)
    window.show_page(page)
    settle(window, room)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    assert first_out_of_order(window) is None
