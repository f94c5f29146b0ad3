"""Every page and dialog at 200 %: QT_SCALE_FACTOR=2, a 20 pt font, a 683x384 logical screen
(1366x768 / 2). Saves a PNG of each and lists what is clipped (issue #19, item 3).

    python -m tests.gui.accessibility.large_text OUT_DIR [SCREEN ...] [--check] [--sideways]

Runs in its own process (the scale factor is read when Qt starts); offscreen unless
QT_QPA_PLATFORM says otherwise (under xvfb-run: QT_QPA_PLATFORM=xcb). --check exits 1 when
something is clipped. A scroll area that scrolls sideways counts as clipped on the screens in
``NO_SIDEWAYS_SCROLL`` (on every screen with --sideways, to list what is left to fix).
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["QT_SCALE_FACTOR"] = os.environ.get("QT_SCALE_FACTOR", "2")
os.environ.setdefault("COMMUNITYDESK_STRICT_READS", "1")

from PySide6.QtCore import QLocale, QSize  # noqa: E402
from PySide6.QtGui import QFont  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QAbstractButton,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QWidget,
)

# Screens made to fit the width (#19): their scroll area must never scroll sideways. Most others
# still do at 200 % (run this module with no --check to list them); add each one fixed here.
NO_SIDEWAYS_SCROLL = frozenset({"email people"})

SCREEN = QSize(683, 384)  # logical pixels at 200 % on a 1366x768 laptop
FONT_POINTS = 20


def clipped(top: QWidget, *, sideways_is_clipped: bool = True) -> list[str]:
    """Controls whose text does not fit, a window that cannot shrink to the screen, and a page
    or dialog whose scroll area scrolls sideways (reading a line means scrolling back and forth)."""
    from tests.gui.accessibility.walks import _internal, describe

    problems = []
    need = top.minimumSizeHint().expandedTo(top.minimumSize())
    if need.width() > SCREEN.width() or need.height() > SCREEN.height():
        problems.append(f"needs {need.width()}x{need.height()}, more than the screen's "
                        f"{SCREEN.width()}x{SCREEN.height()}")
    for widget in top.findChildren(QWidget):
        if not widget.isVisibleTo(top) or widget.width() <= 0 or _internal(widget):
            continue
        if sideways_is_clipped and type(widget) is QScrollArea and widget.horizontalScrollBar().isVisibleTo(top):
            problems.append(f"scrolls sideways: {describe(widget.widget())} needs "
                            f"{widget.widget().minimumSizeHint().width()} px of {widget.viewport().width()}")
        hint = widget.minimumSizeHint()
        if isinstance(widget, QLabel) and widget.text() and not widget.wordWrap() and widget.pixmap().isNull():
            if widget.width() + 2 < widget.sizeHint().width() and not widget.toolTip():
                problems.append(f"label cut: {describe(widget)} {widget.text()[:40]!r}")
        elif isinstance(widget, QAbstractButton) and widget.text():
            words = widget.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
            if widget.width() < widget.fontMetrics().horizontalAdvance(words) + 6:
                problems.append(f"button cut: {describe(widget)}")
        elif isinstance(widget, (QLineEdit, QComboBox)) and widget.height() + 2 < hint.height():
            problems.append(f"too short for its text: {describe(widget)}")
    return problems


def main(out: Path, check: bool) -> int:
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    app = QApplication.instance() or QApplication([])
    from communitydesk.gui.collector import MainThreadCollector

    MainThreadCollector(app)  # as the program does: no collection on a worker thread
    font = QFont(app.font())
    font.setPointSize(FONT_POINTS)
    app.setFont(font)
    from communitydesk.gui.theme import apply_theme

    apply_theme(app)
    from communitydesk.config import Paths
    from communitydesk.db.engine import open_database
    from communitydesk.services.demo.fill import fill_demo_data
    from tests.gui.accessibility.screens import SCREENS, build_screen, make_room, settle

    work = Path(tempfile.mkdtemp(prefix="cd-large-"))
    os.environ["COMMUNITYDESK_DATA_DIR"] = str(work / "data")
    os.environ["COMMUNITYDESK_CONFIG_DIR"] = str(work / "config")
    paths = Paths.from_environment()
    db = open_database(str(work / "demo.sqlite3"), backups_dir=paths.backups_dir)
    with db.session() as s:
        fill_demo_data(s, seed=7, today=date(2026, 6, 15))
    out.mkdir(parents=True, exist_ok=True)
    found: list[str] = []
    only = [a for a in sys.argv[2:] if not a.startswith("--")]
    for name in SCREENS:
        if only and name not in only:
            continue
        room = make_room(db, paths)
        if name.startswith("page:"):  # a page as the user sees it: inside the main window
            widget = build_screen("main window", room)
            widget.show()
            widget.show_page(name.removeprefix("page:"))
        else:
            widget = build_screen(name, room)
            widget.show()
        widget.resize(SCREEN)
        settle(widget, room)
        app.processEvents()  # what the loads delivered, then the layouts that asked for room after it:
        QApplication.sendPostedEvents()  # measured before those, a dialog passed or failed by timing
        widget.resize(SCREEN)
        app.processEvents()
        widget.grab().save(str(out / f"{name.replace(':', '-').replace(' ', '-')}.png"))
        found += [f"{name}: {p}" for p in clipped(widget, sideways_is_clipped=name in NO_SIDEWAYS_SCROLL
                                                 or "--sideways" in sys.argv)]
        widget.close()
        widget.deleteLater()
    print("\n".join(found) or "nothing clipped")
    db.dispose()
    return 1 if check and found else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), "--check" in sys.argv))
