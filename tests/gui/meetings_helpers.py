"""Shared set-up for the Meetings and Actions screen tests."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from communitydesk.config import Paths
from communitydesk.db.engine import Database
from communitydesk.gui.context import AppContext, DataEvents


def make_ctx(db: Database, paths: Paths) -> AppContext:
    settings = QSettings(str(paths.gui_settings_file), QSettings.Format.IniFormat)
    return AppContext(paths=paths, db=db, gui_settings=settings, events=DataEvents())
