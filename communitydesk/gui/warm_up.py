"""Load the code of the screens and of the PDF layout in the background once the window is up (#14).

Why: a screen's first opening used to import its modules on the UI thread (tens to
hundreds of milliseconds each: the Meetings screen's editors, the charts of Reports), and
the first print imported ReportLab and read four TrueType fonts (~0.6 s) before the first
page could be laid out. Importing them in the background while the person looks at the
first screen takes that time off every later click.

It runs through the operation runner like every other background work (``ops.run``, no
database session), one small step at a time: each screen's module in sidebar order, the
PDF layout's, the reader's number formats, then the PDF fonts. A step starts only while
no operation a person waits for is running, so the first screen's rows are in before the
first import begins and a worker building rows never shares the interpreter lock with an
import. Steps only import modules (whose top level defines classes and constants),
read number formats and register fonts (ReportLab's registry has its own lock); they
touch no widget. Screens still import what they need themselves; if a module is being
imported here at that moment, Python's import lock makes them wait rather than import
it twice.
"""

from __future__ import annotations

import importlib
import logging
import threading
from collections.abc import Callable, Iterable
from functools import partial

from PySide6.QtCore import QEventLoop, QObject, QTimer, Signal

from communitydesk.gui.operations import Operation, OperationRunner

log = logging.getLogger("communitydesk.gui")

# What the first print needs beyond the screens: the layout modules and their fonts.
PDF_MODULES = (
    "communitydesk.pdf.sign_in_sheet",
    "communitydesk.pdf.agenda",
    "communitydesk.pdf.minutes",
    "communitydesk.pdf.meeting_pack",
    "communitydesk.pdf.register",
    "communitydesk.gui.printing.pdf_preview_dialog",
)
# After the person's own work finishes, let the window paint what arrived before a step starts.
PAUSE_AFTER_WORK_MS = 50


def _import(name: str) -> bool:
    try:
        importlib.import_module(name)
    except Exception:  # noqa: BLE001 - the screen's own import reports it when opened
        log.debug("warm-up could not import %s", name, exc_info=True)
        return False
    return True


def _number_formats() -> bool:
    """The reader's number and currency formats (Babel reads them from disk once)."""
    try:
        from decimal import Decimal

        from PySide6.QtCore import QLocale

        from communitydesk.services.dues.money import money_text

        money_text(Decimal(1), "GBP", QLocale().name())
    except Exception:  # noqa: BLE001 - the screen that shows money reports it
        log.debug("warm-up could not load the number formats", exc_info=True)
        return False
    return True


def _fonts() -> bool:
    try:
        from communitydesk.pdf.fonts import register_fonts

        register_fonts()
    except Exception:  # noqa: BLE001 - a missing font is reported by the first print
        log.debug("warm-up could not register the PDF fonts", exc_info=True)
        return False
    return True


class WarmUp(QObject):
    """Imports ``modules`` in order, then the number formats and the PDF fonts, one runner
    step at a time; ``finished`` once all are done (or it was stopped)."""

    finished = Signal()

    def __init__(self, ops: OperationRunner, modules: Iterable[str], *, fonts: bool = True) -> None:
        super().__init__(ops)
        self.ops = ops
        self.modules = list(modules)
        self.steps: list[tuple[str, Callable[[], bool]]] = [
            *((name, partial(_import, name)) for name in self.modules),
            ("number formats", _number_formats),
            *((("fonts", _fonts),) if fonts else ()),
        ]
        self.loaded: list[str] = []  # the modules imported, in order
        self.threads: set[int] = set()  # where the steps ran (never the UI thread)
        self.current: Operation | None = None
        self.is_done = False
        self._waiting_for_idle = False

    def start(self) -> WarmUp:
        """Begin once the window has painted and what it started (the first screen) is running."""
        QTimer.singleShot(PAUSE_AFTER_WORK_MS, self._next)
        return self

    def stop(self) -> None:
        """No further step; let the one running finish (before the window closes)."""
        self.steps.clear()
        if self.current is not None:
            self.current.wait()
        self._finish()

    def wait(self, seconds: float = 60.0) -> bool:
        """Let every step run (tests, the bench); True when it finished."""
        if not self.is_done:
            loop = QEventLoop()
            self.finished.connect(loop.quit)
            QTimer.singleShot(int(seconds * 1000), loop.quit)
            loop.exec()
        return self.is_done

    def _next(self) -> None:
        if not self.steps:
            self._finish()
            return
        if self.ops.busy:  # a screen's read or a save first: it gets the interpreter to itself
            if not self._waiting_for_idle:
                self._waiting_for_idle = True
                self.ops.idle.connect(self._work_done)
            return
        name, step = self.steps.pop(0)

        def run() -> bool:
            self.threads.add(threading.get_ident())
            return step()

        outcome: list[bool] = []
        self.current = self.ops.run(run, done=outcome.append, waited=False)
        # on ``finished``, not ``done``: its thread has ended by then, so none outlives the last step
        self.current.finished.connect(lambda: self._stepped(name, outcome == [True]))

    def _work_done(self) -> None:
        self.ops.idle.disconnect(self._work_done)
        self._waiting_for_idle = False
        QTimer.singleShot(PAUSE_AFTER_WORK_MS, self._next)

    def _stepped(self, name: str, ok: bool) -> None:
        self.current = None
        if ok and name in self.modules:
            self.loaded.append(name)
        QTimer.singleShot(0, self._next)

    def _finish(self) -> None:
        if self._waiting_for_idle:
            self.ops.idle.disconnect(self._work_done)
            self._waiting_for_idle = False
        if not self.is_done:
            self.is_done = True
            self.finished.emit()


def warm_up(ops: OperationRunner, page_modules: Iterable[str]) -> WarmUp:
    """Start importing the screens' modules (in sidebar order) and the PDF layout's."""
    return WarmUp(ops, [*page_modules, *PDF_MODULES]).start()
