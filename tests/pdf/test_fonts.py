"""The bundled Unicode font is found and registered once, as a family."""

from __future__ import annotations

from reportlab.lib.fonts import tt2ps
from reportlab.pdfbase import pdfmetrics

from communitydesk.pdf import fonts
from communitydesk.pdf.fonts import (
    FONT,
    FONT_BOLD,
    FONT_BOLD_ITALIC,
    FONT_ITALIC,
    register_fonts,
    resources_dir,
)


def test_resources_dir_finds_shipped_fonts_and_licence() -> None:
    root = resources_dir()
    assert (root / "fonts" / "DejaVuSans.ttf").is_file()
    assert (root / "fonts" / "DejaVuSans-Bold.ttf").is_file()
    assert "Bitstream" in (root / "fonts" / "LICENSE-DejaVu.txt").read_text(encoding="utf-8")


def test_resources_dir_honours_environment(tmp_path, monkeypatch) -> None:
    (tmp_path / "fonts").mkdir()
    monkeypatch.setenv(fonts.RESOURCES_ENV, str(tmp_path))
    assert resources_dir() == tmp_path


def test_register_fonts_is_idempotent_and_maps_the_family() -> None:
    assert register_fonts() == FONT
    assert register_fonts() == FONT
    registered = set(pdfmetrics.getRegisteredFontNames())
    assert {FONT, FONT_BOLD, FONT_ITALIC, FONT_BOLD_ITALIC} <= registered
    # <b> and <i> inside Paragraph markup resolve through this mapping.
    assert tt2ps(FONT, 1, 0) == FONT_BOLD
    assert tt2ps(FONT, 0, 1) == FONT_ITALIC
    assert tt2ps(FONT, 1, 1) == FONT_BOLD_ITALIC


def test_font_covers_the_scripts_members_use() -> None:
    register_fonts()
    face = pdfmetrics.getFont(FONT).face
    for char in "ŁłŚśŞşİıĞğΓώργοςНатальяŐőĆćÓóëû€":
        assert ord(char) in face.charToGlyph, f"{char!r} missing from {FONT}"


def test_font_path_points_at_a_real_ttf() -> None:
    path = fonts.font_path("DejaVuSans.ttf")
    assert path.is_file()
    assert path.read_bytes()[:4] == b"\x00\x01\x00\x00"  # TrueType outlines, not CFF
