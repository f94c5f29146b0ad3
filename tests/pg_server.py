"""A real, throwaway PostgreSQL server for the tests (no Docker, no mocks).

Started once per test session from Debian's server binaries; each test gets a
fresh database in it. Without server binaries the PostgreSQL tests skip on a
developer's laptop, but fail when COMMUNITYDESK_REQUIRE_POSTGRES is set (CI).
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def find_pg_bin() -> Path | None:
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: [int(x) for x in p.split("/")[4].split(".") if x.isdigit()])
    for path in reversed(candidates):
        if Path(path, "initdb").exists():
            return Path(path)
    found = shutil.which("initdb")
    return Path(found).parent if found else None


@dataclass
class PgServer:
    bin_dir: Path
    root: Path
    port: int
    as_user: list[str]
    options: tuple[str, ...] = ()  # extra `-c name=value` settings (e.g. ssl=on)
    hba: str | None = None  # a pg_hba.conf to use instead of initdb's trust-all

    @property
    def admin_url(self) -> str:
        return f"postgresql+psycopg://cd@127.0.0.1:{self.port}/postgres"

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://cd@127.0.0.1:{self.port}/{database}"

    def _run(self, *args: str) -> None:
        subprocess.run([*self.as_user, *args], check=True, capture_output=True, timeout=120)

    def start(self) -> None:
        data = self.root / "data"
        self._run(str(self.bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "cd", "-E", "UTF8")
        if self.hba is not None:
            (data / "pg_hba.conf").write_text(self.hba, encoding="utf-8")
        extra = "".join(f" -c {option}" for option in self.options)
        self._run(
            str(self.bin_dir / "pg_ctl"), "-D", str(data), "-l", str(self.root / "log"),
            "-o", f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off{extra}",
            "-w", "start",
        )

    def stop(self) -> None:
        """Stop the server and remove its folder: a run leaves nothing behind.

        Each server's data grows past a gigabyte over a whole run; left in /tmp they
        filled a CI machine's disk and every later test failed.
        """
        subprocess.run(
            [*self.as_user, str(self.bin_dir / "pg_ctl"), "-D", str(self.root / "data"), "-m", "fast", "stop"],
            capture_output=True, timeout=60,
        )
        shutil.rmtree(self.root, ignore_errors=True)

    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=cd dbname=postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def drop_database(self, name: str) -> None:
        """Drop a test's database once the test is done (its connections closed first)."""
        import psycopg

        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=cd dbname=postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def start_server(*, options: tuple[str, ...] = (), hba: str | None = None,
                 prepare: Callable[[Path], None] | None = None) -> PgServer:
    bin_dir = find_pg_bin()
    if bin_dir is None:
        message = "no PostgreSQL server binaries (apt-get install postgresql)"
        if os.environ.get("COMMUNITYDESK_REQUIRE_POSTGRES"):
            pytest.fail(message + " but COMMUNITYDESK_REQUIRE_POSTGRES is set", pytrace=False)
        pytest.skip(message)
    root = Path(tempfile.mkdtemp(prefix="cd-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
        os.chmod(root, 0o755)
        as_user = ["runuser", "-u", "postgres", "--"]
    if prepare is not None:  # e.g. put a certificate in the server's folder before it starts
        prepare(root)
    server = PgServer(bin_dir=bin_dir, root=root, port=_free_port(), as_user=as_user, options=options, hba=hba)
    server.start()
    return server
