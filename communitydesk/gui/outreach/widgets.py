"""Small widget rules shared by the outreach dialogs."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QSizePolicy, QWidget

from communitydesk.gui.common.screens import screen_of


def shrink_to_fit(combo: QComboBox, characters: int = 16) -> None:
    """A combo with long choices fills the row but may shrink (200 % text on a small screen, #19)
    instead of making the whole dialog scroll sideways."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(characters)
    combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)


def stack_if_too_wide(buttons: QDialogButtonBox, dialog: QWidget) -> None:
    """Buttons under each other when side by side they are wider than the screen (200 % text on
    a small laptop, #19): otherwise the whole dialog would scroll sideways."""
    screen = screen_of(dialog)
    margins = 2 * dialog.style().pixelMetric(dialog.style().PixelMetric.PM_LayoutLeftMargin)
    if screen is not None and buttons.sizeHint().width() + margins > screen.availableGeometry().width():
        buttons.setOrientation(Qt.Orientation.Vertical)
