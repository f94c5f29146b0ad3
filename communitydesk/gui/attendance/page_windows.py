"""The windows the Attendance screen opens: the door kiosk and the old-register import.

A mixin of ``AttendancePage`` (kept apart so the page stays readable); the kiosk reports
each check-in so the register behind it follows without reloading.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from communitydesk.gui.attendance.meeting_choice import kiosk_meeting
from communitydesk.gui.common.screens import screen_of

if TYPE_CHECKING:
    from communitydesk.gui.attendance.kiosk_window import KioskWindow
    from communitydesk.services.attendance.register import AttendanceEntry


class PageWindows:
    """``open_kiosk`` and ``open_import`` for the page (``self`` is an ``AttendancePage``)."""

    def open_kiosk(self, *, full_screen: bool = True) -> KioskWindow | None:
        meeting_id, why_not = kiosk_meeting(self.meetings, self.today(), parent=self)
        if meeting_id is None:
            if why_not:
                self.notice.setText(why_not)
                self.notice.show()
            return None
        from communitydesk.gui.attendance.kiosk_window import KioskWindow

        if meeting_id != self.meeting_id:  # the register behind follows the door
            self.choose_meeting(meeting_id)
        self.kiosk = KioskWindow(self.ctx, meeting_id)
        self.kiosk.closed.connect(self._kiosk_closed)
        self.kiosk.checked_in.connect(self._on_kiosk_entry)
        self.kiosk_covers_page = full_screen
        if full_screen:  # the main window hides, so the member list is out of reach at the door
            self.window().hide()
            self.kiosk.setGeometry(screen_of(self).geometry())  # also without a window manager
            self.kiosk.showFullScreen()
        else:
            self.kiosk.show()
        return self.kiosk

    def _on_kiosk_entry(self, entry: AttendanceEntry) -> None:
        if entry.meeting_id != self.meeting_id:
            return
        if self.model.row_of_member(entry.member_id) is None:  # a newcomer: their row is new
            self.load_register(entry.meeting_id)
            return
        self.model.update_entry(entry.member_id, entry.status, entry.checked_in_at)
        self._update_view()

    def _kiosk_closed(self) -> None:
        self.window().show()
        self.kiosk = None
        self.refresh()

    def open_import(self) -> None:
        from communitydesk.gui.attendance.register_import_dialog import RegisterImportDialog

        dialog = RegisterImportDialog(self.ctx, self)
        if dialog.exec() and dialog.result_summary is not None:
            self.refresh()
