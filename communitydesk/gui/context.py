"""What every screen is given: the open database, paths, GUI settings and a change signal.

Screens never hold a session: they open one per user action with ``ctx.db.session()``,
call a service, and announce what changed with ``ctx.events.changed.emit({...})`` so
other screens refresh themselves.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, QSettings, Signal

from communitydesk.config import Paths
from communitydesk.db.engine import Database
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

    def group_settings(self) -> GroupSettings:
        with self.db.session() as session:
            return load_settings(session)

    def announce(self, *what: str) -> None:
        self.events.changed.emit(set(what))
