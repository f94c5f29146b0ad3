"""Widgets no rule of the style acts on ask a plain Fusion, not the Python style (#14): each
question the style answers in Python is a call from Qt into Python, thousands a paint. The look
must not change: the widgets the rules act on keep the style, also under a style sheet."""

from __future__ import annotations

from PySide6.QtGui import QImage, QStandardItemModel
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProxyStyle,
    QPushButton,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from communitydesk.gui.accessible_style import AccessibleStyle
from communitydesk.gui.calm_look import HEADER_PADDING


def _page(qtbot) -> tuple[QWidget, dict[str, QWidget]]:  # noqa: ANN001 - pytest-qt
    page = QWidget()
    qtbot.addWidget(page)
    layout = QVBoxLayout(page)
    parts: dict[str, QWidget] = {"label": QLabel("Members"), "search": QLineEdit(), "notes": QPlainTextEdit()}
    table = QTableView()
    table.setModel(QStandardItemModel(200, 4, table))
    parts["table"] = table
    primary = QPushButton("Save")
    primary.setObjectName("primary")
    parts["primary"] = primary
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    parts["buttons"] = buttons
    for widget in parts.values():
        layout.addWidget(widget)
    page.resize(600, 500)
    page.show()
    qtbot.waitExposed(page)
    return page, parts


def test_widgets_no_rule_acts_on_ask_a_plain_style(qtbot, qapp: QApplication) -> None:  # noqa: ANN001
    _page_widget, parts = _page(qtbot)
    app_style = qapp.style()
    assert isinstance(app_style, AccessibleStyle)
    table = parts["table"]
    for plain in (parts["label"], parts["search"], table.verticalScrollBar()):
        assert plain.style() is not app_style, type(plain).__name__
        assert not isinstance(plain.style(), AccessibleStyle)
        assert plain.style().name().lower() == "fusion"
    for dressed in (parts["notes"], parts["primary"], parts["buttons"],
                    parts["buttons"].button(QDialogButtonBox.StandardButton.Close)):
        assert dressed.style() is app_style, type(dressed).__name__
    # the grid colour is a hint only a table asks: the table's own style gives it, and the
    # application's style answers every other widget's hints in C++
    assert isinstance(table.style(), QProxyStyle) and table.style() is not app_style
    # the table's rules (frame, focus ring, polish) are the application style's own; its cells
    # are drawn and sized by Fusion in C++, never through Python
    table_style = type(table.style())
    assert table_style.drawPrimitive is AccessibleStyle.drawPrimitive
    assert table_style.pixelMetric is AccessibleStyle.pixelMetric and table_style.polish is AccessibleStyle.polish
    assert table_style.drawControl is QProxyStyle.drawControl
    assert table_style.sizeFromContents is QProxyStyle.sizeFromContents
    grid = table.style().styleHint(QStyle.StyleHint.SH_Table_GridLineColor, None, table)
    assert grid == app_style.look.grid_hint()
    assert AccessibleStyle.styleHint is QProxyStyle.styleHint
    # a header's one rule (padding round each section) is its own style's only override
    header = table.horizontalHeader()
    assert header.style() is not app_style and not isinstance(header.style(), AccessibleStyle)
    assert header.sectionSizeFromContents(0).height() >= header.fontMetrics().height() + 2 * HEADER_PADDING.height()


def _shot(widget: QWidget) -> QImage:
    return widget.grab().toImage()


def test_a_style_sheet_set_later_keeps_the_look_of_buttons_and_tables(qtbot, qapp: QApplication) -> None:  # noqa: ANN001
    """A screen that sets its own sheet after it was first shown (the kiosk) keeps the primary
    button, the focus ring and the table frame: its containers keep the application's style."""
    page, parts = _page(qtbot)
    parts["table"].setFocus()
    qtbot.waitUntil(parts["table"].hasFocus)
    before = {name: _shot(parts[name]) for name in ("primary", "table", "buttons")}
    page.setStyleSheet("QLabel { color: #3c4a44; }")  # touches neither buttons nor tables
    qtbot.wait(10)
    for name, image in before.items():
        assert _shot(parts[name]) == image, name
