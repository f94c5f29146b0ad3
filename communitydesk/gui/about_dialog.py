"""Help → About: what this is, which version, its licence, and where the group's data lives.

Where the data lives is the question a volunteer asks when moving to a new laptop
or making a copy for safe keeping, so the folders are shown with a button that
opens them in the file manager.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QIcon, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from communitydesk import APP_NAME, __version__
from communitydesk.config import Paths
from communitydesk.i18n import N_, _

LICENCE = N_("GNU General Public License, version 3 or later")
FONT_LICENCE = N_("DejaVu fonts: Bitstream Vera and Arev licences (free to use and share)")


def app_icon() -> QIcon:
    """The application icon at every size the desktop may ask for."""
    icon = QIcon()
    folder = Path(str(files("communitydesk") / "resources" / "icons"))  # no ReportLab at start-up
    for png in sorted(folder.glob("communitydesk-*.png")):
        icon.addFile(str(png))
    return icon


class AboutDialog(QDialog):
    def __init__(self, *, paths: Paths, database: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("About {app}").format(app=APP_NAME))
        logo = QLabel()
        logo.setPixmap(app_icon().pixmap(96, 96))
        version = _("Version {version}").format(version=__version__)
        what = _("Members, meetings, minutes, attendance and one-to-ones for small volunteer "
                 "groups: offline, on your own computer.")
        title = QLabel(f"<h2>{APP_NAME}</h2><p>{version}</p><p>{what}</p>")
        title.setWordWrap(True)
        head = QHBoxLayout()
        head.addWidget(logo)
        head.addWidget(title, 1)

        self.data_folder = paths.data_dir
        form = QFormLayout()
        form.addRow(_("Licence:"), self._wrapped(_(LICENCE)))
        form.addRow(_("Fonts:"), self._wrapped(_(FONT_LICENCE)))
        form.addRow(_("Database:"), self._selectable(database))
        form.addRow(_("Data folder:"), self._selectable(str(paths.data_dir)))
        form.addRow(_("Backups:"), self._selectable(str(paths.backups_dir)))
        form.addRow(_("Settings:"), self._selectable(str(paths.config_dir)))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.open_folder = QPushButton(_("Open data &folder"))
        self.open_folder.setToolTip(_("Show the database and its backups in the file manager"))
        self.open_folder.clicked.connect(self.show_data_folder)
        buttons.addButton(self.open_folder, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    @staticmethod
    def _wrapped(text: str) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        return label

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        """Tall enough for the wrapped text at the width shown: a translation 40% longer
        than the English wraps onto more lines, and a dialog sized before it was shown cut
        the last line off (found by tests/i18n/test_pseudo_locale.py)."""
        super().showEvent(event)
        self.layout().activate()
        self.resize(self.width(), max(self.height(), self.heightForWidth(self.width())))

    @staticmethod
    def _selectable(text: str) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        label.setTextInteractionFlags(label.textInteractionFlags() | label.textInteractionFlags().TextSelectableByMouse)
        return label

    def show_data_folder(self) -> bool:
        self.data_folder.mkdir(parents=True, exist_ok=True)
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.data_folder)))
