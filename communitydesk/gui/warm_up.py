"""Load the code of the screens and of the PDF layout in the background once the window is up (#14).

Why: a screen's first opening used to import its modules on the UI thread (tens to
hundreds of milliseconds each: the Meetings screen's editors, the charts of Reports), and
the first print imported ReportLab and read four TrueType fonts (~0.6 s) before the first
page could be laid out. Importing them on a background thread while the person looks at
the first screen takes that time off every later click.

This thread runs no database work and touches no widget: it only imports modules (whose
top level defines classes and constants) and registers the PDF fonts (ReportLab's
registry has its own lock). Screens still import what they need themselves; if a module
is being imported here at that moment, Python's import lock makes them wait for it
rather than import it twice. Services never come through here: their work goes through
the operation runner (gui/operations.py).
"""

from __future__ import annotations

import importlib
import logging
import threading
from collections.abc import Iterable

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


class WarmUp:
    """One background thread importing ``modules`` in order, then registering the PDF fonts."""

    def __init__(self, modules: Iterable[str], *, fonts: bool = True) -> None:
        self.modules = list(modules)
        self.fonts = fonts
        self.loaded: list[str] = []
        self.thread = threading.Thread(target=self._run, name="communitydesk-warm-up", daemon=True)

    def start(self) -> WarmUp:
        self.thread.start()
        return self

    def wait(self, seconds: float = 60.0) -> bool:
        """Block until done (tests, the bench); True when it finished."""
        self.thread.join(seconds)
        return not self.thread.is_alive()

    def _run(self) -> None:
        for name in self.modules:
            try:
                importlib.import_module(name)
            except Exception:  # noqa: BLE001 - the screen's own import reports it when opened
                log.debug("warm-up could not import %s", name, exc_info=True)
                continue
            self.loaded.append(name)
        try:  # the reader's number and currency formats (Babel reads them from disk once)
            from decimal import Decimal

            from PySide6.QtCore import QLocale

            from communitydesk.services.dues.money import money_text

            money_text(Decimal(1), "GBP", QLocale().name())
        except Exception:  # noqa: BLE001 - the screen that shows money reports it
            log.debug("warm-up could not load the number formats", exc_info=True)
        if self.fonts:
            try:
                from communitydesk.pdf.fonts import register_fonts

                register_fonts()
            except Exception:  # noqa: BLE001 - a missing font is reported by the first print
                log.debug("warm-up could not register the PDF fonts", exc_info=True)


def warm_up(page_modules: Iterable[str]) -> WarmUp:
    """Start importing the screens' modules (in sidebar order) and the PDF layout's."""
    return WarmUp([*page_modules, *PDF_MODULES]).start()
