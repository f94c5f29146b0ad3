"""Reaching people from the window (#18): the "Email these people…" dialog and print dialogs."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from communitydesk.gui.context import AppContext
    from communitydesk.gui.outreach.email_dialog import EmailPeopleDialog


def email_people(ctx: AppContext, member_ids: Sequence[int], *, about: str, parent: QWidget,
                 meeting_id: int | None = None, template: str = "blank") -> EmailPeopleDialog:
    """Open the dialog for these people (the one line each screen's hook calls)."""
    from communitydesk.gui.outreach.email_dialog import EmailPeopleDialog

    dialog = EmailPeopleDialog(ctx, list(member_ids), about=about, meeting_id=meeting_id,
                               template=template, parent=parent)
    dialog.show()
    return dialog
