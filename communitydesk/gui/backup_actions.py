"""File menu: backup now, restore from a backup, check the database — through the runner.

Why a module of its own: these run long on a big file (a copy, an integrity check of
every page), so each goes through ``ctx.ops`` with a progress dialog, never on the
UI thread. Mixed into ``MainWindow``, which provides ``ctx``, ``statusBar()``,
``wait_until_loaded()``, ``_rebuild_pages()`` and ``load_titles()``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox

from communitydesk.gui.common.dialogs import confirm
from communitydesk.i18n import _

if TYPE_CHECKING:
    from communitydesk.gui.context import AppContext
    from communitydesk.gui.operations import Operation
    from communitydesk.services.backups.backup import RestoreResult


class BackupActions:
    """The File menu's backup, restore and check items."""

    ctx: AppContext

    def backup_now(self) -> Operation:
        """A copy of the open file in the backups folder, taken off the UI thread."""
        from communitydesk.services.backups.backup import backup_now

        db = self.ctx.db
        return self.ctx.ops.read(lambda _session, _progress: backup_now(db), parent=self,
                                 progress=_("Saving a backup…"), done=lambda path: self.statusBar()
                                 .showMessage(_("Backup saved: {path}").format(path=path), 8000))

    def restore_dialog(self) -> Operation | None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Restore from backup"), str(self.ctx.db.backups_dir),
            _("CommunityDesk backups (*.sqlite3);;All files (*)"))
        if not path:
            return None
        if not confirm(
                self, _("Restore from backup"),
                _("Replace everything in the open database with the backup\n{path}?\n\n"
                  "The current state is saved as a backup first, so this can be undone.").format(path=path),
                _("Restore")):
            return None
        return self.restore_from(Path(path))

    def restore_from(self, backup: Path) -> Operation | None:
        """Replace the open database's contents with ``backup`` (after a safety backup)."""
        from communitydesk.gui.privacy.password_dialogs import unlock_backup
        from communitydesk.services.backups.backup import restore_backup

        if not unlock_backup(self, backup, self.ctx.db):  # #20: an encrypted backup's password
            return None

        self.wait_until_loaded()  # no screen may be reading the file being replaced
        db = self.ctx.db

        def restored(result: RestoreResult) -> None:
            self.ctx.forget_group()
            self._rebuild_pages()
            self.load_titles()
            QMessageBox.information(
                self, _("Restored"),
                _("Restored from {backup}.\nThe previous state is saved in {saved}.").format(
                    backup=result.restored_from, saved=result.previous_state_saved_to))

        return self.ctx.ops.write(lambda _session, _progress: restore_backup(db, backup),
                                  parent=self, progress=_("Restoring from the backup…"), done=restored)

    def check_database(self) -> Operation:
        from communitydesk.services.core.integrity import check_database

        db = self.ctx.db

        def checked(problems: list[str]) -> None:
            if problems:
                QMessageBox.warning(self, _("Database check"), _("Problems found:") + "\n\n" + "\n".join(problems))
            else:
                QMessageBox.information(self, _("Database check"), _("No problems found."))

        return self.ctx.ops.read(lambda _session, _progress: check_database(db), parent=self,
                                 progress=_("Checking the database…"), done=checked)
