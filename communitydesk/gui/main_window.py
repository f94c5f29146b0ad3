"""The main window: sidebar of screens, File and Help menus, which database is open."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from communitydesk import APP_NAME, __version__
from communitydesk.db.engine import open_database
from communitydesk.errors import UserError
from communitydesk.gui.context import AppContext
from communitydesk.gui.pages import PageSpec, page_specs
from communitydesk.gui.printing.print_menu import build_print_menu
from communitydesk.services.backup import backup_now, restore_backup
from communitydesk.services.integrity import check_database


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.specs: list[PageSpec] = page_specs()
        self.pages: dict[str, QWidget] = {}

        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setFixedWidth(200)
        self.sidebar.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        for spec in self.specs:
            self.sidebar.addItem(spec.title)
        self.stack = QStackedWidget()
        for _ in self.specs:
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
        side_widget.setFixedWidth(200)

        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(side_widget)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.db_label = QLabel()
        self.statusBar().addPermanentWidget(self.db_label)
        self._build_menus()
        self.ctx.events.changed.connect(self._on_data_changed)
        self._update_titles()
        self.resize(1180, 760)
        self._restore_geometry()
        self.sidebar.setCurrentRow(0)

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
        self.stack.setCurrentIndex(row)
        if self.sidebar.currentRow() != row:
            self.sidebar.setCurrentRow(row)

    def show_page(self, key: str) -> QWidget:
        row = next(i for i, s in enumerate(self.specs) if s.key == key)
        self.show_page_at(row)
        return self.pages[key]

    def _on_data_changed(self, what: set) -> None:
        for spec in self.specs:
            page = self.pages.get(spec.key)
            if page is not None and hasattr(page, "refresh") and (not spec.refresh_on or spec.refresh_on & what):
                page.refresh()
        if "settings" in what:
            self._update_titles()

    def _rebuild_pages(self) -> None:
        current = max(self.sidebar.currentRow(), 0)
        for _i in range(self.stack.count()):
            old = self.stack.widget(0)
            self.stack.removeWidget(old)
            old.deleteLater()
        self.pages.clear()
        for _ in self.specs:
            self.stack.addWidget(QWidget())
        self.show_page_at(current)

    def _update_titles(self) -> None:
        group = self.ctx.group_settings().group_name
        self.setWindowTitle(f"{APP_NAME} — {group}")
        self.group_label.setText(group)
        self.db_label.setText(f"Database: {self.ctx.db.display_name}")

    # --- menus ---------------------------------------------------------------------
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self._action(file_menu, "&New database…", self.new_database, "Ctrl+Shift+N")  # Ctrl+N: new member
        self._action(file_menu, "&Open database…", self.open_database_dialog, QKeySequence.StandardKey.Open)
        file_menu.addSeparator()
        self._action(file_menu, "&Backup now", self.backup_now, "Ctrl+Shift+B")
        self._action(file_menu, "&Restore from backup…", self.restore_dialog)
        self._action(file_menu, "&Check database", self.check_database)
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit)
        self.file_menu = file_menu

        go_menu = self.menuBar().addMenu("&Go")
        for i, spec in enumerate(self.specs):
            self._action(go_menu, spec.title, lambda i=i: self.show_page_at(i), f"Ctrl+{i + 1}")

        self.print_menu, self.printing = build_print_menu(self, self.ctx)

        help_menu = self.menuBar().addMenu("&Help")
        self._action(help_menu, f"&About {APP_NAME}", self.about)

    def _action(self, menu, text: str, slot, shortcut=None) -> QAction:  # noqa: ANN001
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    # --- database actions ----------------------------------------------------------
    def switch_database(self, target: str) -> bool:
        try:
            db = open_database(target, backups_dir=self.ctx.paths.backups_dir)
        except UserError as exc:
            QMessageBox.warning(self, "Cannot open database", str(exc))
            return False
        self.ctx.db.dispose()
        self.ctx.db = db
        self.ctx.gui_settings.setValue("last_database", target)
        self._rebuild_pages()
        self._update_titles()
        self.statusBar().showMessage(f"Opened {db.display_name}", 5000)
        return True

    def new_database(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "New database", str(self.ctx.paths.data_dir / "new-group.sqlite3"),
            "CommunityDesk databases (*.sqlite3)")
        if path:
            if Path(path).exists():
                QMessageBox.warning(self, "File exists", f"{path} already exists; open it instead.")
                return
            self.switch_database(path)

    def open_database_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Open database", str(self.ctx.paths.data_dir),
            "CommunityDesk databases (*.sqlite3 *.db);;All files (*)")
        if path:
            self.switch_database(path)

    def backup_now(self) -> None:
        try:
            path = backup_now(self.ctx.db)
        except UserError as exc:
            QMessageBox.warning(self, "Backup", str(exc))
            return
        self.statusBar().showMessage(f"Backup saved: {path}", 8000)

    def restore_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Restore from backup", str(self.ctx.db.backups_dir),
            "CommunityDesk backups (*.sqlite3);;All files (*)")
        if not path:
            return
        answer = QMessageBox.question(
            self, "Restore from backup",
            f"Replace everything in the open database with the backup\n{path}?\n\n"
            "The current state is saved as a backup first, so this can be undone.")
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            result = restore_backup(self.ctx.db, Path(path))
        except UserError as exc:
            QMessageBox.warning(self, "Cannot restore", str(exc))
            return
        self._rebuild_pages()
        self._update_titles()
        QMessageBox.information(
            self, "Restored",
            f"Restored from {result.restored_from}.\nThe previous state is saved in "
            f"{result.previous_state_saved_to}.")

    def check_database(self) -> None:
        problems = check_database(self.ctx.db)
        if problems:
            QMessageBox.warning(self, "Database check", "Problems found:\n\n" + "\n".join(problems))
        else:
            QMessageBox.information(self, "Database check", "No problems found.")

    def about(self) -> None:
        QMessageBox.about(
            self, f"About {APP_NAME}",
            f"<h3>{APP_NAME} {__version__}</h3><p>Members, meetings, minutes, attendance and "
            "one-to-ones for small volunteer groups — offline, on your own computer.</p>"
            f"<p>Database: {self.ctx.db.display_name}</p>")

    # --- window state --------------------------------------------------------------
    def _restore_geometry(self) -> None:
        geometry = self.ctx.gui_settings.value("geometry")
        if isinstance(geometry, QByteArray | bytes):
            self.restoreGeometry(QByteArray(geometry))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.ctx.gui_settings.setValue("geometry", self.saveGeometry())
        self.ctx.gui_settings.sync()
        super().closeEvent(event)
