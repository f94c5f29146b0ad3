"""The live "Present 23 of 18 needed — quorate" line for the meeting screen and the register.

It reads the quorum through the runner when given a meeting (or takes it from a screen's
own read), and again whenever the attendance or the settings change (a check-in at the
door, a mark in the register).
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from communitydesk.gui.context import AppContext
from communitydesk.gui.operations import Operation
from communitydesk.i18n import _
from communitydesk.services.motions.quorum import Quorum, meeting_quorum

QUORATE_STYLE = "color: #1f5f3f; background: #e3f2e8; border-radius: 4px; padding: 3px 8px; font-weight: 600;"
SHORT_STYLE = "color: #7a2a12; background: #fbe4dc; border-radius: 4px; padding: 3px 8px; font-weight: 600;"
NO_RULE_STYLE = "color: #44504c; padding: 3px 8px;"


class QuorumIndicator(QLabel):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("quorumIndicator")
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        self.meeting_id: int | None = None
        self.quorum: Quorum | None = None
        self.loading: Operation | None = None
        self.setToolTip(_("People marked present against the quorum in Settings; updates as people check in"))
        self.hide()
        ctx.events.changed.connect(self._changed)

    def set_meeting(self, meeting_id: int | None, *, read: bool = True) -> Operation | None:
        """Follow a meeting; ``read=False`` waits for the screen's own read (``show_quorum``)
        or the next attendance change, so opening a meeting stays one read."""
        changed = meeting_id != self.meeting_id
        self.meeting_id = meeting_id
        if meeting_id is None or (changed and not read):
            self.quorum = None
            self.hide()
        if meeting_id is None or not read:
            return None
        return self.refresh()

    def refresh(self) -> Operation | None:
        meeting_id = self.meeting_id
        if meeting_id is None:
            return None
        self.loading = self.ctx.ops.read(lambda s: meeting_quorum(s, meeting_id), parent=self,
                                         done=self.show_quorum, key=f"quorum-{id(self)}")
        return self.loading

    def show_quorum(self, quorum: Quorum) -> None:
        self.quorum = quorum
        self.setText(quorum.label())  # one wording, in the window's language
        self.setStyleSheet(NO_RULE_STYLE if not quorum.rule else QUORATE_STYLE if quorum.quorate else SHORT_STYLE)
        self.show()

    def _changed(self, areas: set) -> None:
        if self.meeting_id is not None and ({"attendance", "settings"} & set(areas)):
            self.refresh()
