"""Font registration for every CommunityDesk PDF.

ReportLab's built-in fonts (Helvetica, Times) only cover Latin-1, so names such
as "Łukasz", "Şükrü", Greek or Cyrillic print as black boxes.  All documents
therefore use one embedded Unicode TrueType family, DejaVu Sans, shipped in
``communitydesk/resources/fonts`` and registered here under the family name ``CDSans``.
"""

from __future__ import annotations

import os
import threading
from importlib.resources import files
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

__all__ = [
    "FONT",
    "FONT_BOLD",
    "FONT_BOLD_ITALIC",
    "FONT_ITALIC",
    "FontsMissingError",
    "font_path",
    "fonts_dir",
    "register_fonts",
    "resources_dir",
]

#: Family name used by every style and table; ``<b>``/``<i>`` map onto the faces below.
FONT = "CDSans"
FONT_BOLD = "CDSans-Bold"
FONT_ITALIC = "CDSans-Italic"
FONT_BOLD_ITALIC = "CDSans-BoldItalic"

#: Environment variable that points at a resources folder (packagers, tests).
RESOURCES_ENV = "COMMUNITYDESK_RESOURCES"

# face name -> (preferred file, fallback file when the preferred one is absent)
_FACES: dict[str, tuple[str, str]] = {
    FONT: ("DejaVuSans.ttf", "DejaVuSans.ttf"),
    FONT_BOLD: ("DejaVuSans-Bold.ttf", "DejaVuSans.ttf"),
    FONT_ITALIC: ("DejaVuSans-Oblique.ttf", "DejaVuSans.ttf"),
    FONT_BOLD_ITALIC: ("DejaVuSans-BoldOblique.ttf", "DejaVuSans-Bold.ttf"),
}

_registered = False
_lock = threading.Lock()  # the GUI may print from a worker thread


class FontsMissingError(FileNotFoundError):
    """The bundled fonts cannot be found; printing would lose non-Latin names."""


def _candidates() -> list[Path]:
    """Places a ``resources`` folder can be, most specific first."""
    found: list[Path] = []
    env = os.environ.get(RESOURCES_ENV)
    if env:
        found.append(Path(env))
    # Inside the package: a checkout, an installed wheel and a PyInstaller bundle alike.
    found.append(Path(str(files("communitydesk") / "resources")))
    return found


def resources_dir() -> Path:
    """Return the folder holding ``fonts/``, icons and other shipped files.

    They ship inside the package (``communitydesk/resources``), so a checkout, a
    wheel, ``pipx`` and the frozen bundles all find them the same way; a packager
    or a test may point ``$COMMUNITYDESK_RESOURCES`` elsewhere.
    """
    candidates = _candidates()
    for candidate in candidates:
        if (candidate / "fonts").is_dir():
            return candidate
    tried = ", ".join(str(c) for c in candidates)
    raise FontsMissingError(f"resources folder with fonts/ not found (tried: {tried})")


def fonts_dir() -> Path:
    """The folder the shipped DejaVu TTFs are loaded from (never the system's fonts)."""
    return resources_dir() / "fonts"


def font_path(filename: str) -> Path:
    """Absolute path of one font file, e.g. ``font_path("DejaVuSans.ttf")``."""
    return fonts_dir() / filename


def _face_file(folder: Path, face: str) -> Path:
    preferred, fallback = _FACES[face]
    for name in (preferred, fallback):
        path = folder / name
        if path.is_file():
            return path
    raise FontsMissingError(f"font file {preferred} missing from {folder}")


def register_fonts() -> str:
    """Register the ``CDSans`` family with ReportLab once; return the family name.

    Safe to call before every build: later calls are no-ops.  The family mapping
    makes ``<b>``, ``<i>`` and ``<b><i>`` in Paragraph markup pick the right face.
    Missing italic faces fall back to upright ones rather than failing.
    """
    global _registered
    if _registered:
        return FONT
    with _lock:
        if not _registered:
            folder = fonts_dir()
            known = set(pdfmetrics.getRegisteredFontNames())
            for face in _FACES:
                if face not in known:
                    path = _face_file(folder, face)
                    pdfmetrics.registerFont(TTFont(face, str(path)))
            pdfmetrics.registerFontFamily(
                FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC,
                boldItalic=FONT_BOLD_ITALIC,
            )
            _registered = True
    return FONT
