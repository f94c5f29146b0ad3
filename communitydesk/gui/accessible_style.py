"""The application's style: Fusion, the rules of gui/accessibility.py for every widget Qt
polishes, the window's look (gui/calm_look.py), and the focus ring drawn where Fusion draws none.

Why Python overrides are kept few and cheap (#14): Qt asks a style thousands of times a paint,
and each override is a call into Python. Widgets no rule acts on are polished onto a plain style
of their own; tables and headers get small styles that carry only their own rule.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSlider,
    QApplication,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFocusFrame,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QProgressBar,
    QProxyStyle,
    QPushButton,
    QRadioButton,
    QRubberBand,
    QSizeGrip,
    QSplitterHandle,
    QStyle,
    QStyleFactory,
    QTabBar,
    QTableView,
    QTextEdit,
    QToolButton,
    QWidget,
)
from shiboken6 import isValid

from communitydesk.gui.accessibility import FOCUS_RING, in_combo_popup, prepare
from communitydesk.gui.calm_look import DRESSED

if TYPE_CHECKING:
    from communitydesk.gui.calm_look import Look

_GRID_HINT = QStyle.StyleHint.SH_Table_GridLineColor
_FOCUS_RADIUS = 3.0


def draw_focus_ring(painter: QPainter, rect: QRect, palette: QPalette, *, rounded: bool = True) -> None:
    """The focus mark every control shares: a ``FOCUS_RING`` px line just inside ``rect`` in the
    palette's Highlight colour (a light, dark or high-contrast palette chooses it to be seen)."""
    half = FOCUS_RING / 2
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, rounded)
    pen = QPen(palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight), FOCUS_RING)
    pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    inner = QRectF(rect).adjusted(half, half, -half, -half)
    if rounded:
        painter.drawRoundedRect(inner, _FOCUS_RADIUS, _FOCUS_RADIUS)
    else:
        painter.drawRect(inner)
    painter.restore()


_FRAME_KINDS: dict[type, int] = {}  # a widget's class -> 0: no ring, 1: a view, 2: a text box


def _frame_kind(cls: type) -> int:
    if issubclass(cls, QAbstractItemView):
        return 0 if issubclass(cls, QHeaderView) else 1
    return 2 if issubclass(cls, (QPlainTextEdit, QTextEdit)) else 0


def _framed_for_focus(widget: QWidget | None) -> bool:
    """A table, list or text box: its frame carries the focus ring (Fusion draws none there).
    Asked at every frame a view paints: the class's answer is kept, not worked out each time."""
    cls = type(widget)
    kind = _FRAME_KINDS.get(cls)
    if kind is None:
        kind = _FRAME_KINDS[cls] = _frame_kind(cls)
    return kind == 2 or (kind == 1 and not in_combo_popup(widget))


_OWN_STYLES: dict[str, QStyle] = {}  # base style name -> a plain style of that kind
# Widgets no override below acts on and that hold none that one does: polished onto a plain
# style (#14). Not containers: a style sheet set on a container later hands its children a sheet
# over the container's own style, and a button box gives its own style to its buttons.
_PLAIN = (QLabel, QAbstractSlider, QLineEdit, QTabBar, QComboBox, QCheckBox, QRadioButton, QToolButton,
          QProgressBar, QMenu, QSizeGrip, QSplitterHandle, QFocusFrame, QRubberBand)
_CE_PUSH_BUTTON = QStyle.ControlElement.CE_PushButton
_CT_PUSH_BUTTON = QStyle.ContentsType.CT_PushButton
_CT_HEADER_SECTION = QStyle.ContentsType.CT_HeaderSection
_PM_FRAME = QStyle.PixelMetric.PM_DefaultFrameWidth
_PE_FRAME = QStyle.PrimitiveElement.PE_Frame
_HAS_FOCUS = QStyle.StateFlag.State_HasFocus
_ENABLED = QStyle.StateFlag.State_Enabled


_PREPARED = (QAbstractItemView, QPlainTextEdit, QTextEdit, QDialog, QDateTimeEdit, QDialogButtonBox)
_OWN_PLAIN, _OWN_TABLE, _OWN_HEADER = 1, 2, 3
# a widget's class -> (``prepare`` acts on it, ``Look.dress`` does, which style of its own it gets):
# most widgets polished are plain containers, on which the isinstance tests all fail every time
_POLISH_PLANS: dict[type, tuple[bool, bool, int]] = {}


def _polish_plan(cls: type) -> tuple[bool, bool, int]:
    own = (_OWN_PLAIN if issubclass(cls, _PLAIN) else _OWN_TABLE if issubclass(cls, QTableView)
           else _OWN_HEADER if issubclass(cls, QHeaderView) else 0)
    return issubclass(cls, _PREPARED), issubclass(cls, DRESSED), own


def _plain_style(name: str) -> QStyle:
    """One plain ``name`` style (Fusion) with no Python in it, for as long as the application."""
    style = _OWN_STYLES.get(name)
    if style is None or not isValid(style):
        style = _OWN_STYLES[name] = _owned_by_application(QStyleFactory.create(name))
    return style


def _owned_by_application(style: QStyle) -> QStyle:
    """Shared by many widgets, so no widget owns it: the application does, as it owns its own
    style (not Python's clean-up at exit, in whatever order that runs); widgets hold it weakly."""
    app = QApplication.instance()
    if app is not None:
        style.setParent(app)
    return style


class AccessibleStyle(QProxyStyle):
    """Fusion, plus ``prepare`` for every widget Qt polishes, and the window's look
    (``look``, a gui/calm_look.py ``Look`` set by gui/theme.py) without a style sheet (#14).

    Each override below is a call from Qt into Python, made thousands of times a paint and a
    layout (a scroll bar alone asks a dozen questions each time it is laid out). They act only
    on tables, lists, headers, text boxes and push buttons, so every other widget, once polished
    here (``prepare``, ``Look.dress``), is given a plain Fusion of its own and asks it instead:
    a page builds and paints in about a third of the time, and looks the same."""

    look: Look | None = None

    def __init__(self, key: str = "Fusion") -> None:
        super().__init__(key)
        self.plain_key = key  # the style under this one, for the widgets given a plain one

    def polish(self, target):  # noqa: ANN001, ANN201 - Qt overloads (widget, palette, application)
        if not isinstance(target, QWidget):
            return QProxyStyle.polish(self, target)
        cls = type(target)
        plan = _POLISH_PLANS.get(cls)
        if plan is None:
            plan = _POLISH_PLANS[cls] = _polish_plan(cls)
        prepares, dressed, own = plan
        if prepares:
            prepare(target)
        if dressed and self.look is not None:
            self.look.dress(target)
        QProxyStyle.polish(self, target)
        if own and type(self) is AccessibleStyle and not target.testAttribute(Qt.WidgetAttribute.WA_SetStyle):
            self._own_style(target, own)
        return None

    def _own_style(self, widget: QWidget, own: int) -> None:
        """A plain style for a widget no rule acts on; a table its own style, the one with the grid."""
        current = widget.style()
        if own == _OWN_PLAIN:
            if current is self:  # not under a style sheet
                widget.setStyle(_plain_style(self.plain_key))  # unpolished here, polished there
        elif current is self or not widget.styleSheet():
            # under a parent's sheet, the new style goes under a sheet of its own (Qt wraps it);
            # a table with a sheet of its own keeps it untouched: its sheet style is polishing it
            widget.setStyle(_table_style(self) if own == _OWN_TABLE else _header_style(self))

    def sizeFromContents(self, kind, option, size, widget=None):  # noqa: ANN001, ANN201, N802 - Qt API
        if kind == _CT_PUSH_BUTTON:
            if self.look is not None and self.look.is_primary(widget):
                return self.look.primary_size(size)
        elif kind == _CT_HEADER_SECTION and self.look is not None:
            return self.look.header_size(QProxyStyle.sizeFromContents(self, kind, option, size, widget))
        return QProxyStyle.sizeFromContents(self, kind, option, size, widget)

    def drawControl(self, element, option, painter, widget=None):  # noqa: ANN001, ANN201, N802 - Qt API
        if element != _CE_PUSH_BUTTON:  # a cell of a table, most often: straight to Fusion
            QProxyStyle.drawControl(self, element, option, painter, widget)
            return
        if self.look is not None and self.look.is_primary(widget):
            self.look.draw_primary(self, option, painter, widget)
            return  # the primary button marks its focus with its own border (calm_look)
        QProxyStyle.drawControl(self, element, option, painter, widget)
        if (isinstance(widget, QPushButton)
                and option.state & _HAS_FOCUS and option.state & _ENABLED):
            # Fusion draws a focused button like the default one, which a dialog's last-focused
            # button stays after Tab leaves it, and a command link not at all: a ring tells them apart
            draw_focus_ring(painter, option.rect, option.palette)

    def pixelMetric(self, metric, option=None, widget=None):  # noqa: ANN001, ANN201, N802 - Qt API
        if metric == _PM_FRAME and _framed_for_focus(widget):
            return FOCUS_RING  # Fusion's 1 px frame has no room for the ring
        return QProxyStyle.pixelMetric(self, metric, option, widget)

    def drawPrimitive(self, element, option, painter, widget=None):  # noqa: ANN001, ANN201, N802 - Qt API
        if element == _PE_FRAME and _framed_for_focus(widget):
            if option.state & _HAS_FOCUS:
                draw_focus_ring(painter, option.rect, option.palette, rounded=False)
                return
            # unfocused: Fusion's 1 px line, then the view's own background up to its contents
            QProxyStyle.drawPrimitive(self, element, option, painter, widget)
            painter.save()
            painter.setPen(option.palette.color(QPalette.ColorRole.Base))
            painter.drawRect(option.rect.adjusted(1, 1, -2, -2))
            painter.restore()
            return
        QProxyStyle.drawPrimitive(self, element, option, painter, widget)


class _TableStyle(QProxyStyle):
    """A table's own style: the rules that act on a table (its polish, its frame and focus ring),
    plus the look's grid colour. Only tables ask for it, and Qt asks every widget's style a hint
    or two each paint (is the window active?): with the hint here and not in the application's
    style, those questions stay in C++. Nothing else is overridden: each cell a table paints is
    drawn and sized by Fusion in C++, not through a call into Python (#14)."""

    look: Look | None = None
    polish = AccessibleStyle.polish
    pixelMetric = AccessibleStyle.pixelMetric
    drawPrimitive = AccessibleStyle.drawPrimitive

    def styleHint(self, hint, option=None, widget=None, data=None):  # noqa: ANN001, ANN201, N802 - Qt API
        if hint == _GRID_HINT and self.look is not None:  # called thousands of times a paint: one compare
            return self.look.grid_hint()
        return QProxyStyle.styleHint(self, hint, option, widget, data)


_TABLE_STYLES: dict[str, _TableStyle] = {}  # base style name -> the tables' style


def _table_style(app_style: AccessibleStyle) -> _TableStyle:
    style = _TABLE_STYLES.get(app_style.plain_key)
    if style is None or not isValid(style):
        style = _TABLE_STYLES[app_style.plain_key] = _owned_by_application(_TableStyle(app_style.plain_key))
    style.look = app_style.look  # the application's look now (a palette may have changed it)
    return style


class _HeaderStyle(QProxyStyle):
    """A header's own style: Fusion, with the look's padding round each section. The only rule
    that acts on a header, so the dozen questions it asks per section (margins, each part of
    each section drawn) stay in C++."""

    look: Look | None = None

    def sizeFromContents(self, kind, option, size, widget=None):  # noqa: ANN001, ANN201, N802 - Qt API
        size = QProxyStyle.sizeFromContents(self, kind, option, size, widget)
        return self.look.header_size(size) if kind == _CT_HEADER_SECTION and self.look is not None else size


_HEADER_STYLES: dict[str, _HeaderStyle] = {}  # base style name -> the headers' style


def _header_style(app_style: AccessibleStyle) -> _HeaderStyle:
    style = _HEADER_STYLES.get(app_style.plain_key)
    if style is None or not isValid(style):
        style = _HEADER_STYLES[app_style.plain_key] = _owned_by_application(_HeaderStyle(app_style.plain_key))
    style.look = app_style.look
    return style
