"""Render every sidebar screen on demo data to PNG files (for the README and for review).

``python -m communitydesk.gui.screenshots docs/`` builds a throwaway demo database,
opens the main window offscreen and saves ``screenshot.png`` plus one file per screen.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date
from pathlib import Path


def main(argv: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    out = Path(argv[0] if argv else "docs")
    out.mkdir(parents=True, exist_ok=True)
    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from communitydesk.config import Paths
    from communitydesk.db.engine import open_database
    from communitydesk.gui.collector import MainThreadCollector
    from communitydesk.gui.context import AppContext, DataEvents
    from communitydesk.gui.gui_settings import GuiSettings
    from communitydesk.gui.main_window import MainWindow
    from communitydesk.gui.theme import apply_theme
    from communitydesk.services.demo.fill import fill_demo_data

    def settle(ms: int = 50) -> None:
        """Let results arrive and the window paint."""
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    app = QApplication.instance() or QApplication([])
    MainThreadCollector(app)  # as the program does
    apply_theme(app)
    with tempfile.TemporaryDirectory() as tmp:
        paths = Paths(data_dir=Path(tmp), config_dir=Path(tmp))
        db = open_database(str(Path(tmp) / "demo.sqlite3"), backups_dir=paths.backups_dir)
        ctx = AppContext(paths=paths, db=db, gui_settings=GuiSettings.open(paths.gui_settings_file),
                         events=DataEvents())
        ctx.ops.write(lambda session: fill_demo_data(session, seed=1, today=date(2026, 11, 25)),
                      parent=None).wait()
        window = MainWindow(ctx)
        window.setWindowState(Qt.WindowState.WindowNoState)  # the offscreen screen is small
        window.resize(1280, 800)
        window.show()
        for spec in window.specs:
            window.show_page(spec.key)
            window.wait_until_loaded()
            settle()
            window.grab().save(str(out / f"screen-{spec.key}.png"))
        window.show_page(window.specs[0].key)
        settle()
        window.grab().save(str(out / "screenshot.png"))
        window.close()
        db.dispose()
    print(f"screenshots written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
