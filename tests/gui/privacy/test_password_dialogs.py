"""#20 item 5 in the window: the password asked when opening an encrypted file, and Set/Change/Remove."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from communitydesk.config import Paths
from communitydesk.db.encryption import is_encrypted, remember_key
from communitydesk.db.engine import Database, open_database
from communitydesk.gui.context import AppContext, DataEvents
from communitydesk.gui.main_window import MainWindow
from communitydesk.gui.privacy.open_guard import open_guarded
from communitydesk.gui.privacy.password_dialogs import (
    EnterPasswordDialog,
    PasswordDialog,
    open_asking_password,
)
from communitydesk.services.backups.file_password import set_password
from communitydesk.services.members.records import add_member

PASSWORD = "correct horse"
SHOTS = os.environ.get("COMMUNITYDESK_SHOTS")  # a folder: save screenshots there to look at


def make_window(qtbot, db: Database, paths: Paths) -> MainWindow:
    settings = QSettings(str(paths.gui_settings_file), QSettings.Format.IniFormat)
    window = MainWindow(AppContext(paths=paths, db=db, gui_settings=settings, events=DataEvents()))
    qtbot.addWidget(window)
    return window


@pytest.fixture
def locked_file(tmp_path: Path, paths: Paths) -> Path:
    """An encrypted database with one member; this process does not know its password."""
    path = tmp_path / "private.sqlite3"
    db = open_database(str(path), backups_dir=paths.backups_dir)
    with db.session() as s:
        add_member(s, first_name="Ama", last_name="Owusu")
    set_password(db, PASSWORD)
    db.dispose()
    remember_key(path, None)
    return path


def _answer(typed: list[str], seen: list[str]) -> None:
    """Type each password into the modal dialog as it comes up; record what it said."""

    def step() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, EnterPasswordDialog):
            QTimer.singleShot(20, step)
            return
        seen.append(dialog.problem.text() if dialog.problem.isVisibleTo(dialog) else "")
        if SHOTS and len(seen) == 2:
            dialog.grab().save(f"{SHOTS}/enter-password-wrong.png")
        if not typed:
            dialog.reject()
            return
        dialog.password.setText(typed.pop(0))
        dialog.buttons.button(dialog.buttons.StandardButton.Open).click()
        if typed:  # a wrong one first: the dialog stays, asking again
            QTimer.singleShot(20, step)

    QTimer.singleShot(0, step)


def test_start_up_asks_for_the_password_and_says_when_it_is_wrong(qtbot, locked_file: Path, paths: Paths) -> None:
    seen: list[str] = []
    _answer(["not it", PASSWORD], seen)
    guard = open_asking_password(None, str(locked_file), lambda: open_guarded(str(locked_file), paths))
    try:
        assert guard is not None
        assert seen[:2] == ["", "That password does not open this file."]
        with guard.db.session() as s:
            assert s.execute(__import__("sqlalchemy").text("SELECT last_name FROM members")).scalar() == "Owusu"
    finally:
        guard.close()


def test_cancel_at_the_password_opens_nothing(qtbot, locked_file: Path, paths: Paths) -> None:
    seen: list[str] = []
    _answer([], seen)
    assert open_asking_password(None, str(locked_file), lambda: open_guarded(str(locked_file), paths)) is None
    assert seen == [""]


def test_file_open_of_an_encrypted_file_asks_for_its_password(qtbot, db: Database, locked_file: Path,
                                                              paths: Paths) -> None:
    window = make_window(qtbot, db, paths)
    window.wait_until_loaded()
    seen: list[str] = []
    _answer([PASSWORD], seen)
    assert window.switch_database(str(locked_file))
    assert window.ctx.db.sqlite_path == locked_file and window.ctx.db.encrypted
    window.wait_until_loaded()
    assert window.pages["members"].model.rowCount() == 1
    window.file_menu.aboutToShow.emit()  # the items say what applies each time the menu opens
    assert window.password_actions["change"].isVisible() and not window.password_actions["set"].isVisible()
    window.close()


def test_set_a_password_from_the_file_menu(qtbot, db: Database, paths: Paths) -> None:
    with db.session() as s:
        add_member(s, first_name="Ama", last_name="Owusu")
    window = make_window(qtbot, db, paths)
    window.show()
    window.wait_until_loaded()
    assert window.password_actions["set"].isVisible() and not window.password_actions["remove"].isVisible()
    window.password_actions["set"].trigger()
    dialog = next(w for w in window.findChildren(PasswordDialog) if w.isVisible())
    assert not dialog.current.isVisibleTo(dialog)  # nothing to type for a plain file
    qtbot.keyClicks(dialog.new, PASSWORD)
    qtbot.keyClicks(dialog.repeat, "something else")
    dialog.ok.click()
    assert dialog.problem.text() == "The two new passwords differ; type the same one twice."
    assert dialog.operation is None and not is_encrypted(db.sqlite_path)
    if SHOTS:
        for w, h in ((1366, 768), (1024, 640)):
            window.resize(w, h)
            dialog.grab().save(f"{SHOTS}/set-password-{w}.png")
    dialog.repeat.setText(PASSWORD)
    dialog.ok.click()
    assert dialog.operation is not None
    dialog.operation.wait()
    window.ctx.ops.wait_idle()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert is_encrypted(db.sqlite_path) and b"Owusu" not in db.sqlite_path.read_bytes()
    assert "encrypted" in window.statusBar().currentMessage()
    window.wait_until_loaded()
    window._rebuild_pages()  # the window goes on working on the re-written file
    window.wait_until_loaded()
    assert window.pages["members"].model.rowCount() == 1
    window.file_menu.aboutToShow.emit()
    assert window.password_actions["remove"].isVisible() and not window.password_actions["set"].isVisible()
    window.close()


def test_remove_password_checks_the_current_one_in_the_dialog(qtbot, db: Database, paths: Paths) -> None:
    set_password(db, PASSWORD)
    window = make_window(qtbot, db, paths)
    window.wait_until_loaded()
    dialog = window.password_dialog("remove")
    qtbot.keyClicks(dialog.current, "wrong one")
    dialog.ok.click()
    assert dialog.problem.text() == "That password does not open this file." and dialog.operation is None
    dialog.current.setText(PASSWORD)
    dialog.ok.click()
    dialog.operation.wait()
    window.ctx.ops.wait_idle()
    assert not is_encrypted(db.sqlite_path)
    window.close()


def test_restore_of_a_backup_under_an_old_password_asks_for_it(qtbot, db: Database, paths: Paths,
                                                              monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    from communitydesk.services.backups.file_password import change_password

    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda _p, title, *_a, **_k: told.append(title)))

    with db.session() as s:
        add_member(s, first_name="Ama", last_name="Owusu")
    set_password(db, PASSWORD)
    old_backup = db.backup(reason="manual")
    change_password(db, PASSWORD, "battery staple")
    with db.session() as s:
        add_member(s, first_name="Later", last_name="Addition")
    window = make_window(qtbot, db, paths)
    window.wait_until_loaded()
    seen: list[str] = []
    _answer([PASSWORD], seen)
    op = window.restore_from(old_backup)
    assert op is not None and seen == [""]
    op.wait()
    window.ctx.ops.wait_idle()
    window.wait_until_loaded()
    assert window.pages["members"].model.rowCount() == 1
    assert told == ["Restored"]
    assert db.password == "battery staple"  # the open file keeps its current password
    window.close()
