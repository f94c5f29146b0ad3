"""What the payment dialogs share (record, correct, refund): the red problem line under the
form, and a write that greys OK while it runs and, if the service refuses, says why on that line
with OK back on, so the treasurer can mend the field and press Enter again."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QPushButton

from communitydesk.gui.context import AppContext
from communitydesk.gui.operations import Operation


def problem_line() -> QLabel:
    """The line under the form where a payment dialog says what is wrong."""
    problem = QLabel()
    problem.setStyleSheet("color: #B42318")
    problem.setWordWrap(True)
    return problem


class SavesPayment:
    """For a dialog with ``ctx``, an ``ok`` button and a ``problem`` line (a mixin)."""

    ctx: AppContext
    ok: QPushButton
    problem: QLabel
    saving: Operation | None = None

    def write_payment(self, job: Callable, done: Callable) -> Operation:
        self.ok.setEnabled(False)
        self.saving = self.ctx.ops.write(job, parent=self, done=done, failed=self._failed)
        return self.saving

    def _failed(self, exc: BaseException) -> None:
        self.ok.setEnabled(True)
        self.problem.setText(str(exc))
