"""One calm, readable look that follows the computer: its light or dark palette, its
high-contrast setting and its font size (issue #19).

On an ordinary light palette the window gets Fusion with a soft green accent. On a dark
or high-contrast palette the system's colours are kept as they are: every colour of the
look is derived from the palette in use, and every size from the application font,
so a 20 pt font or a black-on-white theme is honoured. Focus is always drawn.

There is no application-wide style sheet (#14): Qt re-applies one to every widget each
time a page is built, which was most of the time a page took to open. The look is given
by the style instead (gui/calm_look.py), and the sidebar has a small sheet of its own.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from communitydesk.gui.accessible_style import AccessibleStyle
from communitydesk.gui.calm_look import Look

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


def _sidebar_colours(palette: QPalette, calm: bool) -> dict[str, str]:
    window = palette.color(QPalette.ColorRole.Window)
    if calm:
        return {"bg": SIDEBAR, "text": "#e8efe9", "sel": "#33483e", "mark": "#8fd19e", "group": "#a9c2b3",
                "hover": "#2b3d35", "sel_text": "white"}
    highlight = palette.color(QPalette.ColorRole.Highlight)
    return {"bg": palette.color(QPalette.ColorRole.AlternateBase).name(),
            "text": palette.color(QPalette.ColorRole.Text).name(),
            "sel": highlight.name(), "mark": palette.color(QPalette.ColorRole.HighlightedText).name(),
            "group": muted(palette, QPalette.ColorRole.AlternateBase).name(),
            "hover": blend(highlight, window, 0.25).name(),
            "sel_text": palette.color(QPalette.ColorRole.HighlightedText).name()}


def sidebar_style_sheet(palette: QPalette, font: QFont, *, calm: bool = True) -> str:
    """The sidebar's own small style sheet (set on the sidebar alone, not on the application:
    an application sheet is re-applied to every widget a page builds, #14)."""
    base = font.pointSizeF() if font.pointSizeF() > 0 else 10.0
    c = _sidebar_colours(palette, calm)
    return f"""
QListWidget#sidebar {{
    background: {c["bg"]}; color: {c["text"]}; border: none; font-size: {base * 1.15:.1f}pt;
    padding-top: 8px;
}}
QListWidget#sidebar:focus {{ border: 2px solid {c["mark"]}; }}
QListWidget#sidebar::item {{ padding: 10px 14px; border-left: 3px solid transparent; }}
QListWidget#sidebar::item:selected {{
    background: {c["sel"]}; color: {c["sel_text"]}; border-left: 3px solid {c["mark"]};
}}
QListWidget#sidebar::item:hover:!selected {{ background: {c["hover"]}; }}
QLabel#sidebarTitle {{
    background: {c["bg"]}; color: {c["text"]}; font-size: {base * 1.3:.1f}pt; font-weight: 600;
    padding: 16px 14px 2px 14px;
}}
QLabel#sidebarGroup {{ background: {c["bg"]}; color: {c["group"]}; padding: 0 14px 10px 14px; }}
"""


def look_for(palette: QPalette, font: QFont, *, calm: bool = True) -> Look:
    """Page titles, secondary text, tables, headers and the primary button: colours from the
    palette, sizes from the font (what the application style sheet said before #14)."""
    window = palette.color(QPalette.ColorRole.Window)
    highlight = palette.color(QPalette.ColorRole.Highlight)
    button = palette.color(QPalette.ColorRole.Button)
    return Look(
        base_pt=font.pointSizeF() if font.pointSizeF() > 0 else 10.0,
        subtle=muted(palette),
        empty_title=QColor("#3c4a44") if calm else palette.color(QPalette.ColorRole.WindowText),
        grid=QColor("#e3e7e5") if calm else blend(palette.color(QPalette.ColorRole.Text), window, 0.3),
        highlight=highlight,
        highlighted_text=palette.color(QPalette.ColorRole.HighlightedText),
        focus=QColor("#1b5fbf") if calm else palette.color(QPalette.ColorRole.WindowText),
        hover=blend(highlight, window, 0.85),
        button=button,
        button_muted=muted(palette, QPalette.ColorRole.Button),
    )


def is_calm(app: QApplication) -> bool:
    """The calm light look applies: an ordinary light palette, no high-contrast setting."""
    return not is_dark(app.palette()) and not wants_high_contrast(app)


def sidebar_sheet_for(app: QApplication | None = None) -> str:
    """The sidebar's sheet for the application's palette and font now."""
    app = app or QApplication.instance()
    if app is None:
        return ""
    return sidebar_style_sheet(app.palette(), app.font(), calm=is_calm(app))


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
    style = AccessibleStyle("Fusion")
    app.setStyle(style)
    palette = app.palette()
    calm = is_calm(app)
    if calm:
        palette = calm_palette(palette)
        app.setPalette(palette)
    style.look = look_for(palette, app.font(), calm=calm)
    app.setStyleSheet("")  # no application sheet: the style dresses each widget once (#14)


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
    palette = app.palette()
    base = palette.color(QPalette.ColorRole.Base)
    key = (colour.rgba(), base.rgba())  # a table asks for every painted cell: worked out once
    found = _READABLE.get(key)
    if found is None:
        found = _READABLE[key] = _readable_on(colour, base, is_dark(palette))
    return QColor(found)


_READABLE: dict[tuple[int, int], QColor] = {}


def _readable_on(colour: QColor, base: QColor, dark: bool) -> QColor:
    towards = QColor("#ffffff") if dark else QColor("#000000")
    for step in range(11):
        candidate = blend(towards, colour, step / 10)
        if contrast(candidate, base) >= MIN_TEXT_CONTRAST:
            return candidate
    return towards
