"""File → Connect to shared database…: PostgreSQL details, the password kept in the keyring or .pgpass.

A failed connection keeps everything typed in the form and says why, so the
person can fix one field and try again. The connection is tried off the UI thread
(``check_server`` through the operation runner): an unreachable server can take
many seconds to fail, and the window keeps painting meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.engine import make_url

from communitydesk.errors import UserError
from communitydesk.gui.operations import Operation, OperationRunner, show_problem
from communitydesk.i18n import _
from communitydesk.services.core.connection_check import ServerCheck, check_server
from communitydesk.services.core.credentials import ServerDetails, save_password


def _runner_of(parent: QWidget | None) -> OperationRunner:
    """The window's runner, when the caller did not pass one (the window is the parent)."""
    ctx = getattr(parent, "ctx", None)
    ops = getattr(ctx, "ops", None)
    if not isinstance(ops, OperationRunner):
        raise TypeError("ConnectDialog needs ops= (the window's operation runner) or the window as parent")
    return ops


class ConnectDialog(QDialog):
    """``connect(url_with_password, saved_url)`` switches over once the server has answered
    (tried off the UI thread first); a UserError from either stays in the dialog."""

    def __init__(self, connect: Callable[[str, str], None], *, initial: ServerDetails | None = None,
                 parent: QWidget | None = None, ops: OperationRunner | None = None,
                 initial_url: str | None = None) -> None:
        super().__init__(parent)
        self._connect = connect
        self._ops = ops or _runner_of(parent)
        self.connected: bool | None = None  # the outcome of the last try
        self.setWindowTitle(_("Connect to shared database"))
        self.host = QLineEdit(placeholderText=_("e.g. db.example.org"))
        self.port = QSpinBox(minimum=1, maximum=65535, value=5432)
        self.database = QLineEdit(placeholderText=_("e.g. tenants"))
        self.user = QLineEdit()
        self.password = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.remember = QCheckBox(_("Remember the password (system keyring, or ~/.pgpass)"))
        self.remember.setChecked(True)
        # #20: with the server's CA file the certificate is checked (verify-full); without one a
        # server on another computer is still reached encrypted (sslmode=require)
        self.ca_file = QLineEdit(placeholderText=_("optional: the server's certificate authority (.crt, .pem)"))
        self.ca_file.setAccessibleName(_("CA file"))
        browse = QPushButton(_("B&rowse…"))
        browse.clicked.connect(self._choose_ca_file)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_file, 1)
        ca_row.addWidget(browse)
        self.role: str | None = None  # the login's role, once connected
        if initial is not None:
            self.host.setText(initial.host)
            self.port.setValue(initial.port)
            self.database.setText(initial.database)
            self.user.setText(initial.user)
        if initial_url:
            self.ca_file.setText(str(make_url(initial_url).query.get("sslrootcert", "")))
        form = QFormLayout()
        form.addRow(_("Server"), self.host)
        form.addRow(_("Port"), self.port)
        form.addRow(_("Database"), self.database)
        form.addRow(_("User"), self.user)
        form.addRow(_("Password"), self.password)
        form.addRow("", self.remember)
        form.addRow(_("C&A file:"), ca_row)
        self.message = QLabel(_("Several people can work on a shared PostgreSQL database at once; "
                                "the password is never stored in the settings file."))
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Connect"))
        self.buttons.accepted.connect(self.try_connect)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(520, 330)

    def server(self) -> ServerDetails:
        return ServerDetails(host=self.host.text().strip(), port=self.port.value(),
                             database=self.database.text().strip(), user=self.user.text().strip())

    def _choose_ca_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, _("The server's CA certificate"), "",
                                                    _("Certificates (*.crt *.pem *.cer);;All files (*)"))
        if path:
            self.ca_file.setText(path)

    def _url(self, server: ServerDetails, password: str | None) -> str:
        """The server's URL, with the CA file when one is set (then the certificate is verified)."""
        url = server.url(password)
        ca = self.ca_file.text().strip()
        if not ca:
            return url
        return make_url(url).update_query_dict({"sslrootcert": ca}).render_as_string(hide_password=False)

    def try_connect(self) -> Operation | None:
        """Try the server off the UI thread; ``connected`` says how it went. None: a field is empty."""
        server = self.server()
        missing = [name for name, value in ((_("server"), server.host), (_("database"), server.database),
                                            (_("user"), server.user)) if not value]
        if missing:
            self.message.setText(_("Please fill in: {fields}.").format(fields=", ".join(missing)))
            self.connected = False
            return None
        password = self.password.text() or None
        url = self._url(server, password)
        self.connected = None
        self._set_busy(True)
        self.message.setText(_("Connecting to {server}…").format(server=server.host))
        return self._ops.read(lambda _session: check_server(url), parent=self,
                              done=lambda checked: self._answered(server, password, checked),
                              failed=self._refused)

    def _set_busy(self, busy: bool) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not busy)
        for field in (self.host, self.port, self.database, self.user, self.password):
            field.setReadOnly(busy)

    def _answered(self, server: ServerDetails, password: str | None, checked: ServerCheck | None = None) -> None:
        """The server answered: now the window switches over to it."""
        self._set_busy(False)
        self.role = checked.role_text if isinstance(checked, ServerCheck) else None
        try:
            self._connect(self._url(server, password), self._url(server, None))
        except UserError as exc:
            self._refused(exc)
            return
        if password and self.remember.isChecked():
            save_password(server, password)
        self.connected = True
        self.accept()

    def _refused(self, exc: Exception) -> None:
        self._set_busy(False)
        self.connected = False
        if not isinstance(exc, UserError):
            self.message.clear()
            show_problem(self, exc)
            return
        self.message.setText(_("<b>Could not connect.</b> {reason}").format(reason=exc))  # the form keeps everything typed
