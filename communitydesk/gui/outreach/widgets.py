"""Small widget rules shared by the outreach dialogs."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QSizePolicy


def shrink_to_fit(combo: QComboBox, characters: int = 16) -> None:
    """A combo with long choices fills the row but may shrink (200 % text on a small screen, #19)
    instead of making the whole dialog scroll sideways."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(characters)
    combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
