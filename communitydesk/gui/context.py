"""What every screen is given: the open database, paths, GUI settings, the operation runner,
the group's settings and a change signal.

Screens never hold a session: they hand a service call to ``ctx.ops`` (the one
operation runner), which runs it off the UI thread in a short session of its own.
What a write changed reaches ``ctx.events.changed`` as area names, so every screen
that shows them refreshes itself. The group's settings are read once through the
runner and again whenever the "settings" area changes; screens read ``ctx.group``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from PySide6.QtCore import QObject, QSettings, Signal

from communitydesk.config import Paths
from communitydesk.db.engine import Database
from communitydesk.gui.gui_settings import GuiSettings
from communitydesk.gui.operations import Operation, OperationRunner
from communitydesk.services.core.changes import Changes
from communitydesk.services.settings.group_settings import GroupSettings, load_settings


class DataEvents(QObject):
    """``changed`` carries the names of what changed, e.g. {"members", "attendance"}."""

    changed = Signal(set)


@dataclass
class AppContext:
    paths: Paths
    db: Database
    gui_settings: GuiSettings  # a plain QSettings given here is wrapped
    events: DataEvents
    _group: GroupSettings | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        if isinstance(self.gui_settings, QSettings):
            self.gui_settings = GuiSettings(self.gui_settings)

    @cached_property
    def ops(self) -> OperationRunner:
        """The window's operation runner; it always uses the database open now."""
        runner = OperationRunner(lambda: self.db, self.events,
                                 strict_reads=bool(os.environ.get("COMMUNITYDESK_STRICT_READS")))
        runner.changed.connect(self._changed)
        return runner

    # --- the group's settings ----------------------------------------------------------
    @property
    def group_loaded(self) -> bool:
        return self._group is not None

    @property
    def group(self) -> GroupSettings:
        """The group's settings as last read (the defaults until the first read lands)."""
        return self._group if self._group is not None else GroupSettings()

    def load_group(self, done: Callable[[GroupSettings], Any] | None = None) -> Operation:
        """Read the group's settings through the runner (a newer read wins), then ``done``."""

        def loaded(settings: GroupSettings) -> None:
            self._group = settings
            if done is not None:
                done(settings)

        return self.ops.read(load_settings, parent=None, done=loaded, key="group-settings")

    def forget_group(self) -> None:
        """Another database is open: its settings are read afresh."""
        self._group = None

    def group_settings(self) -> GroupSettings:
        """The group's settings, for screens not yet moved to ``ctx.group``: no session of its
        own; before the first read has landed it waits for it."""
        if self._group is None:
            self.load_group().wait()
        return self.group

    # --- what changed ------------------------------------------------------------------
    def _changed(self, changes: Changes) -> None:
        self._tell({area.value for area in changes.areas})

    def _tell(self, areas: set[str]) -> None:
        """Screens hear of a settings change only once the new settings are in ``group``."""
        if "settings" in areas:
            self.load_group(done=lambda _settings: self.events.changed.emit(areas))
        else:
            self.events.changed.emit(areas)

    def announce(self, *what: str) -> None:
        """For screens not yet on the runner (writes through ``ops.write`` are told for you)."""
        self._tell(set(what))
