"""The few widgets other screens add to offer "Email these people…" (each hook is a line or two there)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWidgets import QMenu, QPushButton, QToolButton, QWidget

from communitydesk.gui.context import AppContext
from communitydesk.gui.outreach import email_people
from communitydesk.i18n import _


def register_email_button(ctx: AppContext, parent: QWidget, rows: Callable[[], Sequence[Any]],
                          meeting_id: Callable[[], int | None]) -> QToolButton:
    """For a meeting's register: email everyone expected (next-meeting message), or the absentees."""
    button = QToolButton(parent)
    button.setText(_("E&mail…"))
    button.setToolTip(_("Email these people through your own mail program (Bcc)"))
    button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    menu = QMenu(button)
    menu.addAction(_("Everyone expected…"), lambda: email_people(
        ctx, [r.member_id for r in rows()], about=_("expected at the meeting"), parent=parent,
        meeting_id=meeting_id(), template="next_meeting"))
    menu.addAction(_("Those absent (not present, no apologies)…"), lambda: email_people(
        ctx, [r.member_id for r in rows() if r.status not in ("present", "apologies")],
        about=_("absent from the meeting"), parent=parent, meeting_id=meeting_id(), template="minutes_ready"))
    button.setMenu(menu)
    return button


def follow_ups_email_button(ctx: AppContext, parent: QWidget, rows: Callable[[], Sequence[Any]]) -> QPushButton:
    """For the follow-ups queue: email the people whose follow-ups are listed."""
    button = QPushButton(_("E&mail these people…"))  # parented where it is laid out: Tab follows the layout
    button.clicked.connect(lambda: email_people(ctx, [r.member_id for r in rows()], about=_("follow-ups due"),
                                                parent=parent))
    return button


def dues_email_button(ctx: AppContext, parent: QWidget, member_ids: Callable[[], Sequence[int]],
                      shown: Callable[[], str]) -> QPushButton:
    """For the Dues screen: email the people its current filter lists (renewals due, #18).

    ``shown`` names the filter ("Due in the next 30 days", "Lapsed") for the dialog's title.
    """
    button = QPushButton(_("E&mail these people…"))  # parented where it is laid out: Tab follows the layout
    button.setToolTip(_("Email the people listed (with the filter chosen) through your own mail program"))
    button.clicked.connect(lambda: setattr(parent, "email_dialog", email_people(
        ctx, list(member_ids()), about=_("dues: {shown}").format(shown=shown().lower()), parent=parent,
        template="renewal")))
    return button
