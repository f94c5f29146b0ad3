"""What the Members screen does to the people chosen on it: bulk status and tag changes,
import, export and possible duplicates. A mixin of ``MembersPage`` (which supplies ``ctx``,
``tags``, ``selected_member_ids``, ``shown_member_ids`` and ``_status``), kept apart so the
page itself is the list: loading, searching, filtering and selecting.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QWidget

from communitydesk.gui.common.shown_values import MEMBER_STATUS, shown
from communitydesk.i18n import N_, _, ngettext
from communitydesk.services.members.lifecycle import (
    bulk_add_tag,
    bulk_remove_tag,
    bulk_set_status,
)

if TYPE_CHECKING:
    from communitydesk.gui.context import AppContext
    from communitydesk.gui.members.duplicates_dialog import DuplicatesDialog
    from communitydesk.gui.members.import_wizard import ImportWizard
    from communitydesk.gui.operations import Operation


def _dialogs():  # noqa: ANN202 - the module, imported when first needed (start-up speed)
    from communitydesk.gui.members import member_dialog

    return member_dialog


STATUSES = ("prospect", "active", "lapsed", "left")
EXPORT_FILTER = N_("Spreadsheet (*.csv);;Excel workbook (*.xlsx);;Contacts for phones (*.vcf)")


def ask_export_path(parent: QWidget, suggested: str) -> str:
    path, chosen = QFileDialog.getSaveFileName(parent, _("Export members"), suggested, _(EXPORT_FILTER))
    if path and not Path(path).suffix:  # the chosen filter's pattern, whatever its language
        path += ".xlsx" if "*.xlsx" in chosen else ".vcf" if "*.vcf" in chosen else ".csv"
    return path


def ask_tag(parent: QWidget, title: str, tags: list[str], *, editable: bool) -> str | None:
    text, ok = QInputDialog.getItem(parent, title, _("Tag:"), tags, 0, editable)
    return text.strip() if ok and text.strip() else None


class MemberListActions:
    """Bulk changes, import, export and duplicates for ``MembersPage``."""

    ctx: AppContext
    tags: list[str]

    # --- bulk ------------------------------------------------------------------------------
    def _bulk(self, action, *args) -> Operation | None:  # noqa: ANN001 - a service taking (session, ids, ...)
        """One write for the whole selection; the list refreshes itself from what changed."""
        ids = self.selected_member_ids()
        if not ids:
            return None

        return self.ctx.ops.write(lambda session: action(session, ids, *args), parent=self,
                                  done=lambda r: self._status(r.description))

    def bulk_status(self, status: str) -> Operation | None:
        count = len(self.selected_member_ids())
        if count > 1 and not _dialogs().ask_confirm(
                self, _("Change status"),
                ngettext("Set the status of {count} member to {status}?",
                         "Set the status of {count} members to {status}?", count).format(
                    count=f"{count:,}", status=shown(MEMBER_STATUS, status)), _("Change status")):
            return None
        return self._bulk(bulk_set_status, status)

    def bulk_tag(self, *, add: bool) -> Operation | None:
        tag = ask_tag(self, _("Add a tag to the selected members") if add else
                      _("Remove a tag from the selected members"), self.tags, editable=add)
        if not tag:
            return None
        count = len(self.selected_member_ids())
        if not add and count > 1 and not _dialogs().ask_confirm(
                self, _("Remove a tag"),
                ngettext("Remove the tag {tag} from {count} member?", "Remove the tag {tag} from {count} members?",
                         count).format(tag=tag, count=f"{count:,}"), _("Remove tag")):
            return None
        return self._bulk(bulk_add_tag if add else bulk_remove_tag, tag)

    # --- import, export, duplicates -----------------------------------------------------------
    def import_members(self, path: str | None = None) -> ImportWizard:
        from communitydesk.gui.members.import_wizard import ImportWizard

        wizard = ImportWizard(self.ctx, self, path=path)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog = wizard
        wizard.show()
        return wizard

    def export_dialog(self, *, shown_only: bool) -> None:
        suggested = str(Path.home() / ("members.csv" if not shown_only else "members-selection.csv"))
        path = ask_export_path(self, suggested)
        if path:
            self.export_to(path, shown_only=shown_only)

    def export_to(self, path: str, *, shown_only: bool) -> Operation:
        """Write the file off the UI thread (a read: nothing in the database changes)."""
        from communitydesk.services.members.export import export_members

        ids = self.shown_member_ids() if shown_only else None

        def done(count: int) -> None:
            self.exported = count
            self._status(ngettext("{count} member written to {path}", "{count} members written to {path}",
                                  count).format(count=f"{count:,}", path=path))

        return self.ctx.ops.read(lambda session: export_members(session, path, member_ids=ids),
                                 parent=self, done=done)

    def show_duplicates(self) -> DuplicatesDialog:
        from communitydesk.gui.members.duplicates_dialog import DuplicatesDialog

        dialog = DuplicatesDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog = dialog
        dialog.show()
        return dialog
