"""Passwords for the shared PostgreSQL database: in the system keyring, or ~/.pgpass, never in settings.

The URL saved in the GUI settings never carries a password. On connect the
password comes from the keyring (Windows Credential Manager, macOS Keychain,
Secret Service) if one is usable, else libpq finds it in ``~/.pgpass`` (which
we write with owner-only permissions, as libpq requires).
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import URL, make_url

SERVICE = "CommunityDesk"


@dataclass(frozen=True)
class ServerDetails:
    host: str
    port: int
    database: str
    user: str

    def url(self, password: str | None = None) -> str:
        return URL.create("postgresql+psycopg", username=self.user, password=password,
                          host=self.host, port=self.port, database=self.database
                          ).render_as_string(hide_password=False)

    @property
    def key(self) -> str:
        return f"{self.user}@{self.host}:{self.port}/{self.database}"

    @classmethod
    def from_url(cls, url: str) -> ServerDetails:
        u = make_url(url)
        return cls(host=u.host or "localhost", port=u.port or 5432, database=u.database or "",
                   user=u.username or "")


def _keyring():  # noqa: ANN202 - optional dependency
    try:
        import keyring
        from keyring.backends.fail import Keyring as FailKeyring
    except ImportError:
        return None
    try:
        backend = keyring.get_keyring()
    except Exception:  # noqa: BLE001 - a broken keyring setup must not stop the app
        return None
    if isinstance(backend, FailKeyring) or "fail" in type(backend).__module__:
        return None
    return keyring


def pgpass_path() -> Path:
    return Path(os.environ.get("PGPASSFILE") or Path.home() / ".pgpass")


def _pgpass_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace(":", "\\:")


def save_password(server: ServerDetails, password: str) -> str:
    """Store the password; return where ("keyring" or the .pgpass path)."""
    ring = _keyring()
    if ring is not None:
        with contextlib.suppress(Exception):
            ring.set_password(SERVICE, server.key, password)
            return "the system keyring"
    path = pgpass_path()
    prefix = ":".join(_pgpass_escape(v) for v in
                      (server.host, str(server.port), server.database, server.user)) + ":"
    lines = []
    if path.exists():
        lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if not ln.startswith(prefix)]
    lines.append(prefix + _pgpass_escape(password))
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    with contextlib.suppress(OSError):
        os.chmod(path, 0o600)
    return str(path)


def load_password(server: ServerDetails) -> str | None:
    """From the keyring; None lets libpq look in .pgpass by itself."""
    ring = _keyring()
    if ring is None:
        return None
    try:
        return ring.get_password(SERVICE, server.key)
    except Exception:  # noqa: BLE001
        return None


def connect_url(saved_url: str) -> str:
    """The URL to connect with: the saved (password-free) URL plus the keyring password."""
    if not saved_url.startswith("postgresql"):
        return saved_url
    server = ServerDetails.from_url(saved_url)
    password = load_password(server)
    if not password:
        return saved_url
    # keep the saved URL's options (sslmode, sslrootcert: #20) and add the password
    return make_url(saved_url).set(password=password).render_as_string(hide_password=False)


LOCAL_HOSTS = frozenset({"", "localhost", "127.0.0.1", "::1"})


def tls_connect_args(url: str) -> dict[str, str]:
    """#20: a server on another computer is reached over TLS unless the URL says otherwise.

    ``sslmode=require`` by default; ``verify-full`` (the name on the certificate checked
    against the CA file) once a CA file is set (``sslrootcert`` in the remembered URL).
    A URL's own ``sslmode`` or the ``PGSSLMODE`` variable always wins.
    """
    u = make_url(url)
    if u.get_backend_name() != "postgresql" or "sslmode" in u.query or os.environ.get("PGSSLMODE"):
        return {}
    if "sslrootcert" in u.query:
        return {"sslmode": "verify-full"}
    host = u.host or ""
    if host in LOCAL_HOSTS or host.startswith("/"):
        return {}
    return {"sslmode": "require"}


# --- #20: the password of an encrypted SQLite file, remembered only when the person asks ---
def _file_key(path: Path) -> str:
    return f"sqlite-file:{Path(os.path.abspath(path))}"


def keyring_available() -> bool:
    """A system keyring to remember a file's password in (never a plain file instead)."""
    return _keyring() is not None


def save_file_password(path: Path, password: str) -> bool:
    """Remember ``path``'s password in the system keyring; False when there is none."""
    ring = _keyring()
    if ring is None:
        return False
    try:
        ring.set_password(SERVICE, _file_key(path), password)
    except Exception:  # noqa: BLE001 - a locked or broken keyring: the person types it next time
        return False
    return True


def load_file_password(path: Path) -> str | None:
    ring = _keyring()
    if ring is None:
        return None
    try:
        return ring.get_password(SERVICE, _file_key(path))
    except Exception:  # noqa: BLE001
        return None


def forget_file_password(path: Path) -> None:
    ring = _keyring()
    if ring is not None:
        with contextlib.suppress(Exception):
            ring.delete_password(SERVICE, _file_key(path))
