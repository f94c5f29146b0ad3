"""#20 item 5: the password of an encrypted database file, in the window.

- ``EnterPasswordDialog``: asked when an encrypted file is opened (start-up, File ▸ Open);
  a wrong password is said in the dialog, which stays open with the text selected.
- ``PasswordDialog``: File ▸ Set a password… / Change password… / Remove password…;
  the re-encryption runs through the operation runner (a big file takes a while).
- "Remember on this computer" keeps the password in the system keyring only
  (``services/core/credentials``); without a keyring the box is not offered.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from communitydesk.config import sqlite_file
from communitydesk.db.encryption import (
    PasswordNeeded,
    WrongPassword,
    check_password,
    is_encrypted,
    key_for,
    remember_key,
    wrong_password_text,
)
from communitydesk.errors import UserError
from communitydesk.i18n import _
from communitydesk.services.core.credentials import (
    forget_file_password,
    keyring_available,
    load_file_password,
    save_file_password,
)

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from communitydesk.gui.context import AppContext
    from communitydesk.gui.operations import Operation
    from communitydesk.services.backups.file_password import PasswordChange

T = TypeVar("T")
MODES = ("set", "change", "remove")


def _password_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setObjectName(name)
    field.setMinimumWidth(260)
    return field


def _remember_box() -> QCheckBox:
    box = QCheckBox(_("&Remember on this computer"))
    box.setObjectName("remember")
    box.setToolTip(_("Keeps the password in this computer's keyring, so the database opens without "
                     "asking. Anyone who can use your account here can then open it."))
    box.setVisible(keyring_available())
    return box


def _problem_label() -> QLabel:
    label = QLabel()
    label.setObjectName("problem")
    label.setWordWrap(True)
    label.setStyleSheet("color: palette(bright-text); background: #b3261e; padding: 4px; border-radius: 3px;")
    label.hide()
    return label


class _PasswordForm(QDialog):
    """What both password dialogs share: their column of widgets and the problem said in it."""

    remember: QCheckBox
    problem: QLabel
    buttons: QDialogButtonBox

    def _lay_out(self, intro: QLabel, form: QFormLayout) -> None:
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.remember)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

    def _say(self, text: str, field: QLineEdit | None = None) -> None:
        self.problem.setText(text)
        self.problem.show()
        if field is not None:
            field.selectAll()
            field.setFocus()


class EnterPasswordDialog(_PasswordForm):
    """Ask for the password of ``path``; accepted only once the password opens the file."""

    def __init__(self, path: Path, parent: QWidget | None = None, *, wrong: bool = False,
                 offer_remember: bool = True) -> None:
        super().__init__(parent)
        self.path = path
        self.setWindowTitle(_("Enter the password"))
        intro = QLabel(_("<b>{name}</b> is protected by a password.<br>Enter it to open the database.")
                       .format(name=path.name))
        intro.setToolTip(str(path))
        intro.setWordWrap(True)
        self.password = _password_field("password")
        self.remember = _remember_box()
        self.remember.setVisible(offer_remember and keyring_available())
        self.problem = _problem_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open
                                        | QDialogButtonBox.StandardButton.Cancel)
        form = QFormLayout()
        form.addRow(_("&Password:"), self.password)
        self._lay_out(intro, form)
        if wrong:
            self._say(wrong_password_text())

    def _say(self, text: str, field: QLineEdit | None = None) -> None:
        super()._say(text, field or self.password)

    def accept(self) -> None:
        typed = self.password.text()
        if not typed:
            self._say(_("Type the password, or press Cancel."))
            return
        try:
            check_password(self.path, typed)  # one key derivation: a fraction of a second
        except WrongPassword:
            self._say(wrong_password_text())
            return
        except UserError as exc:
            self._say(str(exc))
            return
        remember_key(self.path, typed)
        if self.remember.isChecked():
            save_file_password(self.path, typed)
        super().accept()


def open_asking_password(parent: QWidget | None, target: str, attempt: Callable[[], T]) -> T | None:
    """``attempt()`` (which opens ``target``), asking for the password while it is needed.

    A password remembered in the keyring is tried first. None: the person pressed Cancel.
    """
    path = sqlite_file(target)
    if path is not None and path.is_file() and is_encrypted(path) and not key_for(path):
        remembered = load_file_password(path)
        if remembered:
            remember_key(path, remembered)
    while True:
        try:
            return attempt()
        except (PasswordNeeded, WrongPassword) as exc:
            remember_key(exc.path, None)
            dialog = EnterPasswordDialog(exc.path, parent, wrong=isinstance(exc, WrongPassword))
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None


def unlock_backup(parent: QWidget | None, backup: Path, db) -> bool:  # noqa: ANN001 - the open Database
    """Before restoring ``backup``: True when it can be read (plain, under the open database's
    password, or the password typed now); False when the person pressed Cancel."""
    if not is_encrypted(backup) or key_for(backup):
        return True
    if db.password:
        try:
            check_password(backup, db.password)
            return True
        except UserError:
            pass
    dialog = EnterPasswordDialog(backup, parent, offer_remember=False)  # typed: kept for this restore
    return dialog.exec() == QDialog.DialogCode.Accepted


class PasswordDialog(_PasswordForm):
    """Set, change or remove the open database file's password (``mode``)."""

    def __init__(self, ctx: AppContext, mode: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        assert mode in MODES
        self.ctx = ctx
        self.mode = mode
        self.operation: Operation | None = None
        self.result_change: PasswordChange | None = None
        path = ctx.db.sqlite_path
        self.setWindowTitle({"set": _("Set a password"), "change": _("Change password"),
                             "remove": _("Remove password")}[mode])
        text = {
            "set": _("The database file will be encrypted: without the password nobody can read it, "
                     "not even with other programs. <b>If the password is lost, the data is lost</b>: "
                     "keep it somewhere safe."),
            "change": _("The file is encrypted again with the new password."),
            "remove": _("The file will be stored without encryption: anyone who gets a copy of it "
                        "can read every member's details."),
        }[mode]
        intro = QLabel(text)
        intro.setWordWrap(True)
        where = QLabel(self.fontMetrics().elidedText(str(path), Qt.TextElideMode.ElideMiddle, 340))
        where.setToolTip(str(path))
        where.setObjectName("file")
        self.current = _password_field("current")
        self.new = _password_field("new")
        self.repeat = _password_field("repeat")
        self.remember = _remember_box()
        self.remember.setVisible(mode != "remove" and keyring_available())
        self.problem = _problem_label()
        form = QFormLayout()
        form.addRow(_("File:"), where)
        if mode in ("change", "remove"):
            form.addRow(_("&Current password:"), self.current)
        if mode in ("set", "change"):
            form.addRow(_("&New password:"), self.new)
            form.addRow(_("&Repeat it:"), self.repeat)
        action = {"set": _("Encrypt"), "change": _("Change password"), "remove": _("Remove password")}[mode]
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.addButton(action, QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setDefault(True)
        self._lay_out(intro, form)
        self.setMinimumWidth(480)

    def accept(self) -> None:
        """Check what was typed here, then re-write the file through the runner."""
        from communitydesk.services.backups.file_password import (
            change_password,
            check_new_password,
            remove_password,
            set_password,
        )

        db = self.ctx.db
        path = db.sqlite_path
        current, new = self.current.text(), self.new.text()
        if self.mode != "set":
            try:
                check_password(path, current)  # type: ignore[arg-type]
            except UserError:
                self._say(wrong_password_text(), self.current)
                return
        if self.mode != "remove":
            try:
                check_new_password(new)
            except UserError as exc:
                self._say(str(exc), self.new)
                return
            if self.repeat.text() != new:
                self._say(_("The two new passwords differ; type the same one twice."), self.repeat)
                return
        jobs = {"set": lambda: set_password(db, new), "change": lambda: change_password(db, current, new),
                "remove": lambda: remove_password(db, current)}
        job = jobs[self.mode]
        remember = self.remember.isVisible() and self.remember.isChecked()
        parent = self.parentWidget()
        if parent is not None and hasattr(parent, "wait_until_loaded"):
            parent.wait_until_loaded()  # no screen may be reading the file being re-written
        self.ok.setEnabled(False)
        self.operation = self.ctx.ops.write(
            lambda _session, _progress: job(), parent=self,
            progress=_("Re-writing the database file…"),
            done=lambda change: self._done(change, remember),
            failed=self._failed)

    def _failed(self, exc: Exception) -> None:
        """A plain reason stays in the dialog (fix and retry); a bug takes the window's one path."""
        from communitydesk.gui.operations import show_problem

        self.ok.setEnabled(True)
        if isinstance(exc, UserError):
            self._say(str(exc))
        else:
            show_problem(self, exc)

    def _done(self, change: PasswordChange, remember: bool) -> None:
        self.result_change = change
        if not change.encrypted:
            forget_file_password(change.path)
        elif remember:
            save_file_password(change.path, self.new.text())
        else:
            forget_file_password(change.path)  # an old remembered password no longer opens it
        window = self.parentWidget()
        bar = getattr(window, "statusBar", None)
        if callable(bar):
            said = {"set": _("The database is now encrypted with its password."),
                    "change": _("The password was changed."),
                    "remove": _("The password was removed; the file is no longer encrypted.")}[self.mode]
            if change.plain_backups:
                said += " " + _("{n} older backups are not encrypted.").format(n=len(change.plain_backups))
            bar().showMessage(said, 10000)
        super().accept()


def _applies(db, mode: str) -> str | None:  # noqa: ANN001 - the open Database
    """Why ``mode`` does not apply to the open database, or None when it does."""
    if not db.is_sqlite:
        return _("A shared database is protected by its server's logins, not by a file password.")
    if db.read_only:
        return _("This database is open read-only ({why}).").format(why=db.read_only_reason)
    if mode == "set" and db.encrypted:
        return _("This database already has a password. Use File ▸ Change password… to change it.")
    if mode != "set" and not db.encrypted:
        return _("This database has no password. Use File ▸ Set a password… to add one.")
    return None


def add_password_actions(window: QWidget, menu: QMenu) -> dict[str, QAction]:
    """File menu items; only those that apply to the open database are shown."""
    from PySide6.QtWidgets import QMessageBox

    ctx: AppContext = window.ctx  # type: ignore[attr-defined]
    titles = {"set": _("Set a &password…"), "change": _("C&hange password…"), "remove": _("Remo&ve password…")}
    actions: dict[str, QAction] = {}

    def show(mode: str) -> PasswordDialog | None:
        why = _applies(ctx.db, mode)
        if why is not None:  # reached by a stale menu or a script: say why, open nothing
            QMessageBox.information(window, titles[mode].replace("&", "").rstrip("…"), why)
            return None
        dialog = PasswordDialog(ctx, mode, window)
        dialog.open()
        return dialog

    for mode, title in titles.items():
        action = menu.addAction(title)
        action.setObjectName(f"password-{mode}")
        action.triggered.connect(lambda _checked=False, m=mode: show(m))
        actions[mode] = action

    def refresh() -> None:
        for mode, action in actions.items():
            action.setVisible(_applies(ctx.db, mode) is None)

    menu.aboutToShow.connect(refresh)
    refresh()
    window.password_dialog = show  # type: ignore[attr-defined] - tests and shortcuts open it by mode
    return actions
