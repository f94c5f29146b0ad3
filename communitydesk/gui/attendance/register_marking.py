"""Marking the register on the Attendance screen: by selection, by the row number from the
paper sheet ("17", "17a", "17x"), and adding a guest. A mixin of ``AttendancePage``, which
supplies the meeting, the table, its model and proxy, and the background marks queue.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QItemSelectionModel

from communitydesk.i18n import _
from communitydesk.services.attendance.register import Guest, RegisterRow, add_guest, open_register

ROW_ENTRY = re.compile(r"^\s*(\d+)\s*([pax])?\s*$", re.IGNORECASE)
ROW_SUFFIX = {None: "present", "p": "present", "a": "apologies", "x": "absent"}


class RegisterMarking:
    """Marks and guests for ``AttendancePage``; every write goes through ``ctx.ops``."""

    # --- marking -----------------------------------------------------------------------
    def selected_member_ids(self) -> list[int]:
        rows = sorted(self.proxy.mapToSource(i).row() for i in self.table.selectionModel().selectedRows())
        return [self.model.row_at(r).member_id for r in rows]

    def mark(self, member_ids: list[int], status: str | None) -> bool:
        """Shown at once; written behind, and put back with the reason if refused."""
        if self.meeting_id is None or not member_ids:
            return False
        refused = self.role_refused.get("attendance")  # set by role_access for a role that may not mark
        if refused is not None:
            self.notice.setText(refused)  # keys and double-clicks say why, as the greyed buttons do
            self.notice.show()
            return False
        if status in ("present", "absent") and self.meeting_is_ahead():
            self._show_notice(refused=status)  # said on the page: no dialog in the middle of typing
            return False
        self.marks.mark(self.meeting_id, member_ids, status)
        return True

    def mark_selected(self, status: str | None) -> None:
        ids = self.selected_member_ids()
        if self.mark(ids, status) and len(ids) == 1:
            self._move_selection(1)

    def toggle_present(self) -> None:
        ids = self.selected_member_ids()
        if len(ids) == 1:
            row = self.model.row_at(self.model.row_of_member(ids[0]) or 0)
            self.mark(ids, None if row.status == "present" else "present")

    def mark_from_row_entry(self) -> None:
        match = ROW_ENTRY.match(self.row_entry.text())
        row = self.model.row_of_number(int(match[1])) if match else None
        if match is None or row is None:
            self.row_entry.setStyleSheet("background: #f6dcdc;")
            self.row_entry.setToolTip(_("No row “{row}” on this register").format(row=self.row_entry.text().strip()))
            return
        self.row_entry.setStyleSheet("")
        if self.mark([self.model.row_at(row).member_id], ROW_SUFFIX[(match[2] or "").lower() or None]):
            self._select_source_row(row)
            self.row_entry.clear()

    def _move_selection(self, step: int) -> None:
        current = self.table.currentIndex()
        target = self.proxy.index(min(max(current.row() + step, 0), self.proxy.rowCount() - 1), 0)
        if target.isValid():
            self.table.setCurrentIndex(target)

    def _select_source_row(self, row: int) -> None:
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if index.isValid():
            self.table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            self.table.scrollTo(index)

    def add_guest(self) -> None:
        first, last = self.guest_first.text().strip(), self.guest_last.text().strip()
        meeting_id = self.meeting_id
        if meeting_id is None or (self.adding_guest is not None and not self.adding_guest.is_done):
            return
        if not first:
            self.guest_first.setFocus()
            return

        def write(session) -> tuple[Guest, list[RegisterRow]]:  # noqa: ANN001 - a Session, on the worker
            guest = add_guest(session, meeting_id, first_name=first, last_name=last)
            return guest, open_register(session, meeting_id)

        self.guest_button.setEnabled(False)
        self.adding_guest = self.ctx.ops.write(write, parent=self,
                                               done=lambda result: self._guest_added(meeting_id, *result))
        self.adding_guest.finished.connect(self._own_write_landed)
        self.adding_guest.finished.connect(lambda: self.guest_button.setEnabled(
            self.meeting_id is not None and not self.meeting_is_ahead()))

    def _guest_added(self, meeting_id: int, guest: Guest, rows: list[RegisterRow]) -> None:
        self._own_write()
        self.guests.clear()
        if meeting_id != self.meeting_id:
            return
        self.model.set_register(self.marks.merge(rows))
        self._update_view()
        row = self.model.row_of_member(guest.member_id)
        if row is not None:
            self._select_source_row(row)

