"""A visible focus mark for views the style draws none on (a chart, a PDF view), #19."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractScrollArea


def show_focus(view: QAbstractScrollArea) -> None:
    """A border in the highlight colour while ``view`` has the keyboard focus (by its base class:
    a chart view's own class name carries a C++ namespace a style sheet cannot match)."""
    view.setStyleSheet("QAbstractScrollArea:focus { border: 2px solid palette(highlight); }")
