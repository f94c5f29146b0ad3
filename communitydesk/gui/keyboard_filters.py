"""The event filters behind the keyboard rules of gui/accessibility.py (#19): Tab through a
blank date box, button boxes in the order laid out, the first row current when Tab enters a
table, and dialogs bigger than the screen put in a scroll area."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDateTimeEdit,
    QDialogButtonBox,
    QFrame,
    QListView,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from communitydesk.gui.common.screens import screen_of

KEYBOARD_REASONS = (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason,
                    Qt.FocusReason.ShortcutFocusReason)
# The filters see every event of every table, date box, dialog and button box: one compare
# against a value kept here, not an enum attribute lookup, before anything else
_KEY_PRESS = QEvent.Type.KeyPress
_SHOW = QEvent.Type.Show
_LAYOUT_REQUEST = QEvent.Type.LayoutRequest
_FOCUS_IN = QEvent.Type.FocusIn


class _BlankDateTab(QObject):
    """Qt keeps Tab inside a date box that shows its blank "special value"; let Tab move on."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if (event.type() == _KEY_PRESS and isinstance(watched, QDateTimeEdit)
                and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
                and watched.specialValueText() and watched.dateTime() == watched.minimumDateTime()):
            forward = event.key() == Qt.Key.Key_Tab and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            _move_focus(watched, forward)
            return True
        return False


BLANK_DATE_TAB = _BlankDateTab()


class _ButtonsAsLaidOut(QObject):
    """Tab visits a button box's buttons in the order they are laid out, whenever it is shown:
    the box orders its focus chain only when its style changes (the application style sheet did
    that before #14), so buttons added later (or a box stacked upright at 200 %) came out of turn."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == _SHOW and isinstance(watched, QDialogButtonBox):
            shown = sorted((b for b in watched.buttons() if not b.isHidden()),
                           key=lambda b: (b.y(), b.x()))
            for before, after in pairwise(shown):
                QWidget.setTabOrder(before, after)
        return False


BUTTONS_AS_LAID_OUT = _ButtonsAsLaidOut()


class _FirstRowOnFocus(QObject):
    """Tab into a table or list that has no current cell (Qt gives one only the first time, not
    after its model was reset): the first row becomes current, not selected, so the focus shows
    on a cell and the arrow keys move from there at once."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if (event.type() == _FOCUS_IN and isinstance(watched, QAbstractItemView)
                and event.reason() in KEYBOARD_REASONS):
            make_first_row_current(watched)
        return False


FIRST_ROW_ON_FOCUS = _FirstRowOnFocus()


def make_first_row_current(view: QAbstractItemView) -> None:
    """The first row's first shown, enabled cell becomes current (nothing is selected)."""
    model, selection = view.model(), view.selectionModel()
    if model is None or selection is None or view.currentIndex().isValid():
        return
    root = view.rootIndex()
    if model.rowCount(root) == 0:
        return
    for column in _columns_shown(view):
        index = model.index(0, column, root)
        if index.isValid() and index.flags() & Qt.ItemFlag.ItemIsEnabled:
            selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
            return


def _columns_shown(view: QAbstractItemView) -> list[int]:
    """The model columns the view shows, left to right (a list model's columnCount is private
    in Qt, so it is not asked)."""
    if isinstance(view, QListView):
        return [view.modelColumn()]
    if isinstance(view, QTableView):
        header = view.horizontalHeader()
        logical = (header.logicalIndex(visual) for visual in range(header.count()))
        return [column for column in logical if not header.isSectionHidden(column)]
    return [0]


class _FitToScreen(QObject):
    """A dialog larger than the screen (a large system font, 200 % scaling, a small laptop)
    gets its contents in a scroll area when it is shown, instead of running off the screen;
    and when it grows past the screen later: a dialog shows "Loading…", then what it read
    (the payment dialog's "no plans yet" note squeezed its fields at 200 %)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        kind = event.type()
        if kind in (_SHOW, _LAYOUT_REQUEST) and isinstance(watched, QWidget) and watched.isWindow() \
                and (kind == _SHOW or watched.isVisible()):
            fit_to_screen(watched)
        return False


FIT_TO_SCREEN = _FitToScreen()


def fit_on_show(window: QWidget) -> None:
    """For a window that is not a dialog (dialogs get it from the style): ``fit_to_screen``
    each time it is shown."""
    window.installEventFilter(FIT_TO_SCREEN)


def fit_to_screen(dialog: QWidget) -> bool:
    """Move the dialog's layout into a scroll area if the dialog cannot fit on its screen."""
    screen = screen_of(dialog)
    layout = dialog.layout()
    if screen is None or layout is None or dialog.property("_scrolled"):
        return False
    room = screen.availableGeometry().size()
    need = layout.totalMinimumSize()
    if need.width() <= room.width() and need.height() <= room.height():
        return False
    dialog.setProperty("_scrolled", True)
    inner = QWidget()
    inner.setLayout(layout)  # takes the layout, and the dialog's controls with it
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    scroll.setWidget(inner)
    outer = QVBoxLayout(dialog)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(scroll)
    outer.activate()  # the dialog's minimum becomes the scroll area's, or the resize is held at the old one
    dialog.resize(dialog.size().boundedTo(room))
    return True


def _move_focus(widget: QWidget, forward: bool) -> None:
    """Tab (or Shift+Tab) as the window would take it, past ``widget``: the window moves the focus
    by Qt's own rule (no walk of the focus chain from Python: see gui/common/tab_order.py)."""
    key = Qt.Key.Key_Tab if forward else Qt.Key.Key_Backtab
    modifiers = Qt.KeyboardModifier.NoModifier if forward else Qt.KeyboardModifier.ShiftModifier
    QApplication.sendEvent(widget.window(), QKeyEvent(QEvent.Type.KeyPress, key, modifiers))
