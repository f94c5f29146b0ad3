"""The Qt half of ``self-check``: the modules the window loads only when a screen needs them."""

from __future__ import annotations

import importlib
import os


def check_qt_parts() -> str:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    loaded = []
    for module in ("PySide6.QtCharts", "PySide6.QtPdf", "PySide6.QtPdfWidgets", "PySide6.QtSvg",
                   "PySide6.QtPrintSupport"):
        importlib.import_module(module)
        loaded.append(module.removeprefix("PySide6."))
    from PySide6.QtCharts import QChart
    from PySide6.QtPdf import QPdfDocument

    QChart(), QPdfDocument()
    return f"{', '.join(loaded)} on {app.platformName()}"
