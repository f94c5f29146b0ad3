"""The few widgets other screens add to offer "Email these people…" (each hook is a line or two there)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWidgets import QMenu, QPushButton, QToolButton, QWidget

from communitydesk.gui.context import AppContext
from communitydesk.gui.outreach import email_people


def register_email_button(ctx: AppContext, parent: QWidget, rows: Callable[[], Sequence[Any]],
                          meeting_id: Callable[[], int | None]) -> QToolButton:
    """For a meeting's register: email everyone expected (next-meeting message), or the absentees."""
    button = QToolButton(parent)
    button.setText("Email…")
    button.setToolTip("Email these people through your own mail program (Bcc)")
    button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    menu = QMenu(button)
    menu.addAction("Everyone expected…", lambda: email_people(
        ctx, [r.member_id for r in rows()], about="expected at the meeting", parent=parent,
        meeting_id=meeting_id(), template="next_meeting"))
    menu.addAction("Those absent (not present, no apologies)…", lambda: email_people(
        ctx, [r.member_id for r in rows() if r.status not in ("present", "apologies")],
        about="absent from the meeting", parent=parent, meeting_id=meeting_id(), template="minutes_ready"))
    button.setMenu(menu)
    return button


def follow_ups_email_button(ctx: AppContext, parent: QWidget, rows: Callable[[], Sequence[Any]]) -> QPushButton:
    """For the follow-ups queue: email the people whose follow-ups are listed."""
    button = QPushButton("Email these people…", parent)
    button.clicked.connect(lambda: email_people(ctx, [r.member_id for r in rows()], about="follow-ups due",
                                                parent=parent))
    return button
