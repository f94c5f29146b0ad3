"""File → Connect to shared database…: PostgreSQL details, the password kept in the keyring or .pgpass.

A failed connection keeps everything typed in the form and says why, so the
person can fix one field and try again.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from communitydesk.errors import UserError
from communitydesk.services.credentials import ServerDetails, save_password


class ConnectDialog(QDialog):
    """``connect(url_with_password, saved_url)`` does the work; a UserError stays in the dialog."""

    def __init__(self, connect: Callable[[str, str], None], *, initial: ServerDetails | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._connect = connect
        self.setWindowTitle("Connect to shared database")
        self.host = QLineEdit(placeholderText="e.g. db.example.org")
        self.port = QSpinBox(minimum=1, maximum=65535, value=5432)
        self.database = QLineEdit(placeholderText="e.g. tenants")
        self.user = QLineEdit()
        self.password = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.remember = QCheckBox("Remember the password (system keyring, or ~/.pgpass)")
        self.remember.setChecked(True)
        if initial is not None:
            self.host.setText(initial.host)
            self.port.setValue(initial.port)
            self.database.setText(initial.database)
            self.user.setText(initial.user)
        form = QFormLayout()
        form.addRow("Server", self.host)
        form.addRow("Port", self.port)
        form.addRow("Database", self.database)
        form.addRow("User", self.user)
        form.addRow("Password", self.password)
        form.addRow("", self.remember)
        self.message = QLabel("Several people can work on a shared PostgreSQL database at once; "
                              "the password is never stored in the settings file.")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Connect")
        self.buttons.accepted.connect(self.try_connect)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(480, 300)

    def server(self) -> ServerDetails:
        return ServerDetails(host=self.host.text().strip(), port=self.port.value(),
                             database=self.database.text().strip(), user=self.user.text().strip())

    def try_connect(self) -> bool:
        server = self.server()
        missing = [name for name, value in (("server", server.host), ("database", server.database),
                                            ("user", server.user)) if not value]
        if missing:
            self.message.setText(f"Please fill in: {', '.join(missing)}.")
            return False
        password = self.password.text() or None
        try:
            self._connect(server.url(password), server.url())
        except UserError as exc:
            self.message.setText(f"<b>Could not connect.</b> {exc}")
            return False  # the form keeps everything typed
        if password and self.remember.isChecked():
            save_password(server, password)
        self.accept()
        return True
