"""The window says plainly when an erasure could not wipe the file yet (another program reads it)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from communitydesk.config import Paths
from communitydesk.db.engine import Database
from communitydesk.gui.context import AppContext, DataEvents
from communitydesk.gui.privacy.privacy_panel import PrivacyPanel
from communitydesk.services.members.records import add_member
from communitydesk.services.privacy.file_scrub import scrub_pending


def test_erase_with_a_reader_open_says_the_file_is_wiped_on_the_next_open(
        qtbot, db: Database, paths: Paths, monkeypatch: pytest.MonkeyPatch) -> None:
    with db.session() as s:
        member_id = add_member(s, first_name="Bożena", last_name="Wiśniewska",
                               email="bw.secret@example.org").id
    ctx = AppContext(paths=paths, db=db, events=DataEvents(),
                     gui_settings=QSettings(str(paths.gui_settings_file), QSettings.Format.IniFormat))
    panel = PrivacyPanel(ctx, member_id)
    qtbot.addWidget(panel)
    monkeypatch.setattr(PrivacyPanel, "confirm_erase", staticmethod(lambda *_: True))
    reader = sqlite3.connect(db.sqlite_path)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM members").fetchone()
    try:
        panel.erase()
        ctx.ops.wait_idle()  # the erasure runs off the UI thread while the reader is still open
    finally:
        reader.rollback()
        reader.close()
    text = panel.status.text()
    assert "Erased" in text
    assert "still in the database file" in text and "next time" in text
    assert scrub_pending(db)
    panel.resize(1024, 640)
    panel.grab().save(str(Path("/tmp") / "privacy-scrub-pending.png"))
