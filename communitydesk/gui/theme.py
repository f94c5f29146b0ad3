"""One calm, readable look: Fusion style, a light palette and a small style sheet."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

ACCENT = "#2f6f4f"

STYLE_SHEET = f"""
QListWidget#sidebar {{
    background: #23332c; color: #e8efe9; border: none; font-size: 14px; outline: 0;
    padding-top: 8px;
}}
QListWidget#sidebar::item {{ padding: 10px 14px; border-left: 3px solid transparent; }}
QListWidget#sidebar::item:selected {{
    background: #33483e; color: white; border-left: 3px solid #8fd19e;
}}
QListWidget#sidebar::item:hover:!selected {{ background: #2b3d35; }}
QLabel#sidebarTitle {{
    background: #23332c; color: white; font-size: 16px; font-weight: 600; padding: 16px 14px 2px 14px;
}}
QLabel#sidebarGroup {{ background: #23332c; color: #a9c2b3; padding: 0 14px 10px 14px; }}
QLabel#pageTitle {{ font-size: 20px; font-weight: 600; }}
QLabel#pageSubtitle {{ color: #5f6b66; }}
QLabel#emptyTitle {{ font-size: 18px; font-weight: 600; color: #3c4a44; }}
QLabel#emptyText {{ color: #5f6b66; font-size: 13px; }}
QLabel#countLabel {{ color: #5f6b66; }}
QTableView {{ gridline-color: #e3e7e5; selection-background-color: {ACCENT}; }}
QHeaderView::section {{ padding: 4px 6px; font-weight: 600; }}
QPushButton#primary {{
    background: {ACCENT}; color: white; border-radius: 4px; padding: 6px 14px; border: none;
}}
QPushButton#primary:hover {{ background: #3b8560; }}
QPushButton#primary:disabled {{ background: #b9c8bf; color: #f3f6f4; }}
QLineEdit#search {{ padding: 5px 8px; border-radius: 4px; }}
"""


def apply_theme(app: QApplication) -> None:
    app.setStyle("Fusion")
    palette = app.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#f6f7f6"))
    palette.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.AlternateBase, QColor("#f1f4f2"))
    palette.setColor(QPalette.ColorRole.Highlight, QColor(ACCENT))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    app.setPalette(palette)
    app.setStyleSheet(STYLE_SHEET)
