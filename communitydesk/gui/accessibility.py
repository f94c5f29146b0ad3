"""Keyboard and screen-reader rules every screen gets without code of its own (issue #19).

``AccessibleStyle`` is the application's style (Fusion underneath). When Qt polishes a widget
it applies the rules that hold everywhere, so a screen added later follows them too:

- Tab leaves a table or list (the arrow keys move inside it), and Tab leaves a text box
  (a keyboard user would otherwise be stuck in the minutes);
- a table or list says how many rows it shows in its accessible description, kept up to
  date when its model changes, so a screen reader announces "Members table, 64 rows".

``announce`` tells a screen reader about a change the user did not move focus to (the
kiosk's "31 checked in so far").
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractItemModel, QEvent, QObject, Qt
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QProxyStyle,
    QScrollArea,
    QStyle,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from communitydesk.gui.calm_look import Look

_GRID_HINT = QStyle.StyleHint.SH_Table_GridLineColor
ROWS_NOUN = "accessibleRowNoun"  # a view's property: the noun counted ("rows" unless set)


def row_count_text(count: int, noun: str = "rows") -> str:
    singular = noun[:-1] if noun.endswith("s") else noun
    return f"{count} {singular if count == 1 else noun}"


def describe_rows(view: QAbstractItemView) -> None:
    """Put the number of rows the view shows into its accessible description."""
    model = view.model()
    if model is None:
        return
    noun = view.property(ROWS_NOUN) or "rows"
    text = row_count_text(model.rowCount(view.rootIndex()), str(noun))
    if view.accessibleDescription() != text:
        view.setAccessibleDescription(text)  # Qt sends a DescriptionChanged event


def _watch_rows(view: QAbstractItemView) -> None:
    model = view.model()
    if model is None or view.property("_rowsWatched") is model:
        return
    view.setProperty("_rowsWatched", model)

    def update(*_: object) -> None:
        if _alive(view):
            describe_rows(view)

    for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.layoutChanged):
        signal.connect(update)
    describe_rows(view)


def _alive(widget: QObject) -> bool:
    try:
        widget.objectName()
    except RuntimeError:  # the C++ widget is gone
        return False
    return True


def _in_combo_popup(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QComboBox) or type(parent).__name__ == "QComboBoxPrivateContainer":
            return True
        parent = parent.parentWidget()
    return False


def prepare(widget: QWidget) -> None:
    """The rules above, for one widget (called when Qt polishes it)."""
    if isinstance(widget, QAbstractItemView) and not isinstance(widget, QHeaderView):
        if _in_combo_popup(widget):
            return
        widget.setTabKeyNavigation(False)
        _watch_rows(widget)
    elif isinstance(widget, (QPlainTextEdit, QTextEdit)) and not widget.property("keepsTab"):
        widget.setTabChangesFocus(True)
    elif isinstance(widget, QDialog) and not widget.property("_fitsScreen"):
        widget.setProperty("_fitsScreen", True)
        widget.installEventFilter(_FIT_TO_SCREEN)
    elif isinstance(widget, QDateTimeEdit) and not widget.property("_blankTab"):
        widget.setProperty("_blankTab", True)
        widget.installEventFilter(_BLANK_DATE_TAB)
    elif isinstance(widget, QDialogButtonBox) and not widget.property("_tabAsLaidOut"):
        widget.setProperty("_tabAsLaidOut", True)
        widget.installEventFilter(_BUTTONS_AS_LAID_OUT)


class AccessibleStyle(QProxyStyle):
    """Fusion, plus ``prepare`` for every widget Qt polishes, and the window's look
    (``look``, a gui/calm_look.py ``Look`` set by gui/theme.py) without a style sheet (#14)."""

    look: Look | None = None

    def polish(self, target):  # noqa: ANN001, ANN201 - Qt overloads (widget, palette, application)
        if isinstance(target, QWidget):
            prepare(target)
            if self.look is not None:
                self.look.dress(target)
        return super().polish(target)

    def styleHint(self, hint, option=None, widget=None, data=None):  # noqa: ANN001, ANN201, N802 - Qt API
        if hint == _GRID_HINT and self.look is not None:  # called thousands of times a paint: one compare
            return self.look.grid_hint()
        return super().styleHint(hint, option, widget, data)

    def sizeFromContents(self, kind, option, size, widget=None):  # noqa: ANN001, ANN201, N802 - Qt API
        if self.look is not None:
            if kind == QStyle.ContentsType.CT_PushButton and self.look.is_primary(widget):
                return self.look.primary_size(size)
            if kind == QStyle.ContentsType.CT_HeaderSection:
                return self.look.header_size(super().sizeFromContents(kind, option, size, widget))
        return super().sizeFromContents(kind, option, size, widget)

    def drawControl(self, element, option, painter, widget=None):  # noqa: ANN001, ANN201, N802 - Qt API
        if (element == QStyle.ControlElement.CE_PushButton and self.look is not None
                and self.look.is_primary(widget)):
            self.look.draw_primary(self, option, painter, widget)
            return
        super().drawControl(element, option, painter, widget)


def watch_model(view: QAbstractItemView, model: QAbstractItemModel | None = None) -> None:
    """For a view whose model is set after it was shown: keep its row count announced."""
    if model is not None:
        view.setModel(model)
    _watch_rows(view)


def announce(widget: QWidget, text: str) -> None:
    """Tell a screen reader ``text`` now, and make it the widget's accessible name
    (nothing is said again when the text has not changed)."""
    if not text or widget.accessibleName() == text:
        return
    widget.setAccessibleName(text)
    if QApplication.instance() is not None:
        QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(widget, text))


def name_form_rows(form: QFormLayout) -> None:
    """Make each row's label name the control a screen reader lands on, also when the field is
    a wrapper (a line edit with its error line below it): the label's buddy is the control."""
    for row in range(form.rowCount()):
        label_item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        field_item = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
        label = label_item.widget() if label_item is not None else None
        field = field_item.widget() if field_item is not None else None
        if not isinstance(label, QLabel) or field is None or not label.text().strip():
            continue
        target = field
        while target.focusProxy() is not None:
            target = target.focusProxy()  # the label's buddy stays: Alt+letter follows the proxy
        if target is field and not field.focusPolicy() & Qt.FocusPolicy.TabFocus:
            inner = [w for w in field.findChildren(QWidget) if w.focusPolicy() & Qt.FocusPolicy.TabFocus]
            if inner:
                target = inner[0]
                label.setBuddy(target)
        if target.parentWidget() is not label.parentWidget() and not target.accessibleName():
            # Qt looks for a buddy label only beside the control, not beside its wrapper
            target.setAccessibleName(label.text().replace("&", "").replace("*", "(required)").strip(" :"))


class _BlankDateTab(QObject):
    """Qt keeps Tab inside a date box that shows its blank "special value"; let Tab move on."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if (event.type() == QEvent.Type.KeyPress and isinstance(watched, QDateTimeEdit)
                and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
                and watched.specialValueText() and watched.dateTime() == watched.minimumDateTime()):
            forward = event.key() == Qt.Key.Key_Tab and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            _move_focus(watched, forward)
            return True
        return False


_BLANK_DATE_TAB = _BlankDateTab()


class _ButtonsAsLaidOut(QObject):
    """Tab visits a button box's buttons in the order they are laid out, whenever it is shown:
    the box orders its focus chain only when its style changes (the application style sheet did
    that before #14), so buttons added later (or a box stacked upright at 200 %) came out of turn."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Show and isinstance(watched, QDialogButtonBox):
            shown = sorted((b for b in watched.buttons() if not b.isHidden()),
                           key=lambda b: (b.y(), b.x()))
            for before, after in pairwise(shown):
                QWidget.setTabOrder(before, after)
        return False


_BUTTONS_AS_LAID_OUT = _ButtonsAsLaidOut()


class _FitToScreen(QObject):
    """A dialog larger than the screen (a large system font, 200 % scaling, a small laptop)
    gets its contents in a scroll area when it is shown, instead of running off the screen."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget) and watched.isWindow():
            fit_to_screen(watched)
        return False


_FIT_TO_SCREEN = _FitToScreen()


def fit_on_show(window: QWidget) -> None:
    """For a window that is not a dialog (dialogs get it from the style): ``fit_to_screen``
    each time it is shown."""
    window.installEventFilter(_FIT_TO_SCREEN)


def fit_to_screen(dialog: QWidget) -> bool:
    """Move the dialog's layout into a scroll area if the dialog cannot fit on its screen."""
    screen = dialog.screen()
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
    dialog.resize(dialog.size().boundedTo(room))
    return True


def _move_focus(widget: QWidget, forward: bool) -> None:
    step = (lambda w: w.nextInFocusChain()) if forward else (lambda w: w.previousInFocusChain())
    candidate = step(widget)
    while candidate is not widget:
        if (candidate.focusPolicy() & Qt.FocusPolicy.TabFocus and candidate.isVisible()
                and candidate.isEnabled() and not widget.isAncestorOf(candidate)
                and candidate.window() is widget.window()):
            candidate.setFocus(Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason)
            return
        candidate = step(candidate)


INK_ON_TINT = "#1a1a1a"  # text on the light tints rows get (overdue, present): readable in a dark theme too


def warning_icon() -> QIcon:
    """The style's warning sign: overdue and not-active rows carry it as well as their colour."""
    return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)


def paused_icon() -> QIcon:
    """Someone not active (lapsed, left, prospect) on the ladder: a sign beside the greyed name."""
    return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MediaPause)
