"""Help → About says the version, the licence and where the data is, with the app's icon."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from communitydesk import __version__
from communitydesk.config import Paths
from communitydesk.gui.about_dialog import AboutDialog, app_icon


def test_about_names_version_licence_and_data_folder(qtbot, paths: Paths) -> None:
    dialog = AboutDialog(paths=paths, database=str(paths.data_dir / "group.sqlite3"))
    qtbot.addWidget(dialog)
    text = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert f"Version {__version__}" in text
    assert "GNU General Public License" in text
    assert str(paths.data_dir) in text and str(paths.backups_dir) in text
    assert "group.sqlite3" in text


def test_the_icon_has_every_size_a_desktop_asks_for(qtbot) -> None:
    icon = app_icon()
    sizes = {size.width() for size in icon.availableSizes()}
    assert {16, 32, 48, 256, 512} <= sizes
