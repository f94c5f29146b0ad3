"""One calm, readable look that follows the computer: its light or dark palette, its
high-contrast setting and its font size (issue #19).

On an ordinary light palette the window gets Fusion with a soft green accent. On a dark
or high-contrast palette the system's colours are kept as they are: every colour in the
style sheet is derived from the palette in use, and every size from the application font,
so a 20 pt font or a black-on-white theme is honoured. Focus is always drawn.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from communitydesk.gui.accessibility import AccessibleStyle

ACCENT = "#2f6f4f"
SIDEBAR = "#23332c"
MIN_TEXT_CONTRAST = 4.5  # WCAG AA for body text


def _luminance(colour: QColor) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())


def contrast(a: QColor, b: QColor) -> float:
    """The WCAG contrast ratio of two colours (1 to 21)."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def blend(a: QColor, b: QColor, share_of_a: float) -> QColor:
    s = share_of_a
    return QColor.fromRgbF(a.redF() * s + b.redF() * (1 - s), a.greenF() * s + b.greenF() * (1 - s),
                           a.blueF() * s + b.blueF() * (1 - s))


def muted(palette: QPalette, role: QPalette.ColorRole = QPalette.ColorRole.Window) -> QColor:
    """Secondary text: softer than the palette's text, still readable (>= 4.5:1) on ``role``."""
    text = palette.color(QPalette.ColorRole.WindowText if role == QPalette.ColorRole.Window
                         else QPalette.ColorRole.Text)
    background = palette.color(role)
    for share in (0.7, 0.8, 0.9, 1.0):
        colour = blend(text, background, share)
        if contrast(colour, background) >= MIN_TEXT_CONTRAST:
            return colour
    return text


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def wants_high_contrast(app: QApplication | None = None) -> bool:
    app = app or QApplication.instance()
    hints = app.styleHints() if app is not None else None
    access = getattr(hints, "accessibility", None)
    if access is None:
        return False
    return access().contrastPreference() == Qt.ContrastPreference.HighContrast


def style_sheet(palette: QPalette, font: QFont, *, calm: bool = True) -> str:
    """The style sheet for ``palette`` and ``font``: colours from the palette, sizes from the font."""
    base = font.pointSizeF() if font.pointSizeF() > 0 else 10.0

    def pt(scale: float) -> str:
        return f"{base * scale:.1f}pt"

    window = palette.color(QPalette.ColorRole.Window)
    subtle = muted(palette).name()
    highlight = palette.color(QPalette.ColorRole.Highlight).name()
    highlighted_text = palette.color(QPalette.ColorRole.HighlightedText).name()
    focus = palette.color(QPalette.ColorRole.WindowText).name() if not calm else "#1b5fbf"
    if calm:
        side_bg, side_text, side_sel, side_mark = SIDEBAR, "#e8efe9", "#33483e", "#8fd19e"
        side_group, side_hover, grid = "#a9c2b3", "#2b3d35", "#e3e7e5"
        empty_title = "#3c4a44"
    else:
        side_bg = palette.color(QPalette.ColorRole.AlternateBase).name()
        side_text = palette.color(QPalette.ColorRole.Text).name()
        side_sel, side_mark = highlight, palette.color(QPalette.ColorRole.HighlightedText).name()
        side_group = muted(palette, QPalette.ColorRole.AlternateBase).name()
        side_hover = blend(palette.color(QPalette.ColorRole.Highlight), window, 0.25).name()
        grid = blend(palette.color(QPalette.ColorRole.Text), window, 0.3).name()
        empty_title = palette.color(QPalette.ColorRole.WindowText).name()
    side_sel_text = "white" if calm else highlighted_text
    return f"""
QListWidget#sidebar {{
    background: {side_bg}; color: {side_text}; border: none; font-size: {pt(1.15)};
    padding-top: 8px;
}}
QListWidget#sidebar:focus {{ border: 2px solid {side_mark}; }}
QListWidget#sidebar::item {{ padding: 10px 14px; border-left: 3px solid transparent; }}
QListWidget#sidebar::item:selected {{
    background: {side_sel}; color: {side_sel_text}; border-left: 3px solid {side_mark};
}}
QListWidget#sidebar::item:hover:!selected {{ background: {side_hover}; }}
QLabel#sidebarTitle {{
    background: {side_bg}; color: {side_text}; font-size: {pt(1.3)}; font-weight: 600;
    padding: 16px 14px 2px 14px;
}}
QLabel#sidebarGroup {{ background: {side_bg}; color: {side_group}; padding: 0 14px 10px 14px; }}
QLabel#pageTitle {{ font-size: {pt(1.6)}; font-weight: 600; }}
QLabel#pageSubtitle {{ color: {subtle}; }}
QLabel#emptyTitle {{ font-size: {pt(1.45)}; font-weight: 600; color: {empty_title}; }}
QLabel#emptyText {{ color: {subtle}; font-size: {pt(1.05)}; }}
QLabel#countLabel {{ color: {subtle}; }}
QTableView {{ gridline-color: {grid}; selection-background-color: {highlight};
              selection-color: {highlighted_text}; }}
QHeaderView::section {{ padding: 4px 6px; font-weight: 600; }}
QPushButton#primary {{
    background: {highlight}; color: {highlighted_text}; border-radius: 4px; padding: 6px 14px;
    border: 2px solid {highlight};
}}
QPushButton#primary:hover {{ background: {blend(palette.color(QPalette.ColorRole.Highlight), window, 0.85).name()}; }}
QPushButton#primary:focus {{ border: 2px solid {focus}; }}
QPushButton#primary:disabled {{
    background: {palette.color(QPalette.ColorRole.Button).name()};
    color: {muted(palette, QPalette.ColorRole.Button).name()};
    border: 2px solid {palette.color(QPalette.ColorRole.Button).name()};
}}
QLineEdit#search {{ padding: 5px 8px; border-radius: 4px; }}
"""




def calm_palette(palette: QPalette) -> QPalette:
    """The light palette with the green accent (used only when the system's palette is light)."""
    palette = QPalette(palette)
    palette.setColor(QPalette.ColorRole.Window, QColor("#f6f7f6"))
    palette.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.AlternateBase, QColor("#f1f4f2"))
    palette.setColor(QPalette.ColorRole.Highlight, QColor(ACCENT))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    return palette


def apply_theme(app: QApplication) -> None:
    """Fusion with the accessibility rules; the calm palette only on a light, ordinary theme."""
    app.setStyle(AccessibleStyle("Fusion"))
    palette = app.palette()
    calm = not is_dark(palette) and not wants_high_contrast(app)
    if calm:
        palette = calm_palette(palette)
        app.setPalette(palette)
    app.setStyleSheet(style_sheet(palette, app.font(), calm=calm))


_LIGHT_SURFACES = ("#ffffff", "white", "#fffaf0")
_DARK_INKS = ("#23332c", "#3c4a44", "#6b4e00")
_SOFT_INKS = ("#5f6b66", "#7d8984")
_BASE_PX = 13.0  # the text size, in pixels, a screen's own style sheet was drawn for (10 pt)


def follow_system(sheet: str, app: QApplication | None = None) -> str:
    """A screen's own style sheet, made to follow the computer: font sizes in px scale with the
    system font, and on a dark or high-contrast palette its white surfaces become the palette's
    base and its dark text the palette's text (white text on white otherwise)."""
    app = app or QApplication.instance()
    if app is None:
        return sheet
    points = app.font().pointSizeF() if app.font().pointSizeF() > 0 else 10.0
    sheet = re.sub(r"font-size:\s*(\d+(?:\.\d+)?)px",
                   lambda m: f"font-size: {float(m.group(1)) / _BASE_PX * points:.1f}pt", sheet)
    palette = app.palette()
    if not is_dark(palette) and not wants_high_contrast(app):
        return sheet
    swaps = {**dict.fromkeys(_LIGHT_SURFACES, palette.color(QPalette.ColorRole.Base).name()),
             **dict.fromkeys(_DARK_INKS, palette.color(QPalette.ColorRole.Text).name()),
             **dict.fromkeys(_SOFT_INKS, muted(palette, QPalette.ColorRole.Base).name())}
    return re.sub(r"(?<![\w#-])(#[0-9a-fA-F]{6}|white)\b",
                  lambda m: swaps.get(m.group(1).lower(), m.group(1)), sheet)


def readable(colour: QColor, app: QApplication | None = None) -> QColor:
    """``colour`` for text on the palette's base, lightened or darkened until it reads (>= 4.5:1):
    the red of "overdue" stays red on a dark theme, and legible."""
    app = app or QApplication.instance()
    if app is None:
        return colour
    base = app.palette().color(QPalette.ColorRole.Base)
    towards = QColor("#ffffff") if is_dark(app.palette()) else QColor("#000000")
    for step in range(11):
        candidate = blend(towards, colour, step / 10)
        if contrast(candidate, base) >= MIN_TEXT_CONTRAST:
            return candidate
    return towards
