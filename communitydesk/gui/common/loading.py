"""How a list or panel loads its rows through the operation runner (``ctx.ops``).

Three rules every screen here shares:

- the newest load wins (a quick second date or filter change never shows the first one's rows);
- one session per user action: a screen that reloads after its own save is then asked again
  by the window for the same change, in the same event-loop turn; that second request with
  the same inputs is the load already running (a load started later in the turn cannot miss
  a save whose result arrived earlier, so nothing stale is ever kept);
- panels load when first shown: ``when_shown`` waits until the widget is on screen;
- a result that arrives after its screen was closed is dropped (the runner checks ``parent``).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, Any, TypeVar

import shiboken6
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from communitydesk.gui.operations import Operation

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from communitydesk.gui.context import AppContext

T = TypeVar("T")


class Loader(QObject):
    """One widget's background loads; ``op`` is the latest (tests ``wait()`` on it)."""

    def __init__(self, owner: QWidget, ctx: AppContext) -> None:
        super().__init__(owner)
        self.owner = owner
        self.ctx = ctx
        self.key = f"{type(owner).__name__}-{id(self)}"  # one per loader: a panel may have two
        self.op: Operation | None = None
        self._this_turn: tuple[Hashable, ...] | None = None
        self._when_shown: Callable[[], object] | None = None
        owner.installEventFilter(self)

    def read(self, fn: Callable[[Session], T], done: Callable[[T], Any], *inputs: Hashable) -> Operation:
        """Run ``fn`` on a worker and hand its result to ``done`` while the widget still exists."""
        if self.op is not None and not self.op.is_done and self._this_turn == inputs:
            return self.op
        self.op = self.ctx.ops.read(fn, parent=self.owner, done=done, key=self.key)
        self._this_turn = inputs
        QTimer.singleShot(0, self, self._end_turn)
        return self.op

    def _end_turn(self) -> None:
        self._this_turn = None

    def when_shown(self, load: Callable[[], object]) -> None:
        """``load()`` now if the widget is on screen, else the next time it is shown."""
        if self.owner.isVisible():
            self._when_shown = None
            load()
        else:
            self._when_shown = load

    @property
    def waiting_to_be_shown(self) -> bool:
        return self._when_shown is not None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.owner and event.type() == QEvent.Type.Show and self._when_shown is not None:
            load, self._when_shown = self._when_shown, None
            load()
        return False

    def wait(self) -> None:
        """Block until the latest load has arrived (tests; the window before switching database)."""
        if self.op is not None:
            self.op.wait()


class LoadsWhenShown(QWidget):
    """A member-record tab that reads its rows through the runner the first time it is shown,
    then on every ``refresh()``: a record opens with one read, not one per tab.

    Subclasses give ``read(session)`` (on the worker) and ``_show(result)`` (on the UI thread).
    """

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.loading: Operation | None = None
        self._loaded_once = False

    def read(self, session: Session) -> object:
        raise NotImplementedError

    def _show(self, result: object) -> None:
        raise NotImplementedError

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not self._loaded_once:
            self._loaded_once = True
            self.refresh()

    def refresh(self) -> None:
        """Reload in the background; a tab never shown yet waits until it is."""
        if not self._loaded_once:
            return
        self.loading = self.ctx.ops.read(self.read, parent=self, done=self._show,
                                         key=f"{type(self).__name__}-{id(self)}")

    def wait_until_loaded(self) -> None:
        if self.loading is not None:
            self.loading.wait()


class FirstRead(QObject):
    """Starts a screen's first read once the screen is shown and has painted (and ``delay_ms``
    has passed: after other parts the screen builds in later turns).

    Why (#14): a worker reading beside the screen's own first layout makes the window wait for
    Python's lock at every call into Python the layout makes; started a turn later, the two no
    longer overlap. A screen never shown reads nothing until asked (``wait_until_loaded``); the
    screen's read calls ``cancel`` (it is the first read, or makes it needless).
    """

    def __init__(self, screen: QWidget, start: Callable[[], object], delay_ms: int = 0) -> None:
        super().__init__(screen)
        self._screen = screen
        self._start = start
        self.pending = True
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._due)
        if screen.isVisible():
            self._timer.start()
        else:
            screen.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self._screen and event.type() == QEvent.Type.Show and self.pending:
            self._screen.removeEventFilter(self)
            self._timer.start()
        return False

    def now(self) -> None:
        """Start the read at once if it has not started (``wait_until_loaded``: tests, the bench,
        closing); the screen's read cancels this one."""
        if self.pending and shiboken6.isValid(self._screen):
            self._start()

    def cancel(self) -> None:
        if self.pending:
            self.pending = False
            self._timer.stop()
            self._screen.removeEventFilter(self)

    def _due(self) -> None:
        if not self.pending:
            return
        if self._screen.isVisible():
            self._start()
        else:  # hidden again meanwhile (another screen chosen, or closed): when next shown
            self._screen.installEventFilter(self)
