"""Shared fixtures. Offscreen Qt is set before any Qt import; nothing touches the user's folders."""

from __future__ import annotations

import contextlib
import gc
import itertools
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("COMMUNITYDESK_STRICT_READS", "1")  # a read through the runner that writes fails
os.environ["LANGUAGE"] = "en"  # the app's words in English whatever the machine's LANG (#19)

from PySide6.QtCore import QLocale  # noqa: E402

# Screens write dates in the user's locale; tests read them in one known locale, whatever
# the machine's LANG (CI has none, and Qt's "C" locale writes 1 May 2024 as "1 05 2024").
QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))

import pytest  # noqa: E402
from hypothesis import settings as hypothesis_settings  # noqa: E402

# CI runs the same generated inputs every time (a red CI blocks a landing); a
# developer's run keeps exploring new ones, which is where new bugs are found.
hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")

from communitydesk.config import Paths  # noqa: E402
from communitydesk.db.engine import Database, open_database  # noqa: E402
from communitydesk.errors import UserError  # noqa: E402
from tests.paths import FIXTURES, REPO  # noqa: E402,F401
from tests.pg_server import PgServer, start_server  # noqa: E402

_db_names = itertools.count(1)


@pytest.fixture(scope="session")
def qapp(qapp):  # noqa: ANN001, ANN201 - pytest-qt's own application, which this one extends
    """As in the program (gui/collector.py): once there is an application, Python's collector
    never runs by itself, so never on a worker; ``garbage_collected_between_tests`` collects."""
    from communitydesk.services.core.gc_pause import collect_only_when_asked

    collect_only_when_asked()
    return qapp


@pytest.fixture(autouse=True)
def garbage_collected_between_tests() -> Iterator[None]:
    """Collected at the end of each test, never inside one (and only on this thread).

    A Python wrapper that PySide wrongly believes owns a Qt widget deletes it when the collector
    frees the wrapper (see gui/common/tab_order.py). Collected at random moments, that was a
    rare segmentation fault in some later test; collected here, it happens at the end of the
    test that caused it. What survives is frozen out of later collections (a full collection per
    test doubled the GUI tests' time). The test's own fixture values are still held here, so
    they are frozen too and never collected: the suite keeps every test's screens' Python
    objects to the end (their Qt widgets are deleted as usual).
    """
    yield
    if not gc.isenabled():  # an application has been made (or a pause is still held)
        gc.collect()
        gc.freeze()


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Paths:
    """Data, config and backups go to tmp_path; the user's real folders are never touched."""
    monkeypatch.setenv("COMMUNITYDESK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("COMMUNITYDESK_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.delenv("COMMUNITYDESK_DB", raising=False)
    return Paths.from_environment()


@pytest.fixture
def paths(isolated_user_dirs: Paths) -> Paths:
    return isolated_user_dirs


def _finish_background_work() -> None:
    """Workers a test's screens left waiting (an idle-loop start, a refresh after the last
    change) run now, before the test's database closes under them."""
    background = sys.modules.get("communitydesk.gui.background")
    if background is not None:
        background.finish_waiting()


@pytest.fixture
def db(tmp_path: Path, paths: Paths) -> Iterator[Database]:
    """A fresh, migrated SQLite database file."""
    database = open_database(str(tmp_path / "test.sqlite3"), backups_dir=paths.backups_dir)
    yield database
    _finish_background_work()
    database.dispose()


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    server = start_server()
    yield server
    server.stop()


@pytest.fixture
def pg_db(pg_server: PgServer, paths: Paths) -> Iterator[Database]:
    """A fresh, migrated database on the real PostgreSQL server."""
    name = f"cd_test_{os.getpid()}_{next(_db_names)}"
    database = open_database(pg_server.create_database(name), backups_dir=paths.backups_dir)
    yield database
    _finish_background_work()
    database.dispose()
    pg_server.drop_database(name)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def any_db(request: pytest.FixtureRequest) -> Database:
    """Run a service test on SQLite and on PostgreSQL."""
    return request.getfixturevalue("db" if request.param == "sqlite" else "pg_db")


@pytest.fixture
def run_cli(tmp_path: Path, paths: Paths):
    """Run `python -m communitydesk` as a user would; returns CompletedProcess (text)."""

    def run(*args: str, db: str | Path | None = None, input: str | None = None,
            create: bool = True) -> subprocess.CompletedProcess[str]:
        target = str(db) if db is not None else str(tmp_path / "cli.sqlite3")
        if create and "://" not in target and not Path(target).exists() and Path(target).parent.is_dir():
            # Commands refuse a missing file (a typo must not start an empty database); tests
            # start from a new one as `db upgrade` makes it. create=False tests the refusal.
            with contextlib.suppress(UserError):  # an unusable path: the command under test says why
                open_database(target, backups_dir=paths.backups_dir).dispose()
        env = dict(os.environ)
        return subprocess.run(
            [sys.executable, "-m", "communitydesk", "--db", target, *args],
            capture_output=True, text=True, env=env, input=input, timeout=120, cwd=REPO,
        )

    return run


@pytest.fixture
def demo_db(db: Database) -> Database:
    """The demo group (deterministic seed and date)."""
    from datetime import date

    from communitydesk.services.demo.fill import fill_demo_data

    with db.session() as session:
        fill_demo_data(session, seed=7, today=date(2026, 6, 15))
    return db
