"""What every screen is given: the open database, paths, GUI settings, the operation runner
and a change signal.

Screens never hold a session: they hand a service call to ``ctx.ops`` (the one
operation runner), which runs it off the UI thread in a short session of its own.
What a write changed reaches ``ctx.events.changed`` as area names, so every screen
that shows them refreshes itself.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property

from PySide6.QtCore import QObject, QSettings, Signal

from communitydesk.config import Paths
from communitydesk.db.engine import Database
from communitydesk.gui.operations import OperationRunner
from communitydesk.services.changes import Changes
from communitydesk.services.settings import GroupSettings, load_settings


class DataEvents(QObject):
    """``changed`` carries the names of what changed, e.g. {"members", "attendance"}."""

    changed = Signal(set)


@dataclass
class AppContext:
    paths: Paths
    db: Database
    gui_settings: QSettings
    events: DataEvents

    @cached_property
    def ops(self) -> OperationRunner:
        """The window's operation runner; it always uses the database open now."""
        runner = OperationRunner(lambda: self.db, self.events,
                                 strict_reads=bool(os.environ.get("COMMUNITYDESK_STRICT_READS")))
        runner.changed.connect(self._changed)
        return runner

    def _changed(self, changes: Changes) -> None:
        self.events.changed.emit({area.value for area in changes.areas})

    def group_settings(self) -> GroupSettings:
        with self.db.session() as session:
            return load_settings(session)

    def announce(self, *what: str) -> None:
        self.events.changed.emit(set(what))
