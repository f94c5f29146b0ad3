""""Paid at the door…" on the attendance register: a dues payment for the selected person,
beside the Present/Apologies buttons (Ctrl+Shift+Y), without leaving the register."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from communitydesk.gui.common.shortcuts import press_on
from communitydesk.i18n import _

SHORTCUT = "Ctrl+Shift+Y"


def add_paid_at_the_door(page: QWidget) -> QPushButton:
    """``page`` is the Attendance page: its ``ctx``, ``mark_buttons`` and ``selected_member_ids``."""
    button = QPushButton(_("Pa&id at the door…"))
    button.setToolTip(_("Record a membership payment for the selected person (Ctrl+Shift+Y)"))  # SHORTCUT
    button.clicked.connect(lambda: paid_at_the_door(page))
    page.mark_buttons.addWidget(button)
    press_on(SHORTCUT, button, page)
    page.paid_at_the_door_button = button
    return button


def paid_at_the_door(page: QWidget) -> QWidget | None:
    from communitydesk.gui.dues.payment_dialog import PaymentDialog

    ids = page.selected_member_ids()
    if len(ids) != 1:
        QMessageBox.information(page, _("Paid at the door"), _("Choose one person on the register first."))
        return None
    meeting = page.current_meeting()
    note = f"at the door: {meeting.title}"[:120] if meeting is not None and getattr(meeting, "title", None) \
        else "at the door"
    page.door_payment = PaymentDialog(page.ctx, ids[0], page, note=note)
    page.door_payment.open()
    return page.door_payment
