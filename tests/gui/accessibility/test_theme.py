"""The look follows the computer (issue #19): dark and high-contrast palettes are kept, every
colour of the look is readable on the palette in use, sizes follow the system font and
focus is always drawn. There is no application-wide style sheet (#14): the style gives the look."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QStyle, QStyleOptionButton

from communitydesk.gui.theme import (
    MIN_TEXT_CONTRAST,
    apply_theme,
    contrast,
    look_for,
    muted,
    sidebar_style_sheet,
)

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
    window = palette.color(Role.Window)
    look = qapp.style().look
    for colour in (look.subtle, look.empty_title):
        assert contrast(colour, window) >= MIN_TEXT_CONTRAST, colour.name()
    sheet = sidebar_style_sheet(palette, qapp.font(), calm=False)
    for colour in set(re.findall(r"(?<![-\w])color: (#[0-9a-f]{6})", sheet)):
        assert contrast(QColor(colour), window) >= MIN_TEXT_CONTRAST or colour in (
            palette.color(Role.HighlightedText).name(), palette.color(Role.Text).name()), colour
    assert "#23332c" not in sheet  # the light theme's dark-green sidebar is not forced on it


def test_a_light_palette_gets_the_calm_look(qapp: QApplication) -> None:
    qapp.setPalette(LIGHT)
    apply_theme(qapp)
    assert qapp.palette().color(Role.Highlight) == QColor("#2f6f4f")


def test_no_application_style_sheet_the_style_dresses_widgets(qapp: QApplication) -> None:
    """An application sheet is re-applied to every widget a page builds (#14): the look comes
    from the style, once per widget."""
    qapp.setPalette(LIGHT)
    apply_theme(qapp)
    assert qapp.styleSheet() == ""
    title, count = QLabel("Members"), QLabel("showing 3 of 3")
    title.setObjectName("pageTitle")
    count.setObjectName("countLabel")
    for label in (title, count):
        label.ensurePolished()
    base = qapp.font().pointSizeF()
    assert title.font().pointSizeF() == pytest.approx(round(base * 1.6, 1)) and title.font().bold()
    assert count.palette().color(Role.WindowText) == muted(qapp.palette())


def test_sizes_follow_the_system_font() -> None:
    small = look_for(LIGHT, QFont("Sans", 10))
    large = look_for(LIGHT, QFont("Sans", 20))
    title = QLabel("Members")
    title.setObjectName("pageTitle")
    small.dress(title)
    assert title.font().pointSizeF() == 16.0  # the page title
    large.dress(title)
    assert title.font().pointSizeF() == 32.0
    sheet = sidebar_style_sheet(LIGHT, QFont("Sans", 20))
    assert "px;" not in re.sub(r"(padding[-\w]*|border[-\w]*|border-radius)[^;]*;", "", sheet)  # no fixed text sizes
    assert "font-size: 23.0pt" in sheet  # the sidebar's items, 1.15 x 20 pt


def _drawn_primary(palette: QPalette, calm: bool, *, focused: bool) -> QImage:
    from communitydesk.gui.accessible_style import AccessibleStyle

    style = AccessibleStyle("Fusion")
    style.look = look_for(palette, QFont("Sans", 10), calm=calm)
    button = QPushButton("Save")
    button.setObjectName("primary")
    option = QStyleOptionButton()
    option.initFrom(button)
    option.text, option.rect, option.palette = "Save", QRect(0, 0, 80, 30), palette
    option.state = QStyle.StateFlag.State_Enabled | (QStyle.StateFlag.State_HasFocus if focused
                                                    else QStyle.StateFlag.State_None)
    image = QImage(80, 30, QImage.Format.Format_RGB32)
    image.fill(palette.color(Role.Window))
    painter = QPainter(image)
    style.drawControl(QStyle.ControlElement.CE_PushButton, option, painter, button)
    painter.end()
    return image


@pytest.mark.parametrize("palette", [LIGHT, DARK, HIGH_CONTRAST], ids=["light", "dark", "high-contrast"])
def test_focus_is_never_hidden(qapp: QApplication, palette: QPalette) -> None:
    sheet = sidebar_style_sheet(palette, QFont("Sans", 10), calm=palette is LIGHT)
    assert not re.search(r"outline:\s*(0|none)", sheet)
    assert "QListWidget#sidebar:focus" in sheet
    look = look_for(palette, QFont("Sans", 10), calm=palette is LIGHT)
    focused = _drawn_primary(palette, palette is LIGHT, focused=True)
    plain = _drawn_primary(palette, palette is LIGHT, focused=False)
    edge = QColor(focused.pixel(40, 0))  # the primary button's border, top middle
    assert edge == look.focus and QColor(plain.pixel(40, 0)) == look.highlight
    assert QColor(focused.pixel(40, 5)) == look.highlight  # inside: the accent fill


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
