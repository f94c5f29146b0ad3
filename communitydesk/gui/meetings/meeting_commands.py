"""What the Meetings screen's header buttons do: new, edit, duplicate, cancel and calendar
export, one write each through the runner. A mixin of ``MeetingsPage``, which supplies ``ctx``,
the list (``selected_meeting_id``, ``select_meeting``, ``refresh``) and the editor.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QMainWindow,
    QWidget,
)
from sqlalchemy.orm import Session

from communitydesk.gui.common.dates import long_date
from communitydesk.gui.common.dialogs import confirm
from communitydesk.gui.common.saving import save_versioned_edit
from communitydesk.gui.context import AppContext
from communitydesk.gui.meetings.meeting_dialog import MeetingDialog, MeetingForm, ask_start
from communitydesk.gui.operations import Operation, show_problem
from communitydesk.i18n import _, ngettext
from communitydesk.services.meetings.planning import (
    MeetingDetail,
    cancel_meeting,
    duplicate_meeting,
    get_meeting_detail,
    update_meeting,
)
from communitydesk.services.meetings.rows import MeetingRow
from communitydesk.services.meetings.series import plan_meetings
from communitydesk.services.meetings.view import default_venue


class MeetingActions:
    """New, edit, duplicate, cancel and export for ``MeetingsPage``."""

    ctx: AppContext

    # --- actions: one write each; the list and the editor read again after it -----
    def new_meeting(self) -> Operation:
        """Read the default venue, then ask for the new meeting's details."""
        return self.ctx.ops.read(default_venue, parent=self, done=self._ask_new_meeting)

    def _ask_new_meeting(self, venue: str) -> None:
        start = (self.now() + timedelta(days=7)).replace(hour=19, minute=0, second=0, microsecond=0)
        form = MeetingDialog.ask(self.ctx, start=start, venue=venue, parent=self)
        if form is not None:
            self.create_from_form(form)

    def create_from_form(self, form: MeetingForm) -> Operation:
        """Create the meeting (or the series' meetings) and show the first."""
        return self.ctx.ops.write(
            lambda s: plan_meetings(s, form.values, repeat_rule=form.repeat_rule,
                                    repeat_count=form.repeat_count, use_template=form.use_template),
            parent=self, done=lambda ids: self._show_new(ids[0] if ids else None))

    def _show_new(self, meeting_id: int | None, *, show_all: bool = False) -> None:
        """After a write: read the list again and show the meeting written, even if the
        filter in use hides it now (e.g. an upcoming meeting just marked held)."""
        if show_all:
            self.set_show("all")
        op = self.refresh()
        if meeting_id is not None:
            op.finished.connect(lambda: self._reveal(meeting_id))

    def _reveal(self, meeting_id: int) -> None:
        if not self.select_meeting(meeting_id):
            self.set_show("all")
            self.select_meeting(meeting_id)

    def edit_selected(self) -> Operation | None:
        """Edit the selected meeting's details: read them fresh, then open the form."""
        meeting_id = self.selected_meeting_id()
        if meeting_id is None:
            return None
        return self.ctx.ops.read(lambda s: get_meeting_detail(s, meeting_id), parent=self,
                                 done=self._ask_edit)

    def _ask_edit(self, detail: MeetingDetail) -> None:
        form = MeetingDialog.ask(self.ctx, detail=detail, parent=self)
        if form is not None:
            self.save_form(detail, form)

    def save_form(self, detail: MeetingDetail, form: MeetingForm) -> Operation:
        """Save through the versioned path: a conflict shows both versions."""
        def save(s: Session, values: dict[str, object], version: int | None) -> MeetingDetail:
            return update_meeting(s, detail.id, values, expected_version=version)

        def saved(result: MeetingDetail) -> None:
            self.last_saved = result
            self._show_new(result.id)
            self.editor.reload()
        return save_versioned_edit(self.ctx, self, save, form.values, detail.version, done=saved)

    @staticmethod
    def ask_duplicate_start(parent: QWidget, suggested: datetime) -> datetime | None:
        """When the copy starts. Tests patch this."""
        return ask_start(parent, suggested, title=_("Duplicate meeting"),
                         text=_("A new planned meeting with the same agenda items (no minutes)."))

    def duplicate_selected(self) -> Operation | None:
        meeting_id = self.selected_meeting_id()
        if meeting_id is None:
            return None
        row = next(r for r in self.model.rows() if r.id == meeting_id)
        suggested = max(row.starts_at, self.now().replace(hour=row.starts_at.hour,
                                                          minute=row.starts_at.minute, second=0,
                                                          microsecond=0)) + timedelta(days=7)
        starts = self.ask_duplicate_start(self, suggested)
        if starts is None:
            return None
        return self.ctx.ops.write(lambda s: duplicate_meeting(s, meeting_id, starts_at=starts).id,
                                  parent=self, done=lambda new_id: self._show_new(new_id, show_all=True))

    @staticmethod
    def confirm_cancel(parent: QWidget, row: MeetingRow) -> bool:
        """Tests patch this."""
        return confirm(
            parent, _("Cancel meeting"),
            _("Cancel “{title}” on {date}?\n\nIt stays in the list, marked "
              "cancelled, and is left out of attendance counts. You can set it back to planned with "
              "Edit details.").format(title=row.title, date=long_date(row.starts_at)), _("Cancel meeting"))

    def cancel_selected(self) -> Operation | None:
        meeting_id = self.selected_meeting_id()
        if meeting_id is None:
            return None
        row = next(r for r in self.model.rows() if r.id == meeting_id)
        if row.status == "cancelled" or not self.confirm_cancel(self, row):
            return None

        def cancelled(_summary: object) -> None:
            self.refresh()
            self.editor.reload()
        return self.ctx.ops.write(lambda s: cancel_meeting(s, meeting_id), parent=self, done=cancelled)

    def export_calendar(self, target: Path | None = None) -> Operation | None:
        """Read the meetings and write the .ics file on a worker, with progress and Cancel."""
        if target is None:
            name, _filter = QFileDialog.getSaveFileName(self, _("Export meetings to a calendar file"),
                                                        str(Path.home() / "meetings.ics"),
                                                        _("iCalendar files (*.ics)"))
            if not name:
                return None
            target = Path(name)

        def export(s: Session, progress: Callable[[int, int], bool]) -> int:
            from communitydesk.services.meetings import (
                calendar_export,  # icalendar: only when exporting
            )

            return calendar_export.write_calendar(calendar_export.calendar_events(s), target,
                                                  progress=progress)

        def exported(count: int) -> None:
            message = ngettext("{count} meeting saved to {file}", "{count} meetings saved to {file}",
                               count).format(count=count, file=target)
            self.last_export = (True, message)
            window = self.window()
            if isinstance(window, QMainWindow):
                window.statusBar().showMessage(message, 8000)

        def failed(error: Exception) -> None:
            self.last_export = (False, str(error))
            from communitydesk.services.meetings.calendar_export import ExportCancelled

            if not isinstance(error, ExportCancelled):  # Cancel pressed: nothing to say
                show_problem(self, error)
        self.export_job = self.ctx.ops.read(export, parent=self, done=exported, failed=failed,
                                            progress=_("Writing the calendar file…"))
        return self.export_job
