"""This computer's window settings: typed options with defaults, a version key, old keys kept."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from communitydesk.config import Paths
from communitydesk.db.engine import Database
from communitydesk.gui.context import AppContext, DataEvents
from communitydesk.gui.gui_settings import SETTINGS_VERSION, VERSION_KEY, GuiSettings


def test_defaults_types_and_the_same_keys_as_before(tmp_path: Path) -> None:
    path = tmp_path / "gui.ini"
    settings = GuiSettings.open(path)
    assert settings.last_database is None and settings.audit_user_name is None
    assert settings.warned_about == "" and settings.printing_last_folder == ""
    assert settings.geometry is None
    settings.last_database = "/data/group.sqlite3"
    settings.printing_last_folder = "/home/sec/Documents"
    settings.geometry = QByteArray(b"\x01\x02")
    settings.audit_user_name = ""  # an empty name is no name: the key goes
    settings.sync()
    raw = QSettings(str(path), QSettings.Format.IniFormat)  # a file older releases read too
    assert raw.value("last_database") == "/data/group.sqlite3"
    assert raw.value("printing/last_folder") == "/home/sec/Documents"
    assert raw.value("audit_user_name") is None
    again = GuiSettings.open(path)
    assert again.geometry == QByteArray(b"\x01\x02")
    assert again.last_database == "/data/group.sqlite3"


def test_an_older_file_gets_the_version_key(tmp_path: Path) -> None:
    path = tmp_path / "gui.ini"
    old = QSettings(str(path), QSettings.Format.IniFormat)
    old.setValue("last_database", "/data/old.sqlite3")
    old.setValue("warned_about", 7)  # not a string: read back as the default, never a crash
    old.sync()
    settings = GuiSettings.open(path)
    assert settings.version == SETTINGS_VERSION
    assert settings.last_database == "/data/old.sqlite3"
    settings.sync()
    assert int(QSettings(str(path), QSettings.Format.IniFormat).value(VERSION_KEY)) == SETTINGS_VERSION


def test_context_wraps_a_plain_qsettings_and_keeps_other_keys(db: Database, paths: Paths) -> None:
    raw = QSettings(str(paths.gui_settings_file), QSettings.Format.IniFormat)
    ctx = AppContext(paths=paths, db=db, gui_settings=raw, events=DataEvents())
    assert isinstance(ctx.gui_settings, GuiSettings)
    ctx.gui_settings.setValue("one_to_ones/last_organiser", 12)  # a screen's own key
    assert int(ctx.gui_settings.value("one_to_ones/last_organiser")) == 12
    ctx.gui_settings.last_database = "x.sqlite3"
    assert raw.value("last_database") == "x.sqlite3"


def test_print_previews_remember_the_folder_saved_to(qtbot, db: Database, paths: Paths,
                                                     tmp_path: Path) -> None:
    from PySide6.QtWidgets import QMainWindow

    from communitydesk.gui.printing.print_menu import build_print_menu

    ctx = AppContext(paths=paths, db=db, events=DataEvents(),
                     gui_settings=GuiSettings.open(paths.gui_settings_file))
    window = QMainWindow()
    qtbot.addWidget(window)
    _menu, printing = build_print_menu(window, ctx)

    class SavedPreview:  # what the preview dialog reports once a PDF was saved
        saved_to = tmp_path / "minutes" / "march.pdf"

        def deleteLater(self) -> None:  # noqa: N802
            pass

    printing._closed(SavedPreview())
    assert ctx.gui_settings.printing_last_folder == str(tmp_path / "minutes")
