"""#20: the connect dialog signs in over TLS with the CA file, shows the role, and says why not."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from communitydesk.config import Paths
from communitydesk.db.engine import Database, open_database
from communitydesk.gui.context import AppContext, DataEvents
from communitydesk.gui.privacy.connect_dialog import ConnectDialog
from tests.postgres.test_roles_connect import group_fixture, tls_server_fixture  # noqa: F401 - fixtures

pytestmark = pytest.mark.postgres


def dialog_for(qtbot, db: Database, paths: Paths, group: dict, opened: list[str]) -> ConnectDialog:
    settings = QSettings(str(paths.gui_settings_file), QSettings.Format.IniFormat)
    ctx = AppContext(paths=paths, db=db, gui_settings=settings, events=DataEvents())

    def connect(url: str, saved: str) -> None:
        open_database(url, backups_dir=paths.backups_dir).dispose()
        opened.append(saved)

    dialog = ConnectDialog(connect, ops=ctx.ops)
    qtbot.addWidget(dialog)
    dialog.host.setText("localhost")
    dialog.port.setValue(group["port"])
    dialog.database.setText(group["name"])
    dialog.user.setText("kiosk")
    dialog.remember.setChecked(False)
    return dialog


def test_sign_in_with_the_ca_file_shows_the_role(qtbot, db: Database, paths: Paths, group: dict,
                                                 tmp_path: Path) -> None:
    opened: list[str] = []
    dialog = dialog_for(qtbot, db, paths, group, opened)
    dialog.password.setText("wrong-one")
    dialog.ca_file.setText(group["ca"])
    dialog.try_connect().wait()
    assert dialog.connected is False
    assert "wrong password for kiosk" in dialog.message.text()
    dialog.grab().save("/tmp/roles-connect.png")
    dialog.password.setText("right-one")
    dialog.try_connect().wait()
    assert dialog.connected is True and dialog.role == "door"
    assert opened == [f"postgresql+psycopg://kiosk@localhost:{group['port']}/{group['name']}"
                      f"?sslrootcert={group['ca'].replace('/', '%2F')}"]
