"""#20: "Remember this password on this computer" with a system keyring present.

This machine has no keyring service (no Secret Service on D-Bus), so the keyring library
chooses its "fail" backend and the window hides the box. Here a small keyring backend of the
test's own stands in for the system's, through the keyring library's real interface: what
CommunityDesk stores, reads and forgets is what a Windows Credential Manager or macOS Keychain
would be asked for.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from jaraco.classes import properties
from keyring.backend import KeyringBackend
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog
from sqlalchemy import text

from communitydesk.config import Paths
from communitydesk.db.encryption import is_encrypted, key_for, remember_key
from communitydesk.db.engine import Database, open_database
from communitydesk.gui.context import AppContext, DataEvents
from communitydesk.gui.main_window import MainWindow
from communitydesk.gui.privacy.password_dialogs import EnterPasswordDialog, open_asking_password
from communitydesk.services.backups.file_password import set_password
from communitydesk.services.core.credentials import SERVICE, keyring_available
from communitydesk.services.members.records import add_member

PASSWORD = "correct horse"


class _SystemKeyring(KeyringBackend):
    """Keeps passwords in memory for the test, as the system's keyring keeps them on disk."""

    @properties.classproperty
    def priority(cls) -> float:  # noqa: N805 - keyring's class property
        """Never chosen by keyring itself (not viable): only where a test sets it."""
        raise RuntimeError("a test's keyring, set explicitly")

    def __init__(self) -> None:
        super().__init__()
        self.kept: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.kept.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.kept[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.kept.pop((service, username), None)


@pytest.fixture
def system_keyring() -> Iterator[_SystemKeyring]:
    before = keyring.get_keyring()
    ring = _SystemKeyring()
    keyring.set_keyring(ring)
    try:
        yield ring
    finally:
        keyring.set_keyring(before)


def _window(qtbot, db: Database, paths: Paths) -> MainWindow:  # noqa: ANN001 - qtbot
    settings = QSettings(str(paths.gui_settings_file), QSettings.Format.IniFormat)
    window = MainWindow(AppContext(paths=paths, db=db, gui_settings=settings, events=DataEvents()))
    qtbot.addWidget(window)
    return window


def _remembered(ring: _SystemKeyring, path: Path) -> str | None:
    return next((p for (service, key), p in ring.kept.items()
                 if service == SERVICE and key.endswith(str(path.resolve()))), None)


def _set_with_remember(window: MainWindow) -> None:
    """File → Set a password…, with "Remember" ticked, as a person would."""
    dialog = window.password_dialog("set")
    assert dialog.remember.isVisibleTo(dialog)  # offered: there is a keyring to keep it in
    dialog.new.setText(PASSWORD)
    dialog.repeat.setText(PASSWORD)
    dialog.remember.setChecked(True)
    dialog.ok.click()
    dialog.operation.wait()
    window.ctx.ops.wait_idle()


def test_a_password_set_with_remember_is_kept_in_the_keyring_and_opens_the_file_next_time(
        qtbot, db: Database, paths: Paths, system_keyring: _SystemKeyring, monkeypatch) -> None:  # noqa: ANN001
    assert keyring_available()
    with db.session() as s:
        add_member(s, first_name="Ama", last_name="Owusu")
    window = _window(qtbot, db, paths)
    window.show()
    window.wait_until_loaded()
    _set_with_remember(window)
    assert is_encrypted(db.sqlite_path)
    assert _remembered(system_keyring, db.sqlite_path) == PASSWORD
    path = db.sqlite_path
    window.close()
    db.dispose()

    remember_key(path, None)  # a new start of the program: only the keyring knows the password
    asked: list[EnterPasswordDialog] = []
    monkeypatch.setattr(EnterPasswordDialog, "exec", lambda self: asked.append(self) or 0)
    opened = open_asking_password(None, str(path), lambda: open_database(str(path), backups_dir=paths.backups_dir))
    assert opened is not None and asked == []  # no password asked: the keyring's opened it
    with opened.session() as s:
        assert s.execute(text("select count(*) from members")).scalar() == 1
    opened.dispose()


def test_removing_the_password_forgets_the_remembered_one(
        qtbot, db: Database, paths: Paths, system_keyring: _SystemKeyring) -> None:  # noqa: ANN001
    window = _window(qtbot, db, paths)
    window.wait_until_loaded()
    _set_with_remember(window)
    assert _remembered(system_keyring, db.sqlite_path) == PASSWORD
    dialog = window.password_dialog("remove")
    assert not dialog.remember.isVisibleTo(dialog)  # nothing to remember for a plain file
    dialog.current.setText(PASSWORD)
    dialog.ok.click()
    dialog.operation.wait()
    window.ctx.ops.wait_idle()
    assert not is_encrypted(db.sqlite_path)
    assert _remembered(system_keyring, db.sqlite_path) is None
    window.close()


def test_a_password_typed_with_remember_is_kept_and_a_wrong_remembered_one_is_asked_again(
        qtbot, tmp_path: Path, paths: Paths, system_keyring: _SystemKeyring, monkeypatch) -> None:  # noqa: ANN001

    path = tmp_path / "private.sqlite3"
    db = open_database(str(path), backups_dir=paths.backups_dir)
    set_password(db, PASSWORD)
    db.dispose()
    remember_key(path, None)
    dialog = EnterPasswordDialog(path)
    qtbot.addWidget(dialog)
    assert dialog.remember.isVisibleTo(dialog)
    dialog.password.setText(PASSWORD)
    dialog.remember.setChecked(True)
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert _remembered(system_keyring, path) == PASSWORD and key_for(path)

    # The file's password changed elsewhere: the remembered one no longer opens it, so it is asked.
    remember_key(path, None)
    for (service, key) in list(system_keyring.kept):
        system_keyring.kept[(service, key)] = "an old password"
    asked: list[bool] = []

    def attempt() -> Database:
        return open_database(str(path), backups_dir=paths.backups_dir)

    def typed(self: EnterPasswordDialog) -> int:  # the person at the modal dialog
        asked.append(True)
        self.password.setText(PASSWORD)
        self.accept()
        return int(self.result())

    monkeypatch.setattr(EnterPasswordDialog, "exec", typed)
    opened = open_asking_password(None, str(path), attempt)
    assert opened is not None and asked == [True]
    opened.dispose()
