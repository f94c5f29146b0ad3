"""The frozen Linux bundle works on its own, from outside the checkout.

`make installer` builds dist/CommunityDesk; CI builds it on every run and sets
COMMUNITYDESK_REQUIRE_BUNDLE so these tests cannot skip there. A developer's
`make test` without a bundle skips them with a reason.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.paths import FIXTURES, REPO

pytestmark = pytest.mark.slow
BUNDLE = Path(os.environ.get("COMMUNITYDESK_BUNDLE", REPO / "dist" / "CommunityDesk"))
EXECUTABLE = BUNDLE / "CommunityDesk"


@pytest.fixture(scope="module")
def frozen() -> Path:
    if not EXECUTABLE.is_file():
        message = f"no frozen bundle at {BUNDLE} (build it with `make installer`)"
        if os.environ.get("COMMUNITYDESK_REQUIRE_BUNDLE"):
            pytest.fail(message + " but COMMUNITYDESK_REQUIRE_BUNDLE is set", pytrace=False)
        pytest.skip(message)
    return EXECUTABLE


@pytest.fixture
def run(frozen: Path, tmp_path: Path):  # noqa: ANN201 - returns the runner
    """Run the bundle in an empty folder, with no Python or checkout on its paths."""
    work = tmp_path / "outside"
    work.mkdir()
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PYTHON", "VIRTUAL_ENV", "COMMUNITYDESK_"))}
    env.update(COMMUNITYDESK_DATA_DIR=str(work / "data"), COMMUNITYDESK_CONFIG_DIR=str(work / "config"),
               QT_QPA_PLATFORM="offscreen", PATH="/usr/bin:/bin")

    def cli(*args: str, extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(frozen), *args], capture_output=True, text=True, cwd=work, stdin=subprocess.DEVNULL,
                              env={**env, **(extra_env or {})}, timeout=300)

    cli.work = work  # type: ignore[attr-defined]
    return cli


def test_version(run) -> None:  # noqa: ANN001
    from communitydesk import __version__

    done = run("--version")
    assert done.returncode == 0 and __version__ in done.stdout


def test_every_lazily_loaded_part_is_in_the_bundle(run) -> None:  # noqa: ANN001
    done = run("self-check")
    assert done.returncode == 0, done.stdout + done.stderr
    for part in ("ReportLab", "openpyxl", "icalendar", "keyring", "migrations", "QtCharts", "QtPdf"):
        assert part in done.stdout
    # the bundle starts itself as the child that lays out long documents (freeze_support)
    assert "ok   printing in a second process" in done.stdout


def test_window_opens_on_a_new_database(run) -> None:  # noqa: ANN001
    db = run.work / "new-group.sqlite3"
    done = run("--db", str(db), "gui", "--smoke-test")
    assert done.returncode == 0, done.stderr
    assert "smoke test ok" in done.stdout


def test_prints_a_sign_in_sheet_in_any_script(run) -> None:  # noqa: ANN001
    db = str(run.work / "group.sqlite3")
    assert run("--db", db, "db", "upgrade").returncode == 0
    for first, last in (("Наталья", "Коваленко"), ("Γιώργος", "Παπαδόπουλος"), ("Şükrü", "Yılmaz")):
        assert run("--db", db, "members", "add", "--first-name", first, "--last-name", last).returncode == 0
    made = run("--db", db, "meetings", "add", "--title", "General meeting", "--starts", "2026-12-01 19:00",
               "--json")
    assert made.returncode == 0, made.stderr
    sheet = run.work / "sheet.pdf"
    printed = run("--db", db, "print", "sign-in", str(json.loads(made.stdout)["id"]), "-o", str(sheet))
    assert printed.returncode == 0, printed.stderr
    text = subprocess.run(["pdftotext", str(sheet), "-"], capture_output=True, text=True, check=True).stdout
    for name in ("Наталья", "Коваленко", "Γιώργος", "Şükrü", "Yılmaz"):
        assert name in text


def test_upgrades_a_database_made_by_the_previous_release(run) -> None:  # noqa: ANN001
    db = run.work / "previous.sqlite3"
    shutil.copyfile(FIXTURES / "previous-release-cd0004.sqlite3", db)
    upgraded = run("--db", str(db), "db", "upgrade")
    assert upgraded.returncode == 0, upgraded.stderr
    listed = run("--db", str(db), "members", "list", "--json")
    assert listed.returncode == 0 and len(json.loads(listed.stdout)) == 28
    assert run("--db", str(db), "db", "check").returncode == 0


def test_sets_a_password_and_opens_the_encrypted_file(run) -> None:  # noqa: ANN001 - #20: sqlcipher3 is bundled
    db = str(run.work / "private.sqlite3")
    assert run("--db", db, "db", "upgrade").returncode == 0
    assert run("--db", db, "members", "add", "--first-name", "Ama", "--last-name", "Owusu").returncode == 0
    secret = {"COMMUNITYDESK_PASSWORD": "correct horse"}
    done = run("--db", db, "db", "password", "set", extra_env=secret)
    assert done.returncode == 0, done.stderr
    assert b"Owusu" not in Path(db).read_bytes()
    assert run("--db", db, "members", "list").returncode == 1
    listed = run("--db", db, "members", "list", "--json", extra_env=secret)
    assert listed.returncode == 0 and len(json.loads(listed.stdout)) == 1
    opened = run("--db", db, "gui", "--smoke-test", extra_env=secret)
    assert opened.returncode == 0 and "smoke test ok" in opened.stdout, opened.stderr
