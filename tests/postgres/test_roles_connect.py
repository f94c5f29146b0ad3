"""#20: signing in to a shared server over TLS, and plain answers when it fails.

A second throwaway server runs with ``ssl=on`` and a self-signed certificate made here
with ``openssl``; it refuses unencrypted connections and checks passwords.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.engine import URL

from communitydesk.db import roles
from communitydesk.db.engine import open_database
from communitydesk.errors import UserError
from communitydesk.services.core.connection_check import check_server
from communitydesk.services.core.credentials import tls_connect_args
from tests.pg_server import PgServer, _free_port, start_server

pytestmark = pytest.mark.postgres

HBA = """\
local all all trust
hostssl all cd 127.0.0.1/32 trust
hostssl all all 127.0.0.1/32 scram-sha-256
hostnossl all all 127.0.0.1/32 reject
"""


def _make_certificate(folder: Path) -> None:
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
         "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
         "-keyout", str(folder / "server.key"), "-out", str(folder / "server.crt")],
        check=True, capture_output=True, timeout=60)
    os.chmod(folder / "server.key", 0o600)
    if os.geteuid() == 0:
        for name in ("server.key", "server.crt"):
            shutil.chown(folder / name, "postgres")


@pytest.fixture(scope="module", name="tls_server")
def tls_server_fixture() -> Iterator[PgServer]:
    if shutil.which("openssl") is None:
        pytest.skip("no openssl to make a test certificate")
    holder: list[Path] = []

    def prepare(root: Path) -> None:
        _make_certificate(root)
        holder.append(root)

    server = start_server(options=("ssl=on", "ssl_cert_file=../server.crt", "ssl_key_file=../server.key",
                                   "password_encryption=scram-sha-256"), hba=HBA, prepare=prepare)
    yield server
    server.stop()


@pytest.fixture(scope="module", name="group")
def group_fixture(tls_server: PgServer, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """A migrated database on the TLS server, a door login with a password, one with no role."""
    name = "tls_group"
    tls_server.create_database(name)
    backups = tmp_path_factory.mktemp("backups")
    open_database(tls_server.url(name), backups_dir=backups).dispose()
    with psycopg.connect(f"host=127.0.0.1 port={tls_server.port} user=cd dbname={name}",
                         autocommit=True) as conn:
        conn.execute("CREATE ROLE kiosk LOGIN PASSWORD 'right-one'")
        conn.execute("CREATE ROLE stranger LOGIN PASSWORD 'right-one'")
    db = open_database(tls_server.url(name), backups_dir=backups)
    with db.engine.begin() as conn:
        roles.grant(conn, "kiosk", "door")
    db.dispose()
    return {"name": name, "port": tls_server.port, "ca": str(tls_server.root / "server.crt")}


def url(group: dict, user: str, password: str | None = None, host: str = "127.0.0.1", **query: str) -> str:
    return URL.create("postgresql+psycopg", username=user, password=password, host=host,
                      port=group["port"], database=group["name"], query=query
                      ).render_as_string(hide_password=False)


def test_a_door_login_signs_in_over_verified_tls_and_learns_its_role(group: dict) -> None:
    checked = check_server(url(group, "kiosk", "right-one", host="localhost", sslrootcert=group["ca"]))
    assert checked.roles == ("door",)
    assert checked.role_text == "door"


def test_wrong_password_is_said_plainly(group: dict) -> None:
    with pytest.raises(UserError, match=r"^wrong password for kiosk on 127\.0\.0\.1"):
        check_server(url(group, "kiosk", "wrong-one"))


def test_a_server_that_requires_tls_says_so(group: dict) -> None:
    with pytest.raises(UserError, match="only accepts encrypted \\(TLS\\) connections"):
        check_server(url(group, "kiosk", "right-one", sslmode="disable"))


def test_a_certificate_for_another_name_is_refused(group: dict, tmp_path: Path) -> None:
    _make_certificate(tmp_path)  # a different self-signed certificate: not the server's CA
    with pytest.raises(UserError, match="could not prove who it is"):
        check_server(url(group, "kiosk", "right-one", host="localhost", sslrootcert=str(tmp_path / "server.crt")))


def test_a_login_without_a_role_is_told_to_ask_the_admin(group: dict) -> None:
    with pytest.raises(UserError, match=r"the login stranger has no role on tls_group yet.*db grant stranger"):
        check_server(url(group, "stranger", "right-one"))


def test_an_unreachable_server_is_said_plainly(group: dict) -> None:
    closed = dict(group, port=_free_port())
    with pytest.raises(UserError, match="cannot reach the server 127.0.0.1"):
        check_server(url(closed, "kiosk", "right-one"))


def test_remote_servers_default_to_tls() -> None:
    assert tls_connect_args("postgresql+psycopg://a@db.example.org/g") == {"sslmode": "require"}
    assert tls_connect_args("postgresql+psycopg://a@db.example.org/g?sslrootcert=/ca.pem") == {
        "sslmode": "verify-full"}
    assert tls_connect_args("postgresql+psycopg://a@db.example.org/g?sslmode=disable") == {}
    assert tls_connect_args("postgresql+psycopg://a@127.0.0.1/g") == {}
    assert tls_connect_args("sqlite:///x.sqlite3") == {}
