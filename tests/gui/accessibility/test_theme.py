"""The look follows the computer (issue #19): dark and high-contrast palettes are kept, every
colour of the style sheet is readable on the palette in use, sizes follow the system font and
focus is always drawn."""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from communitydesk.gui.theme import MIN_TEXT_CONTRAST, apply_theme, contrast, muted, style_sheet

Role = QPalette.ColorRole


def _palette(window: str, text: str, base: str, highlight: str, highlighted_text: str) -> QPalette:
    palette = QPalette()
    for role, colour in ((Role.Window, window), (Role.WindowText, text), (Role.Base, base), (Role.Text, text),
                         (Role.AlternateBase, base), (Role.Button, window), (Role.ButtonText, text),
                         (Role.Highlight, highlight), (Role.HighlightedText, highlighted_text)):
        palette.setColor(role, QColor(colour))
    return palette


DARK = _palette("#2b2b2b", "#eeeeee", "#1e1e1e", "#3d6fb4", "#ffffff")
HIGH_CONTRAST = _palette("#000000", "#ffffff", "#000000", "#ffff00", "#000000")
LIGHT = _palette("#efefef", "#000000", "#ffffff", "#308cc6", "#ffffff")


@pytest.mark.parametrize("palette", [LIGHT, DARK, HIGH_CONTRAST], ids=["light", "dark", "high-contrast"])
def test_secondary_text_is_readable_on_every_palette(palette: QPalette) -> None:
    assert contrast(muted(palette), palette.color(Role.Window)) >= MIN_TEXT_CONTRAST


@pytest.mark.parametrize("palette", [DARK, HIGH_CONTRAST], ids=["dark", "high-contrast"])
def test_a_dark_or_high_contrast_palette_is_kept(qapp: QApplication, palette: QPalette) -> None:
    qapp.setPalette(palette)
    apply_theme(qapp)
    assert qapp.palette().color(Role.Window) == palette.color(Role.Window)
    assert qapp.palette().color(Role.Highlight) == palette.color(Role.Highlight)
    sheet = qapp.styleSheet()
    window = palette.color(Role.Window)
    for colour in set(re.findall(r"(?<![-\w])color: (#[0-9a-f]{6})", sheet)):
        assert contrast(QColor(colour), window) >= MIN_TEXT_CONTRAST or colour in (
            palette.color(Role.HighlightedText).name(), palette.color(Role.Text).name()), colour
    assert "#23332c" not in sheet  # the light theme's dark-green sidebar is not forced on it


def test_a_light_palette_gets_the_calm_look(qapp: QApplication) -> None:
    qapp.setPalette(LIGHT)
    apply_theme(qapp)
    assert qapp.palette().color(Role.Highlight) == QColor("#2f6f4f")


def test_sizes_follow_the_system_font() -> None:
    small = style_sheet(LIGHT, QFont("Sans", 10))
    large = style_sheet(LIGHT, QFont("Sans", 20))
    assert "px;" not in re.sub(r"(padding|border[-\w]*|border-radius)[^;]*;", "", large)  # no fixed text sizes
    assert "font-size: 16.0pt" in small and "font-size: 32.0pt" in large  # the page title


@pytest.mark.parametrize("palette", [LIGHT, DARK, HIGH_CONTRAST], ids=["light", "dark", "high-contrast"])
def test_focus_is_never_hidden(palette: QPalette) -> None:
    sheet = style_sheet(palette, QFont("Sans", 10), calm=palette is LIGHT)
    assert not re.search(r"outline:\s*(0|none)", sheet)
    assert "QPushButton#primary:focus" in sheet and "QListWidget#sidebar:focus" in sheet


def test_screens_own_style_sheets_follow_a_dark_palette_and_the_font(qapp: QApplication) -> None:
    from communitydesk.gui.one_to_ones.ladder_board import BOARD_STYLE
    from communitydesk.gui.theme import follow_system

    qapp.setPalette(DARK)
    qapp.setFont(QFont("Sans", 20))
    sheet = follow_system(BOARD_STYLE, qapp)
    assert "#ffffff" not in sheet and DARK.color(Role.Base).name() in sheet
    assert "px; font-weight" not in sheet and "font-size: 21.5pt" in sheet  # 14px at 10 pt -> 20 pt
    qapp.setPalette(LIGHT)
    assert "#ffffff" in follow_system(BOARD_STYLE, qapp)  # the light look is left alone


@pytest.mark.parametrize("palette", [LIGHT, DARK, HIGH_CONTRAST], ids=["light", "dark", "high-contrast"])
def test_overdue_red_reads_on_every_palette(qapp: QApplication, palette: QPalette) -> None:
    from communitydesk.gui.one_to_ones.table_models import OVERDUE
    from communitydesk.gui.theme import readable

    qapp.setPalette(palette)
    red = readable(OVERDUE, qapp)
    assert contrast(red, palette.color(Role.Base)) >= MIN_TEXT_CONTRAST
    assert red.red() >= red.green() and red.red() >= red.blue()  # still a red
