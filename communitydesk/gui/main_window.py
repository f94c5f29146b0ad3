"""The main window: sidebar of screens, File and Help menus, which database is open."""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from communitydesk import APP_NAME
from communitydesk.gui.backup_actions import BackupActions
from communitydesk.gui.common.mnemonics import with_mnemonics
from communitydesk.gui.common.screens import screen_of
from communitydesk.gui.context import AppContext
from communitydesk.gui.database_actions import DatabaseActions
from communitydesk.gui.operations import show_problem
from communitydesk.gui.pages import PageSpec, page_specs
from communitydesk.gui.printing.print_menu import build_print_menu
from communitydesk.gui.privacy.open_guard import GuardedDatabase
from communitydesk.gui.privacy.password_dialogs import add_password_actions
from communitydesk.gui.role_access import RoleAccess
from communitydesk.gui.theme import sidebar_sheet_for
from communitydesk.i18n import _
from communitydesk.services.core.gc_pause import pause as pause_collector

if TYPE_CHECKING:  # the File menu's dialogs load when first used, not at start-up
    from communitydesk.gui.about_dialog import AboutDialog
    from communitydesk.gui.first_run.first_run_dialog import FirstRunDialog
    from communitydesk.gui.operations import Operation
    from communitydesk.gui.privacy.audit_dialog import AuditDialog
    from communitydesk.gui.privacy.retention_dialog import RetentionDialog
    from communitydesk.gui.settings.settings_dialog import SettingsDialog
    from communitydesk.gui.warm_up import WarmUp

SIDEBAR_WIDTH = 180  # narrow enough to leave a 1024-wide screen room for a whole table
FIRST_OPEN_SIZE = QSize(1180, 760)
COLLECTOR_PAUSED_AT_MOST_MS = 10_000  # the collector is back by then, warm-up finished or not


def first_open_size(available: QSize) -> QSize:
    """The window's size before any was saved: roomy, but never bigger than the screen's free
    area (a 1024x640 netbook got a window it could not see the bottom of)."""
    return FIRST_OPEN_SIZE.boundedTo(available)


class MainWindow(BackupActions, DatabaseActions, QMainWindow):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.all_specs: list[PageSpec] = page_specs()
        self.specs: list[PageSpec] = list(self.all_specs)  # those the login may read (#20 role_access)
        self.access = RoleAccess(self)
        self.pages: dict[str, QWidget] = {}
        self.loading_code: dict[str, Operation | None] = {}  # page key -> its module's import
        self.wanted_page = ""  # the screen last asked for: shown once its code is in
        self.warm: WarmUp | None = None

        self.sidebar = QListWidget()
        self.sidebar.setAccessibleName("Screens")
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setFixedWidth(SIDEBAR_WIDTH)
        self.sidebar.setWordWrap(True)  # a long title in another language takes two lines, never cut
        self.sidebar.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.sidebar.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        for spec in self.specs:
            self.sidebar.addItem(spec.title)
        self.stack = QStackedWidget()
        for _spec in self.specs:
            self.stack.addWidget(QWidget())
        self.sidebar.currentRowChanged.connect(self.show_page_at)

        self.app_title = QLabel(APP_NAME)
        self.app_title.setObjectName("sidebarTitle")
        self.group_label = QLabel()
        self.group_label.setObjectName("sidebarGroup")
        self.group_label.setWordWrap(True)
        side = QVBoxLayout()
        side.setContentsMargins(0, 0, 0, 0)
        side.setSpacing(0)
        side.addWidget(self.app_title)
        side.addWidget(self.group_label)
        side.addWidget(self.sidebar, 1)
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        side_widget = QWidget()
        side_widget.setLayout(side)
        row.addWidget(side_widget)
        self.page_scroll = QScrollArea()  # with large text a page scrolls rather than being cut (#19)
        self.page_scroll.setWidgetResizable(True)
        self.page_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.page_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.page_scroll.setWidget(self.stack)
        row.addWidget(self.page_scroll, 1)
        self.setCentralWidget(central)
        # The sidebar's sheet once it sits in the window: set before, moving it there polished
        # the sidebar a second time (#14).
        side_widget.setStyleSheet(sidebar_sheet_for())  # its own small sheet, not the app's (#14)
        side_widget.setFixedWidth(SIDEBAR_WIDTH)
        self.app_title.ensurePolished()  # a large system font widens the sidebar to its title (#19)
        side_widget.setFixedWidth(max(SIDEBAR_WIDTH, self.app_title.sizeHint().width() + 4))
        self.sidebar.setFixedWidth(side_widget.maximumWidth())

        self.guard: GuardedDatabase | None = None  # the writer lock of the open SQLite file
        self.first_run: FirstRunDialog | None = None  # the first-run screen, when it was offered
        self.warning_label = QLabel()
        self.warning_label.setObjectName("dbWarning")
        self.warning_label.setStyleSheet("color: #a61b1b; font-weight: 600;")
        self.warning_label.hide()
        self.statusBar().addPermanentWidget(self.warning_label)
        self.db_label = QLabel()
        self.statusBar().addPermanentWidget(self.db_label)
        self._build_menus()
        self.ctx.events.changed.connect(self._on_data_changed)
        self._update_titles()
        self._restore_geometry()
        self.load_titles()  # off the UI thread: the window shows before the group's name; #20: and
        # the first screen the login may read (at once on SQLite)

    def start_warm_up(self) -> WarmUp:
        """Once the window shows: import the other screens' code and the PDF layout's in the
        background, so opening a screen or the first print does not wait for it (#14)."""
        from communitydesk.gui.warm_up import warm_up

        self.warm = warm_up(self.ctx.ops, (spec.module for spec in self.specs if spec.module))
        # What start-up and the warm-up load lives as long as the program: out of the garbage
        # collector's sight, a full collection walks only what screens made since (tens of
        # milliseconds on the window's thread, gui/collector.py, instead of hundreds).
        # Until the warm-up ends the collector does not run at all: the first screen's rows and
        # the imports would set off collections of 10-40 ms, each a wait for the window; what
        # start-up leaves as garbage (a few hundred objects: classes, functions) is frozen too.
        gc.freeze()
        resume = pause_collector()

        def collector_back() -> None:  # a second call freezes again (cheap) and resumes nothing
            gc.freeze()
            resume()

        self.warm.finished.connect(collector_back)
        QTimer.singleShot(COLLECTOR_PAUSED_AT_MOST_MS, collector_back)  # no context: even if the window goes
        return self.warm

    # --- screens -------------------------------------------------------------------
    def show_page_at(self, row: int) -> None:
        """Show a screen, building it the first time; a screen whose code is not loaded yet
        (the first one at start-up) is built once a worker has imported it: the window paints
        meanwhile instead of waiting for the import."""
        if row < 0:
            return
        spec = self.specs[row]
        self.wanted_page = spec.key
        if spec.key not in self.pages and not spec.loaded:
            self._load_page_code(spec)
        elif spec.key not in self.pages:
            page = spec.factory(self.ctx)
            old = self.stack.widget(row)
            self.stack.insertWidget(row, page)
            self.stack.removeWidget(old)
            old.deleteLater()
            self.pages[spec.key] = page
            self.access.page_built(spec.key, page)  # #20: what the role may not use, disabled
            if page.layout() is not None:  # what the page needs, even one that asks for no width (#19)
                page.setMinimumWidth(page.layout().minimumSize().width())
        self.stack.setCurrentIndex(row)
        if self.sidebar.currentRow() != row:
            self.sidebar.setCurrentRow(row)

    def _load_page_code(self, spec: PageSpec) -> None:
        """Import the screen's module on a worker from the next turn on (at start-up the window
        paints first), then build the screen if it is still the one wanted."""
        if spec.key in self.loading_code:
            return
        self.loading_code[spec.key] = None
        QTimer.singleShot(0, self, lambda: self._start_loading_code(spec))

    def _start_loading_code(self, spec: PageSpec) -> None:
        if spec.key not in self.loading_code or self.loading_code[spec.key] is not None:
            return  # started already (someone waited for it)

        def loaded(_module: object) -> None:
            del self.loading_code[spec.key]
            keys = [s.key for s in self.specs]
            if self.wanted_page == spec.key and spec.key in keys and spec.key not in self.pages:
                self.show_page_at(keys.index(spec.key))

        def failed(exc: Exception) -> None:
            del self.loading_code[spec.key]
            show_problem(self, exc)

        self.loading_code[spec.key] = self.ctx.ops.run(spec.load, parent=self, done=loaded, failed=failed)

    def _code_loads(self) -> list[Operation]:
        """The screens' imports asked for, started now if they were waiting for the next turn."""
        for spec in self.specs:
            if spec.key in self.loading_code and self.loading_code[spec.key] is None:
                self._start_loading_code(spec)
        return [op for op in self.loading_code.values() if op is not None]

    def show_page(self, key: str) -> QWidget:
        """Show a screen and return it ready to use (its background load, if any, finished)."""
        row = next(i for i, s in enumerate(self.specs) if s.key == key)
        self.show_page_at(row)
        self._code_loads()
        if self.loading_code.get(key) is not None:
            self.loading_code[key].wait()
        page = self.pages[key]
        if hasattr(page, "wait_until_loaded"):
            page.wait_until_loaded()
        return page

    def wait_until_loaded(self) -> None:
        """Let every screen's background load and every operation finish (before closing or
        switching database); a screen whose code was loading is built and loaded too."""
        self._code_loads()
        self.ctx.ops.wait_idle()
        for page in list(self.pages.values()):
            if hasattr(page, "wait_until_loaded"):
                page.wait_until_loaded()
        self.ctx.ops.wait_idle()

    def _on_data_changed(self, what: set) -> None:
        for spec in self.specs:
            page = self.pages.get(spec.key)
            if page is not None and hasattr(page, "refresh") and (not spec.refresh_on or spec.refresh_on & what):
                page.refresh()
        if "settings" in what:
            self._update_titles()

    def _rebuild_pages(self) -> None:
        """Fresh screens for another database or restored contents (safe inside a ``done``)."""
        current = max(self.sidebar.currentRow(), 0)
        for page in self.pages.values():
            if hasattr(page, "wait_until_loaded"):
                page.wait_until_loaded()
        for _i in range(self.stack.count()):
            old = self.stack.widget(0)
            self.stack.removeWidget(old)
            old.deleteLater()
        self.pages.clear()
        for _spec in self.specs:
            self.stack.addWidget(QWidget())
        if self.ctx.db.is_sqlite:
            self.show_page_at(current)
        else:  # #20: the login's rights first (load_titles follows): no screen it may not read
            self.access.wanted = self.specs[current].key

    def load_titles(self) -> None:
        """Read the group's settings (one read) and name the window after the group."""
        self.ctx.load_group(done=lambda _settings: self._update_titles())
        self.role_text = ""  # #20: the login's role on a shared database, shown in the status bar
        self.access.load(first_page=not self.pages)  # what it may use: pages, buttons (role_access.py)

    def _update_titles(self) -> None:
        """The group's name once its settings are read; until then the app's name alone."""
        group = self.ctx.group.group_name if self.ctx.group_loaded else ""
        self.setWindowTitle(f"{APP_NAME} — {group}" if group else APP_NAME)
        self.group_label.setText(group)
        role = getattr(self, "role_text", "")
        text = _("Database: {name}").format(name=self.ctx.db.display_name)
        text += _(" — role: {role}").format(role=role) if role else ""
        self.db_label.setText(text)
        self.db_label.setToolTip(text)  # a long path is cut at large text sizes: the whole of it here

    # --- menus ---------------------------------------------------------------------
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(_("&File"))
        # Ctrl+N is "new" on the screen in view (member) and Ctrl+Shift+N a new meeting on
        # Meetings; Ctrl+Alt is avoided (it is AltGr on Windows: Ctrl+Alt+N types ń in Polish).
        self._action(file_menu, _("&New database…"), self.new_database, "Ctrl+Shift+D")
        self._action(file_menu, _("&Open database…"), self.open_database_dialog, QKeySequence.StandardKey.Open)
        self._action(file_menu, _("Connect to &shared database…"), self.connect_dialog)
        file_menu.addSeparator()
        self._action(file_menu, _("&Backup now"), self.backup_now, "Ctrl+Shift+B")
        self._action(file_menu, _("&Restore from backup…"), self.restore_dialog)
        self._action(file_menu, _("&Check database"), self.check_database)
        file_menu.addSeparator()
        self.password_actions = add_password_actions(self, file_menu)  # #20: Set/Change/Remove password…
        file_menu.addSeparator()
        self._action(file_menu, _("Re&tention…"), self.retention_dialog)
        self._action(file_menu, _("&Audit trail…"), self.audit_dialog)
        file_menu.addSeparator()
        self._action(file_menu, _("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        self.file_menu = file_menu

        self.edit_menu = self.menuBar().addMenu(_("&Edit"))
        self._action(self.edit_menu, _("&Settings…"), self.settings_dialog, "Ctrl+,")

        self.go_menu = self.menuBar().addMenu(_("&Go"))
        self.fill_go_menu()

        self.print_menu, self.printing = build_print_menu(self, self.ctx)

        help_menu = self.menuBar().addMenu(_("&Help"))
        self._action(help_menu, _("&Why is something missing?"), self.access.explain)  # #20
        self._action(help_menu, _("&About {app}").format(app=APP_NAME), self.about)

    def fill_go_menu(self) -> None:
        """One item a screen the login may read, each with its own Alt letter (#19) and Ctrl+N."""
        self.go_menu.clear()
        for i, title in enumerate(with_mnemonics([spec.title for spec in self.specs])):
            self._action(self.go_menu, title, lambda i=i: self.show_page_at(i), f"Ctrl+{i + 1}")

    def _action(self, menu, text: str, slot, shortcut=None) -> QAction:  # noqa: ANN001
        """A menu item calling ``slot()`` with no arguments.

        ``triggered`` carries ``checked``; connected straight to a lambda with a default
        argument (``lambda i=i: ...``) it would land in that argument (every Go item
        showed Members), so the flag is swallowed here.
        """
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False, run=slot: run())
        menu.addAction(action)
        return action

    def retention_dialog(self) -> RetentionDialog:
        from communitydesk.gui.privacy.retention_dialog import RetentionDialog

        dialog = RetentionDialog(self.ctx, self)
        dialog.open()
        return dialog

    def settings_dialog(self) -> SettingsDialog:
        from communitydesk.gui.settings.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.ctx, self)
        dialog.open()
        return dialog

    def audit_dialog(self) -> AuditDialog:
        from communitydesk.gui.privacy.audit_dialog import AuditDialog

        dialog = AuditDialog(self.ctx, self)
        dialog.open()
        return dialog

    def about(self) -> AboutDialog:
        from communitydesk.gui.about_dialog import AboutDialog

        dialog = AboutDialog(paths=self.ctx.paths, database=self.ctx.db.display_name, parent=self)
        dialog.exec()
        return dialog

    # --- window state --------------------------------------------------------------
    def _restore_geometry(self) -> None:
        """The size and place it was closed at; the first time, a size that fits the screen."""
        geometry = self.ctx.gui_settings.geometry
        if geometry is not None and self.restoreGeometry(geometry):
            return
        screen = screen_of(self)
        size = first_open_size(screen.availableGeometry().size()) if screen else FIRST_OPEN_SIZE
        self.resize(size)
        if size != FIRST_OPEN_SIZE:  # a small screen: all of it, title bar and frame included
            self.setWindowState(Qt.WindowState.WindowMaximized)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.warm is not None:
            self.warm.stop()  # the step running finishes; no thread outlives the window
        self.wanted_page = ""  # a screen whose code is still loading is not built any more
        for key in [key for key, op in self.loading_code.items() if op is None]:
            del self.loading_code[key]
        self.wait_until_loaded()
        self.ctx.gui_settings.geometry = self.saveGeometry()
        self.ctx.gui_settings.sync()
        if self.guard is not None:
            self.guard.close()  # drops the writer lock
            self.guard = None
        super().closeEvent(event)
