"""The main window's trust entries: File menu items, read-only marker, unsafe-folder warning."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from communitydesk.config import Paths
from communitydesk.gui.context import AppContext, DataEvents
from communitydesk.gui.main_window import MainWindow
from communitydesk.gui.privacy.audit_dialog import AuditDialog
from communitydesk.gui.privacy.open_guard import open_guarded
from communitydesk.gui.privacy.retention_dialog import RetentionDialog


def _window(qtbot, guard, paths: Paths) -> MainWindow:
    settings = QSettings(str(paths.gui_settings_file), QSettings.Format.IniFormat)
    window = MainWindow(AppContext(paths=paths, db=guard.db, gui_settings=settings, events=DataEvents()))
    qtbot.addWidget(window)
    window.adopt(guard)
    return window


def test_file_menu_has_the_trust_entries(qtbot, tmp_path: Path, paths: Paths) -> None:
    window = _window(qtbot, open_guarded(str(tmp_path / "a.sqlite3"), paths), paths)
    texts = [a.text() for a in window.file_menu.actions() if a.text()]
    for wanted in ("Connect to &shared database…", "Re&tention…", "&Audit trail…",
                   "&Check database", "&Restore from backup…"):
        assert wanted in texts
    assert isinstance(window.retention_dialog(), RetentionDialog)
    assert isinstance(window.audit_dialog(), AuditDialog)
    assert window.warning_label.isHidden() and window.open_warnings() == []
    window.close()
    assert window.guard is None  # closing drops the writer lock


def test_second_window_on_the_same_file_is_read_only(qtbot, tmp_path: Path, paths: Paths) -> None:
    target = str(tmp_path / "b.sqlite3")
    first = _window(qtbot, open_guarded(target, paths), paths)
    second = _window(qtbot, open_guarded(target, paths), paths)
    assert second.ctx.db.read_only and not first.ctx.db.read_only
    assert "Read-only" in second.warning_label.text()
    assert "open in CommunityDesk by" in second.open_warnings()[0]
    first.close()
    second.close()


def test_synced_folder_gives_a_warning(qtbot, tmp_path: Path, paths: Paths) -> None:
    folder = tmp_path / "OneDrive - Tenants"
    folder.mkdir()
    window = _window(qtbot, open_guarded(str(folder / "c.sqlite3"), paths), paths)
    warnings = window.open_warnings()
    assert warnings and "OneDrive" in warnings[0] and "shared database" in warnings[0]
    assert not window.warning_label.isHidden()
    window.close()
