"""The main window: sidebar of screens, File and Help menus, which database is open."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from communitydesk import APP_NAME
from communitydesk.errors import UserError
from communitydesk.gui.backup_actions import BackupActions
from communitydesk.gui.common.mnemonics import with_mnemonics
from communitydesk.gui.context import AppContext
from communitydesk.gui.pages import PageSpec, page_specs
from communitydesk.gui.printing.print_menu import build_print_menu
from communitydesk.gui.privacy.open_guard import GuardedDatabase, open_guarded
from communitydesk.gui.privacy.password_dialogs import add_password_actions, open_asking_password
from communitydesk.gui.role_access import RoleAccess
from communitydesk.gui.theme import sidebar_sheet_for
from communitydesk.i18n import _
from communitydesk.services.backups.auto_backup import OpenNotes

if TYPE_CHECKING:  # the File menu's dialogs load when first used, not at start-up
    from communitydesk.gui.about_dialog import AboutDialog
    from communitydesk.gui.first_run.first_run_dialog import FirstRunDialog
    from communitydesk.gui.privacy.audit_dialog import AuditDialog
    from communitydesk.gui.privacy.connect_dialog import ConnectDialog
    from communitydesk.gui.privacy.retention_dialog import RetentionDialog
    from communitydesk.gui.settings.settings_dialog import SettingsDialog
    from communitydesk.gui.warm_up import WarmUp

SIDEBAR_WIDTH = 180  # narrow enough to leave a 1024-wide screen room for a whole table
FIRST_OPEN_SIZE = QSize(1180, 760)


def first_open_size(available: QSize) -> QSize:
    """The window's size before any was saved: roomy, but never bigger than the screen's free
    area (a 1024x640 netbook got a window it could not see the bottom of)."""
    return FIRST_OPEN_SIZE.boundedTo(available)


class MainWindow(BackupActions, QMainWindow):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.all_specs: list[PageSpec] = page_specs()
        self.specs: list[PageSpec] = list(self.all_specs)  # those the login may read (#20 role_access)
        self.access = RoleAccess(self)
        self.pages: dict[str, QWidget] = {}

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
        side_widget = QWidget()
        side_widget.setLayout(side)
        side_widget.setStyleSheet(sidebar_sheet_for())  # its own small sheet, not the app's (#14)
        side_widget.setFixedWidth(SIDEBAR_WIDTH)
        self.app_title.ensurePolished()  # a large system font widens the sidebar to its title (#19)
        side_widget.setFixedWidth(max(SIDEBAR_WIDTH, self.app_title.sizeHint().width() + 4))
        self.sidebar.setFixedWidth(side_widget.maximumWidth())

        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(side_widget)
        self.page_scroll = QScrollArea()  # with large text a page scrolls rather than being cut (#19)
        self.page_scroll.setWidgetResizable(True)
        self.page_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.page_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.page_scroll.setWidget(self.stack)
        row.addWidget(self.page_scroll, 1)
        self.setCentralWidget(central)

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

        self.warm = warm_up(spec.module for spec in self.specs if spec.module)
        return self.warm

    # --- screens -------------------------------------------------------------------
    def show_page_at(self, row: int) -> None:
        if row < 0:
            return
        spec = self.specs[row]
        if spec.key not in self.pages:
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

    def show_page(self, key: str) -> QWidget:
        """Show a screen and return it ready to use (its background load, if any, finished)."""
        row = next(i for i, s in enumerate(self.specs) if s.key == key)
        self.show_page_at(row)
        page = self.pages[key]
        if hasattr(page, "wait_until_loaded"):
            page.wait_until_loaded()
        return page

    def wait_until_loaded(self) -> None:
        """Let every screen's background load and every operation finish (before closing or
        switching database)."""
        for page in self.pages.values():
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

    # --- database actions ----------------------------------------------------------
    def adopt(self, guard: GuardedDatabase) -> None:
        """Take over the lock and open-time notes of the database the window shows."""
        self.guard = guard
        self.show_open_notes(guard.notes)

    def show_open_notes(self, notes: OpenNotes) -> None:
        problems = list(notes.warnings)
        if self.ctx.db.read_only:
            problems.insert(0, _("Read-only: {reason}. Close the other copy to make changes "
                                 "here.").format(reason=self.ctx.db.read_only_reason))
        self.warning_label.setVisible(bool(problems))
        self.warning_label.setText(_("⚠ Read-only") if self.ctx.db.read_only else
                                   (_("⚠ Unsafe folder") if problems else ""))
        self.warning_label.setToolTip("\n\n".join(problems))
        if notes.backup is not None:
            self.statusBar().showMessage(_("Today's backup saved: {path}").format(path=notes.backup), 8000)

    def open_warnings(self) -> list[str]:
        """What the person must be told once when the window opens (shown by the app)."""
        notes = self.guard.notes if self.guard else OpenNotes()
        shown = list(notes.warnings)
        if self.ctx.db.read_only:
            shown.insert(0, _("This database is open read-only: {reason}.").format(
                reason=self.ctx.db.read_only_reason))
        return shown

    def switch_database(self, target: str, *, saved_as: str | None = None) -> bool:
        """Open another database in this window once every running operation has finished."""
        try:
            guard = open_asking_password(self, target, lambda: open_guarded(  # #20: an encrypted file
                target, self.ctx.paths, audit_user=self.ctx.gui_settings.audit_user_name))
        except UserError as exc:
            QMessageBox.warning(self, _("Cannot open database"), str(exc))
            return False
        if guard is None:  # the password was not given
            return False
        self._adopt_database(guard, saved_as or target)
        for warning in self.open_warnings():
            QMessageBox.warning(self, _("About this database"), warning)
        self.statusBar().showMessage(_("Opened {name}").format(name=guard.db.display_name), 5000)
        return True

    def _adopt_database(self, guard: GuardedDatabase, remembered: str) -> None:
        """Swap the open database: let running operations finish on the old one first."""
        self.wait_until_loaded()
        self.ctx.db.dispose()
        if self.guard is not None:
            self.guard.close()
        self.ctx.db = guard.db
        self.ctx.forget_group()
        self.ctx.gui_settings.last_database = remembered  # a server's entry, never the password
        self._rebuild_pages()
        self._update_titles()
        self.load_titles()
        self.adopt(guard)

    def connect_dialog(self) -> ConnectDialog:
        from communitydesk.gui.privacy.connect_dialog import ConnectDialog
        from communitydesk.services.core.credentials import ServerDetails

        initial = None
        if not self.ctx.db.is_sqlite:
            initial = ServerDetails.from_url(self.ctx.db.url)

        def connect(url: str, saved: str) -> None:
            guard = open_guarded(url, self.ctx.paths, audit_user=self.ctx.gui_settings.audit_user_name)
            self._adopt_database(guard, saved)

        dialog = ConnectDialog(connect, initial=initial, parent=self,
                               initial_url=None if self.ctx.db.is_sqlite else self.ctx.db.url)
        dialog.open()
        return dialog

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

    def new_database(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, _("New database"), str(self.ctx.paths.data_dir / "new-group.sqlite3"),
            _("CommunityDesk databases (*.sqlite3)"))
        if path:
            if Path(path).exists():
                QMessageBox.warning(self, _("File exists"),
                                    _("{path} already exists; open it instead.").format(path=path))
                return
            if self.switch_database(path):  # a new group's file: ask its name, offer import or demo
                from communitydesk.gui.first_run.first_run import offer_first_run

                offer_first_run(self)

    def open_database_dialog(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Open database"), str(self.ctx.paths.data_dir),
            _("CommunityDesk databases (*.sqlite3 *.db);;All files (*)"))
        if path:
            self.switch_database(path)

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
        screen = self.screen() or QGuiApplication.primaryScreen()
        size = first_open_size(screen.availableGeometry().size()) if screen else FIRST_OPEN_SIZE
        self.resize(size)
        if size != FIRST_OPEN_SIZE:  # a small screen: all of it, title bar and frame included
            self.setWindowState(Qt.WindowState.WindowMaximized)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.wait_until_loaded()
        self.ctx.gui_settings.geometry = self.saveGeometry()
        self.ctx.gui_settings.sync()
        if self.guard is not None:
            self.guard.close()  # drops the writer lock
            self.guard = None
        super().closeEvent(event)
