"""Start the GUI: QApplication, theme, settings file, database, main window, first-run screen."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from communitydesk import APP_NAME
from communitydesk.config import Paths, resolve_database
from communitydesk.errors import UserError
from communitydesk.i18n import PSEUDO_LANGUAGE, SOURCE_LANGUAGE, _, resolve_language, set_language

DESKTOP_ID = "org.communitydesk.CommunityDesk"

if TYPE_CHECKING:  # Qt loads inside run_gui, after the offscreen choice for smoke tests
    from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

    from communitydesk.gui.context import AppContext
    from communitydesk.gui.main_window import MainWindow
    from communitydesk.gui.operations import Operation


def run_gui(*, paths: Paths, db_target: str, explicit_db: bool, smoke_test: bool) -> int:
    if smoke_test:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from communitydesk.gui.about_dialog import app_icon
    from communitydesk.gui.collector import MainThreadCollector
    from communitydesk.gui.context import AppContext, DataEvents
    from communitydesk.gui.gui_settings import GuiSettings
    from communitydesk.gui.main_window import MainWindow
    from communitydesk.gui.privacy.open_guard import open_guarded
    from communitydesk.gui.theme import apply_theme

    app = QApplication.instance() or QApplication(sys.argv[:1])
    MainThreadCollector(app)  # before any worker: collections on this thread only (the app owns it)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName(DESKTOP_ID)  # Wayland shows the .desktop file's name and icon
    app.setWindowIcon(app_icon())
    apply_theme(app)
    paths.config_dir.mkdir(parents=True, exist_ok=True)
    settings = GuiSettings.open(paths.gui_settings_file)
    last = settings.last_database
    if not explicit_db and last:
        db_target = last
    if Path(db_target) == paths.default_database:
        paths.data_dir.mkdir(parents=True, exist_ok=True)
    from communitydesk.gui.privacy.password_dialogs import open_asking_password

    try:
        if smoke_test:  # no one to ask: COMMUNITYDESK_PASSWORD or the error
            guard = open_guarded(db_target, paths, audit_user=settings.audit_user_name)
        else:  # #20: an encrypted file asks for its password
            guard = open_asking_password(None, db_target, lambda: open_guarded(
                db_target, paths, audit_user=settings.audit_user_name))
            if guard is None:
                return 0
    except UserError as exc:
        if smoke_test:
            raise
        QMessageBox.critical(None, _("{app}: cannot open database").format(app=APP_NAME), str(exc))
        if db_target == last:
            settings.last_database = None
        return 1
    settings.last_database = db_target
    db = guard.db
    ctx = AppContext(paths=paths, db=db, gui_settings=settings, events=DataEvents())
    start_language(app, ctx)  # before any window: its words are fixed when it is built
    window = MainWindow(ctx)
    window.adopt(guard)
    window.show()
    if smoke_test:
        painted = QEventLoop()  # one turn of the event loop: the window paints
        QTimer.singleShot(0, painted.quit)
        painted.exec()
        print("window shown", flush=True)  # `make bench` times start-up to this line
        window.wait_until_loaded()
        members = window.pages["members"].model.rowCount()
        window.close()
        guard.close()
        print(f"smoke test ok: {window.windowTitle()} on {db.display_name} ({members:,} members listed)")
        return 0
    window.start_warm_up()  # the other screens' code and the PDF fonts, in the background (#14)
    welcome(window, db_target)
    code = app.exec()
    guard.close()
    return code


def welcome(window: MainWindow, db_target: str) -> Operation | None:
    """Once the window shows: what to know about this database (once per database), then,
    on a new group's empty database, the first-run screen instead of an empty window
    (``window.first_run`` once the check has run)."""
    from PySide6.QtWidgets import QMessageBox

    from communitydesk.gui.first_run.first_run import offer_first_run

    settings = window.ctx.gui_settings
    warned = settings.warned_about
    for warning in window.open_warnings():  # once per database, not at every start
        if window.ctx.db.read_only or warned != db_target:
            QMessageBox.warning(window, _("About this database"), warning)
    if window.open_warnings():
        settings.warned_about = db_target
    return offer_first_run(window)


_installed: list[QTranslator] = []  # kept alive: Qt does not own installed translators


def start_language(app: QCoreApplication, ctx: AppContext) -> str:
    """Choose the window's language (environment override, the group's setting, the computer's)
    once at start: a window built later shows it. Returns the language code."""
    from PySide6.QtCore import QLocale

    from communitydesk.services.core.text import set_sort_language

    group_language = ctx.group_settings().language
    if group_language:  # the group's own language: names sort as its members read them
        set_sort_language(group_language)
    code = install_language(app, resolve_language(group_language, system_hint=QLocale.system().name()))
    QLocale.setDefault(locale_for(code, QLocale.system()))
    return code


def locale_for(code: str, system: QLocale) -> QLocale:
    """Dates, numbers and day names in the window's language: Polish words beside "Tue" read
    wrong. The computer's country stays (pl on a British laptop: pl_GB), and a computer with
    no language at all (LANG=C) keeps its ISO dates when the window is English."""
    from PySide6.QtCore import QLocale

    language = QLocale(code).language()
    if code == PSEUDO_LANGUAGE or language == system.language() or (
            code == SOURCE_LANGUAGE and system.language() == QLocale.Language.C):
        return system
    return QLocale(language, system.territory())


def install_language(app: QCoreApplication, code: str) -> str:
    """Our catalogue for ``_()`` and Qt's own (``qtbase_<code>.qm``: Cancel, Yes, a text box's
    menu) for the same language; the pseudo-locale gets pseudo Qt words too."""
    from PySide6.QtCore import QLibraryInfo, QTranslator

    from communitydesk.gui.pseudo_translator import PseudoQtTranslator

    code = set_language(code)
    while _installed:
        app.removeTranslator(_installed.pop())
    if code == PSEUDO_LANGUAGE:
        qt: QTranslator = PseudoQtTranslator(app)
    else:
        qt = QTranslator(app)
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if code == SOURCE_LANGUAGE or not qt.load(f"qtbase_{code}", folder):
            return code
    app.installTranslator(qt)
    _installed.append(qt)
    return code


def main() -> int:
    """Entry point for the ``communitydesk-gui`` launcher."""
    paths = Paths.from_environment()
    return run_gui(paths=paths, db_target=resolve_database(None, paths),
                   explicit_db=bool(os.environ.get("COMMUNITYDESK_DB")), smoke_test=False)
