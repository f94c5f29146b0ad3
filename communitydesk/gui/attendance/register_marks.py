"""Marks on the register: shown the moment a key is pressed, written in order off the UI thread.

Taking the register is a typing job (P, down, A, down…), so a mark never waits for the
database: the row changes at once and the write goes through the operation runner.
Writes run one at a time in the order they were typed, so pressing P then Delete on
the same person always ends with them cleared. If a write is refused, its rows (and
those of marks queued behind it on the same meeting) go back to what they were and
the reason is shown.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from communitydesk.gui.attendance.register_table_model import RegisterTableModel
from communitydesk.gui.context import AppContext
from communitydesk.gui.motions.leaving_voters import ask_votes_on_leaving
from communitydesk.gui.operations import Operation, show_problem
from communitydesk.services.attendance.register import AttendanceEntry, RegisterRow
from communitydesk.services.motions.votes import VotedError, mark_register


@dataclass(frozen=True)
class PendingMark:
    meeting_id: int
    member_ids: tuple[int, ...]
    status: str | None
    before: tuple[RegisterRow, ...]  # the rows as they were, to put back if the write fails
    votes: str | None = None  # #16: "keep"/"remove" a leaving voter's votes by name, once asked


class RegisterMarks(QObject):
    """The page's queue of mark writes; ``shown`` fires whenever the model's marks changed."""

    shown = Signal()
    written = Signal()  # a write landed: the runner's change signal follows before ``landed``
    landed = Signal()
    settled = Signal()  # nothing left to write

    def __init__(self, ctx: AppContext, model: RegisterTableModel, page: QWidget,
                 current_meeting: Callable[[], int | None]) -> None:
        super().__init__(page)
        self.ctx = ctx
        self.model = model
        self.page = page
        self.current_meeting = current_meeting
        self.running: Operation | None = None
        self._queue: deque[PendingMark] = deque()
        self._latest: dict[int, PendingMark] = {}  # member id -> their newest mark not yet written
        self._asking = False  # the keep/remove question is open: the queue waits for its answer

    @property
    def busy(self) -> bool:
        return self.running is not None or bool(self._queue)

    def mark(self, meeting_id: int, member_ids: list[int], status: str | None) -> None:
        """Show the mark now and queue its write."""
        before = tuple(self.model.row_at(row) for m in member_ids
                       if (row := self.model.row_of_member(m)) is not None)
        pending = PendingMark(meeting_id, tuple(r.member_id for r in before), status, before)
        for row in before:
            # the service keeps an earlier check-in time for present and drops it otherwise
            self.model.update_entry(row.member_id, status, row.checked_in_at if status == "present" else None)
            self._latest[row.member_id] = pending
        self.shown.emit()
        self._queue.append(pending)
        self._start_next()

    def wait(self) -> None:
        """Until every queued mark is written (tests, closing)."""
        while self.running is not None:
            self.running.wait()

    def _start_next(self) -> None:
        if self.running is not None or self._asking or not self._queue:
            return
        pending = self._queue.popleft()
        meeting_id, member_ids, status, votes = pending.meeting_id, pending.member_ids, pending.status, pending.votes

        def write(session) -> tuple[AttendanceEntry, ...]:  # noqa: ANN001 - a Session, on the worker
            return mark_register(session, meeting_id, member_ids, status, votes=votes)

        self.running = self.ctx.ops.write(write, parent=self.page,
                                          done=lambda entries: self._written(pending, entries),
                                          failed=lambda exc: self._failed(pending, exc))
        self.running.finished.connect(self._finished)

    def _written(self, pending: PendingMark, entries: tuple[AttendanceEntry, ...]) -> None:
        self.running = None
        self.written.emit()
        same_meeting = pending.meeting_id == self.current_meeting()
        for entry in entries:
            if self._latest.get(entry.member_id) is pending:
                del self._latest[entry.member_id]
                if same_meeting:  # the stored check-in time replaces the guess
                    self.model.update_entry(entry.member_id, entry.status, entry.checked_in_at)
        self.shown.emit()
        self._start_next()

    def _failed(self, pending: PendingMark, exc: Exception) -> None:
        self.running = None
        if isinstance(exc, VotedError) and pending.votes is None and self._ask_about_votes(pending, exc):
            return
        undone = [pending, *(p for p in self._queue if p.meeting_id == pending.meeting_id)]
        self._queue = deque(p for p in self._queue if p.meeting_id != pending.meeting_id)
        if pending.meeting_id == self.current_meeting():
            for mark in reversed(undone):  # newest first, so each person ends as before the failed mark
                for row in mark.before:
                    self.model.update_entry(row.member_id, row.status, row.checked_in_at)
        for member_id in [m for m, p in self._latest.items() if p in undone]:
            del self._latest[member_id]
        self.shown.emit()
        if not isinstance(exc, VotedError):  # a cancelled question needs no second message
            show_problem(self.page, exc)
        self._start_next()

    def _ask_about_votes(self, pending: PendingMark, refusal: VotedError) -> bool:
        """Keep or remove: the same mark is written again, first in the queue. False: cancelled."""
        self._asking = True
        try:
            answer = ask_votes_on_leaving(self.page, refusal)
        finally:
            self._asking = False
        if answer is None:
            return False
        again = replace(pending, votes=answer)
        for member_id, latest in list(self._latest.items()):
            if latest is pending:
                self._latest[member_id] = again
        self._queue.appendleft(again)
        self._start_next()
        return True

    def _finished(self) -> None:
        """After the runner has told every screen what the write changed."""
        self.landed.emit()
        if not self.busy:
            self.settled.emit()

    def merge(self, rows: Sequence[tuple]) -> Sequence[tuple]:
        """Fresh rows from the database (``RegisterRow``s or plain tuples of their values) with
        the marks still being written laid over them."""
        if not self._latest:
            return rows  # nothing being written: the rows as read
        shown = {r.member_id: r for r in self.model.rows()}
        return [r._replace(status=shown[r.member_id].status, checked_in_at=shown[r.member_id].checked_in_at)
                if r.member_id in self._latest and r.member_id in shown else r for r in map(RegisterRow._make, rows)]
