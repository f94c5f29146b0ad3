"""Render the application icon's PNGs (16–512 px) from its SVG, and the .ico/.icns the bundles use.

``python installer/make_icons.py`` rewrites the PNGs in communitydesk/resources/icons
(committed, so a checkout has them); ``--bundle-icons DIR`` writes communitydesk.ico and
communitydesk.icns for the Windows and macOS builds (made by the build, not committed).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parents[1] / "communitydesk" / "resources" / "icons"
SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)


def render_pngs() -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(ICONS / "communitydesk.svg"))
    written = []
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        path = ICONS / f"communitydesk-{size}.png"
        image.save(str(path))
        written.append(path)
    return written


def bundle_icons(out: Path) -> list[Path]:
    """communitydesk.ico (Windows) and communitydesk.icns (macOS) from the 512 px PNG (Pillow)."""
    from PIL import Image

    out.mkdir(parents=True, exist_ok=True)
    source = Image.open(ICONS / "communitydesk-512.png")
    ico, icns = out / "communitydesk.ico", out / "communitydesk.icns"
    source.save(ico, sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)])
    source.save(icns)
    return [ico, icns]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bundle-icons", metavar="DIR", type=Path)
    args = parser.parse_args(argv)
    paths = bundle_icons(args.bundle_icons) if args.bundle_icons else render_pngs()
    for path in paths:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
