"""Keyboard and screen-reader rules every screen gets without code of its own (issue #19).

``AccessibleStyle`` (gui/accessible_style.py) is the application's style (Fusion underneath).
When Qt polishes a widget it applies the rules that hold everywhere (``prepare``), so a screen
added later follows them too:

- Tab leaves a table or list (the arrow keys move inside it), and Tab leaves a text box
  (a keyboard user would otherwise be stuck in the minutes);
- a table or list says how many rows it shows in its accessible description, kept up to
  date when its model changes, so a screen reader announces "Members table, 64 rows";
- focus is always visible: a 2 px ring in the palette's Highlight colour round a push button,
  a command-link button, a table, a list or a text box that has the keyboard focus, and a view
  Tab reaches with no current cell makes its first row current (not selected), so the focus
  has a cell to show and the arrow keys work at once.

``announce`` tells a screen reader about a change the user did not move focus to (the
kiosk's "31 checked in so far").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractItemModel,
    QObject,
    Qt,
)
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QStyle,
    QTextEdit,
    QWidget,
)

from communitydesk.gui.common.tab_order import focus_target
from communitydesk.gui.keyboard_filters import (
    BLANK_DATE_TAB,
    BUTTONS_AS_LAID_OUT,
    FIRST_ROW_ON_FOCUS,
    FIT_TO_SCREEN,
    fit_on_show,
)

if TYPE_CHECKING:
    pass

__all__ = ["announce", "fit_on_show", "name_form_rows", "prepare"]

FOCUS_RING = 2  # px: the focus ring's width, and the frame width of views and text boxes
INK_ON_TINT = "#1a1a1a"  # text on the light tints rows get (overdue, present): readable in a dark theme too
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


def in_combo_popup(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QComboBox) or type(parent).__name__ == "QComboBoxPrivateContainer":
            return True
        parent = parent.parentWidget()
    return False


def prepare(widget: QWidget) -> None:
    """The rules above, for one widget (called when Qt polishes it)."""
    if isinstance(widget, QAbstractItemView) and not isinstance(widget, QHeaderView):
        if in_combo_popup(widget):
            return
        widget.setTabKeyNavigation(False)
        _watch_rows(widget)
        if not widget.property("_firstRowOnFocus"):
            widget.setProperty("_firstRowOnFocus", True)
            widget.installEventFilter(FIRST_ROW_ON_FOCUS)
    elif isinstance(widget, (QPlainTextEdit, QTextEdit)) and not widget.property("keepsTab"):
        widget.setTabChangesFocus(True)
    elif isinstance(widget, QDialog) and not widget.property("_fitsScreen"):
        widget.setProperty("_fitsScreen", True)
        widget.installEventFilter(FIT_TO_SCREEN)
    elif isinstance(widget, QDateTimeEdit) and not widget.property("_blankTab"):
        widget.setProperty("_blankTab", True)
        widget.installEventFilter(BLANK_DATE_TAB)
    elif isinstance(widget, QDialogButtonBox) and not widget.property("_tabAsLaidOut"):
        widget.setProperty("_tabAsLaidOut", True)
        widget.installEventFilter(BUTTONS_AS_LAID_OUT)


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
        target = focus_target(field)  # the label's buddy stays: Alt+letter follows the proxy
        if target is field and not field.focusPolicy() & Qt.FocusPolicy.TabFocus:
            inner = [w for w in field.findChildren(QWidget) if w.focusPolicy() & Qt.FocusPolicy.TabFocus]
            if inner:
                target = inner[0]
                label.setBuddy(target)
        if target.parentWidget() is not label.parentWidget() and not target.accessibleName():
            # Qt looks for a buddy label only beside the control, not beside its wrapper
            target.setAccessibleName(label.text().replace("&", "").replace("*", "(required)").strip(" :"))


def warning_icon() -> QIcon:
    """The style's warning sign: overdue and not-active rows carry it as well as their colour."""
    return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)


def paused_icon() -> QIcon:
    """Someone not active (lapsed, left, prospect) on the ladder: a sign beside the greyed name."""
    return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MediaPause)
