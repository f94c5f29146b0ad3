"""File menu: new, open and connect to a database, and what the window says about the one open.

Why a module of its own: switching database is its own job (the writer lock, a password,
waiting for running operations on the old file, fresh screens), apart from the window's
layout. Mixed into ``MainWindow``, which provides ``ctx``, ``guard``, ``warning_label``,
``statusBar()``, ``wait_until_loaded()``, ``_rebuild_pages()``, ``_update_titles()`` and
``load_titles()``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox

from communitydesk.errors import UserError
from communitydesk.gui.privacy.open_guard import GuardedDatabase, open_guarded
from communitydesk.gui.privacy.password_dialogs import open_asking_password
from communitydesk.i18n import _
from communitydesk.services.backups.auto_backup import OpenNotes

if TYPE_CHECKING:  # the dialogs load when first used, not at start-up
    from communitydesk.gui.context import AppContext
    from communitydesk.gui.privacy.connect_dialog import ConnectDialog


class DatabaseActions:
    """Open another database in the window, and say what to know about the one open."""

    ctx: AppContext
    guard: GuardedDatabase | None
    warning_label: QLabel

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
