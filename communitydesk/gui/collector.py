"""Python's cycle collector, run only on the window's thread.

Why: an automatic collection runs on whichever thread happens to allocate, most often a worker
building rows. If it frees a cycle that holds a widget (a closed dialog and a lambda of its
own), the widget is deleted on that worker while the window's thread lays out or paints: a rare
segmentation fault (it stopped a CI run, in a dialog's constructor). So the collector never runs
by itself; a timer here asks for the collections Python would have made, on this thread, and
skips them while a bulk read or the start-up has paused it (services/core/gc_pause.py).
The same is done by Anki and others for the same reason.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

from communitydesk.services.core.gc_pause import collect_only_when_asked, paused

INTERVAL_MS = 1000  # how often the thresholds are checked; a young-object pass costs ~1 ms


class MainThreadCollector(QObject):
    """Collects each generation when Python's own thresholds say it is due."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        collect_only_when_asked()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.collect_due)
        self.timer.start(INTERVAL_MS)

    def due(self) -> int | None:
        """The generation a collection is due for, as Python counts (None: none yet). Python
        also puts off a full collection until a quarter of the old objects are new; here one
        comes at most every ~120 young ones, and start-up's objects are frozen out of it."""
        young, middle, old = gc.get_count()
        first, second, third = self.thresholds
        if young <= first:
            return None
        if old > third:
            return 2
        return 1 if middle > second else 0

    def collect_due(self) -> None:
        generation = None if paused() else self.due()
        if generation is not None:
            gc.collect(generation)

