"""The window's look without an application-wide style sheet (#14, the look of #19).

An application style sheet makes Qt polish every widget through ``QStyleSheetStyle``,
matching every rule against it, each time a page is built or a widget is reparented:
the largest share of the time a page took to open. ``Look`` gives the same look instead
as fonts and palettes set once when the style polishes a widget, plus a few drawings
(the primary button, header padding, the table grid) the proxy style asks it for.
Colours come from the palette in use and sizes from the application font, as before, so
a dark or high-contrast palette and a large system font are honoured.

What it dresses, by object name: ``pageTitle``, ``pageSubtitle``, ``emptyTitle``,
``emptyText``, ``countLabel`` (labels), ``primary`` (push buttons), ``search`` (line
edits); every table view (grid and selection colours) and header (bold, padded). The
sidebar keeps a small style sheet of its own (``sidebar_style_sheet`` in gui/theme.py).
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QStyleOption,
    QStyleOptionButton,
    QTableView,
    QWidget,
)

Role = QPalette.ColorRole
Group = QPalette.ColorGroup
_GROUPS = (Group.Active, Group.Inactive, Group.Disabled)

PRIMARY_PADDING = QSize(14, 6)  # each side, as the style sheet's "padding: 6px 14px"
PRIMARY_BORDER = 2
PRIMARY_RADIUS = 4.0
HEADER_PADDING = QSize(6, 4)  # "padding: 4px 6px" around a header's text
SEARCH_MARGINS = (8, 3, 8, 3)  # with no frame: the sheet's "padding: 5px 8px" box, same size
_LABEL_FONTS = {"pageTitle": (1.6, True), "emptyTitle": (1.45, True), "emptyText": (1.05, False)}
DRESSED = (QLabel, QHeaderView, QTableView, QPushButton, QLineEdit)  # the only classes ``dress`` acts on


def _signed(rgba: int) -> int:
    """A QRgb as the signed int a style hint returns."""
    return rgba - (1 << 32) if rgba >= 1 << 31 else rgba


class Look:
    """Fonts, colours and a few drawings for the widgets named above (see the module doc)."""

    def __init__(self, *, base_pt: float, subtle: QColor, empty_title: QColor, grid: QColor,
                 highlight: QColor, highlighted_text: QColor, focus: QColor, hover: QColor,
                 button: QColor, button_muted: QColor) -> None:
        self.base_pt = base_pt
        self.subtle = subtle
        self.empty_title = empty_title
        self.grid = grid
        self.highlight = highlight
        self.highlighted_text = highlighted_text
        self.focus = focus
        self.hover = hover
        self.button = button
        self.button_muted = button_muted

    # --- when a widget is polished --------------------------------------------------
    def dress(self, widget: QWidget) -> None:
        name = widget.objectName()
        if isinstance(widget, QLabel):
            if name in _LABEL_FONTS:
                scale, bold = _LABEL_FONTS[name]
                self._font(widget, scale, bold)
            if name == "emptyTitle":
                self._text_colour(widget, self.empty_title)
            elif name in ("pageSubtitle", "countLabel", "emptyText"):
                self._text_colour(widget, self.subtle)
        elif isinstance(widget, QHeaderView):
            font = QFont(widget.font())
            font.setWeight(QFont.Weight.DemiBold)
            widget.setFont(font)
        elif isinstance(widget, QTableView):
            palette = widget.palette()
            for group in _GROUPS[:2]:  # selected rows look the same when the window is not active
                palette.setColor(group, Role.Highlight, self.highlight)
                palette.setColor(group, Role.HighlightedText, self.highlighted_text)
            widget.setPalette(palette)
        elif isinstance(widget, QPushButton) and name == "primary":
            palette = widget.palette()
            for group in _GROUPS[:2]:
                palette.setColor(group, Role.ButtonText, self.highlighted_text)
            palette.setColor(Group.Disabled, Role.ButtonText, self.button_muted)
            widget.setPalette(palette)
            widget.setAttribute(Qt.WidgetAttribute.WA_Hover, True)
        elif isinstance(widget, QLineEdit) and name == "search":
            widget.setFrame(False)  # the sheet's rounded box had no border: the base colour alone
            widget.setTextMargins(*SEARCH_MARGINS)

    def _font(self, widget: QWidget, scale: float, bold: bool) -> None:
        font = QFont(widget.font())
        font.setPointSizeF(round(self.base_pt * scale, 1))
        if bold:
            font.setWeight(QFont.Weight.DemiBold)
        widget.setFont(font)

    @staticmethod
    def _text_colour(widget: QWidget, colour: QColor) -> None:
        palette = widget.palette()
        for group in _GROUPS:
            palette.setColor(group, Role.WindowText, colour)
            palette.setColor(group, Role.Text, colour)
        widget.setPalette(palette)

    # --- what the proxy style asks --------------------------------------------------
    def grid_hint(self) -> int:
        return _signed(self.grid.rgba())

    @staticmethod
    def is_primary(widget: QWidget | None) -> bool:
        return isinstance(widget, QPushButton) and widget.objectName() == "primary"

    def primary_size(self, contents: QSize) -> QSize:
        extra = 2 * (PRIMARY_BORDER + PRIMARY_PADDING.width()), 2 * (PRIMARY_BORDER + PRIMARY_PADDING.height())
        return QSize(contents.width() + extra[0], contents.height() + extra[1])

    def draw_primary(self, base: QStyle, option: QStyleOption, painter: QPainter, widget: QWidget) -> None:
        """A flat button in the accent colour; its border turns the focus colour with focus."""
        state = option.state
        enabled = bool(state & QStyle.StateFlag.State_Enabled)
        fill = self.highlight if enabled else self.button
        if enabled and state & QStyle.StateFlag.State_MouseOver:
            fill = self.hover
        border = self.focus if enabled and state & QStyle.StateFlag.State_HasFocus else fill
        if enabled and not state & QStyle.StateFlag.State_HasFocus:
            border = self.highlight
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(border, PRIMARY_BORDER))
        painter.setBrush(fill)
        half = PRIMARY_BORDER / 2
        painter.drawRoundedRect(QRectF(option.rect).adjusted(half, half, -half, -half), PRIMARY_RADIUS, PRIMARY_RADIUS)
        painter.restore()
        label = QStyleOptionButton(option)
        label.state &= ~QStyle.StateFlag.State_HasFocus
        label.rect = option.rect.adjusted(PRIMARY_BORDER, PRIMARY_BORDER, -PRIMARY_BORDER, -PRIMARY_BORDER)
        base.drawControl(QStyle.ControlElement.CE_PushButtonLabel, label, painter, widget)

    @staticmethod
    def header_size(size: QSize) -> QSize:
        return QSize(size.width() + 2 * HEADER_PADDING.width(), size.height() + 2 * HEADER_PADDING.height())
