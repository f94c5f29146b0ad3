"""The same file imported twice at once must not duplicate anyone (#22 item 4).

Two processes are started, wait on a barrier file, and import the same file at
the same moment. Afterwards every person and every meeting exists once. On
SQLite the CLI also honours the window's writer lock: the second command either
waits its turn or refuses naming who holds the file; never duplicates.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from communitydesk.db.engine import Database, open_database
from communitydesk.db.models import Attendance, Meeting, Member
from tests.conftest import REPO

PEOPLE = 1500
DATES = ("06/01/2026", "03/02/2026", "03/03/2026", "07/04/2026", "05/05/2026", "02/06/2026")

# Runs `python -m communitydesk ARGS...` once the barrier file appears.
_CLI_AFTER_BARRIER = textwrap.dedent("""
    import os, runpy, sys, time
    barrier = sys.argv[1]
    while not os.path.exists(barrier):
        time.sleep(0.002)
    sys.argv = ["communitydesk", *sys.argv[2:]]
    runpy.run_module("communitydesk", run_name="__main__")
""")

# Calls the services directly (no CLI, so no writer-lock file): the database itself must serialise.
_SERVICE_AFTER_BARRIER = textwrap.dedent("""
    import os, sys, time
    from pathlib import Path
    barrier, target, kind, file = sys.argv[1:5]
    from communitydesk.db.engine import open_database
    from communitydesk.services.attendance.importing import import_register_file
    from communitydesk.services.members.importing import import_people, read_import_file
    db = open_database(target, backups_dir=Path(file).parent / "backups", upgrade=False)
    source = read_import_file(file) if kind == "members" else None
    while not os.path.exists(barrier):
        time.sleep(0.002)
    with db.session() as session:
        if kind == "members":
            import_people(session, source)
        else:
            import_register_file(session, file)
    db.dispose()
""")


def _members_csv(path: Path) -> Path:
    lines = ["First Name,Last Name,Email,Phone"]
    lines += [f"Person{i},Tester{i},person{i}@example.org,+44 7700 9{i:05d}" for i in range(PEOPLE)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _register_csv(path: Path) -> Path:
    lines = ["Name,Email," + ",".join(DATES)]
    lines += [f"Person{i} Tester{i},person{i}@example.org," + ",".join("Y" if (i + d) % 3 else "A"
                                                                      for d in range(len(DATES)))
              for i in range(PEOPLE // 3)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _run_together(commands: list[list[str]], barrier: Path) -> list[subprocess.CompletedProcess]:
    """Start every command, let them all load, then release them at once."""
    procs = [subprocess.Popen(cmd, cwd=REPO, env=dict(os.environ), stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for cmd in commands]
    time.sleep(1.5)  # python and the package load before the barrier
    barrier.touch()
    results = []
    for proc, cmd in zip(procs, commands, strict=True):
        out, err = proc.communicate(timeout=240)
        results.append(subprocess.CompletedProcess(cmd, proc.returncode, out, err))
    return results


def _cli(barrier: Path, target: str, *args: str) -> list[str]:
    return [sys.executable, "-c", _CLI_AFTER_BARRIER, str(barrier), "--db", target, *args]


def _service(barrier: Path, target: str, kind: str, file: Path) -> list[str]:
    return [sys.executable, "-c", _SERVICE_AFTER_BARRIER, str(barrier), target, kind, str(file)]


def _counts(db: Database) -> tuple[int, int, int, int]:
    with db.session() as session:
        members = session.scalar(select(func.count()).select_from(Member))
        emails = session.scalar(select(func.count(func.distinct(func.lower(Member.email)))))
        meetings = session.scalar(select(func.count()).select_from(Meeting))
        entries = session.scalar(select(func.count()).select_from(Attendance))
    return members, emails, meetings, entries


def _check_cli_results(results: list[subprocess.CompletedProcess]) -> None:
    """Each run succeeded, or refused in one line naming who holds the file."""
    for result in results:
        assert "Traceback" not in result.stderr and "unexpected" not in result.stderr, result.stderr
        if result.returncode != 0:
            assert result.returncode == 1, result.stderr
            assert result.stderr.startswith("error: ") and "process" in result.stderr, result.stderr
    assert any(r.returncode == 0 for r in results), [r.stderr for r in results]


@pytest.fixture
def sqlite_target(tmp_path: Path, paths) -> str:
    target = str(tmp_path / "race.sqlite3")
    open_database(target, backups_dir=paths.backups_dir).dispose()
    return target


def _open(target: str, paths) -> Database:
    return open_database(target, backups_dir=paths.backups_dir)


# --- SQLite --------------------------------------------------------------------------------

def test_two_member_imports_at_once_on_sqlite_services(sqlite_target: str, tmp_path: Path,
                                                       paths) -> None:
    file = _members_csv(tmp_path / "people.csv")
    results = _run_together([_service(tmp_path / "go", sqlite_target, "members", file)] * 2,
                            tmp_path / "go")
    assert [r.returncode for r in results] == [0, 0], [r.stderr for r in results]
    db = _open(sqlite_target, paths)
    members, emails, _, _ = _counts(db)
    db.dispose()
    assert (members, emails) == (PEOPLE, PEOPLE)


def test_two_register_imports_at_once_on_sqlite_services(sqlite_target: str, tmp_path: Path,
                                                         paths) -> None:
    file = _register_csv(tmp_path / "register.csv")
    results = _run_together([_service(tmp_path / "go", sqlite_target, "register", file)] * 2,
                            tmp_path / "go")
    assert [r.returncode for r in results] == [0, 0], [r.stderr for r in results]
    db = _open(sqlite_target, paths)
    members, emails, meetings, entries = _counts(db)
    db.dispose()
    assert (members, emails, meetings) == (PEOPLE // 3, PEOPLE // 3, len(DATES))
    assert entries == PEOPLE // 3 * len(DATES)


@pytest.mark.parametrize("command", ["members", "attendance"])
def test_two_cli_imports_at_once_on_sqlite(command: str, sqlite_target: str, tmp_path: Path,
                                           paths) -> None:
    file = (_members_csv(tmp_path / "people.csv") if command == "members"
            else _register_csv(tmp_path / "register.csv"))
    results = _run_together([_cli(tmp_path / "go", sqlite_target, command, "import", str(file))] * 2,
                            tmp_path / "go")
    _check_cli_results(results)
    db = _open(sqlite_target, paths)
    members, emails, meetings, _ = _counts(db)
    db.dispose()
    expected = PEOPLE if command == "members" else PEOPLE // 3
    assert (members, emails) == (expected, expected)
    assert meetings == (0 if command == "members" else len(DATES))


def test_cli_import_refuses_while_the_window_has_the_file(sqlite_target: str, tmp_path: Path,
                                                           run_cli) -> None:
    from communitydesk.db.file_lock import WriterLock

    file = _members_csv(tmp_path / "people.csv")
    window = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys, time
            from pathlib import Path
            from communitydesk.db.file_lock import WriterLock
            lock = WriterLock(Path({sqlite_target!r}))
            assert lock.acquire()
            print("held", flush=True)
            sys.stdin.read()
        """)], cwd=REPO, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert window.stdout.readline().strip() == "held"
        result = run_cli("members", "import", str(file), db=sqlite_target)
        assert result.returncode == 1, result.stdout
        assert result.stderr.startswith("error: ") and f"process {window.pid}" in result.stderr
        assert result.stderr.count("\n") == 1
        register = run_cli("attendance", "import", str(_register_csv(tmp_path / "r.csv")),
                           db=sqlite_target)
        assert register.returncode == 1 and f"process {window.pid}" in register.stderr
    finally:
        window.stdin.close()
        window.wait(timeout=30)
    assert WriterLock(Path(sqlite_target)).acquire()  # released when the "window" closed


# --- PostgreSQL ----------------------------------------------------------------------------

@pytest.mark.postgres
@pytest.mark.parametrize("command", ["members", "attendance"])
def test_two_cli_imports_at_once_on_postgres(command: str, pg_db: Database, tmp_path: Path) -> None:
    file = (_members_csv(tmp_path / "people.csv") if command == "members"
            else _register_csv(tmp_path / "register.csv"))
    url = pg_db.engine.url.render_as_string(hide_password=False)
    results = _run_together([_cli(tmp_path / "go", url, command, "import", str(file))] * 2,
                            tmp_path / "go")
    assert [r.returncode for r in results] == [0, 0], [r.stderr for r in results]
    members, emails, meetings, entries = _counts(pg_db)
    expected = PEOPLE if command == "members" else PEOPLE // 3
    assert (members, emails) == (expected, expected)
    if command == "attendance":
        assert meetings == len(DATES) and entries == expected * len(DATES)


def test_an_import_waits_then_gives_up_with_a_clear_message(any_db: Database, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """A stuck import elsewhere: the next one waits its turn, then says so; nothing is written."""
    from communitydesk.services.core import import_lock
    from communitydesk.services.members.importing import import_people, read_import_file

    monkeypatch.setattr(import_lock, "IMPORT_WAIT_SECONDS", 1)
    source = read_import_file(_members_csv(tmp_path / "people.csv"))
    with any_db.session() as holder:
        import_lock.hold_import_lock(holder)  # another import, in the middle of its work
        started = time.monotonic()
        with pytest.raises(import_lock.ImportBusy, match="nothing was changed"), \
                any_db.session() as session:
            import_people(session, source)
        assert 0.5 < time.monotonic() - started < 30
    with any_db.session() as session:
        assert session.scalar(select(func.count()).select_from(Member)) == 0
        import_people(session, source)  # the lock went with the other transaction
    assert _counts(any_db)[:2] == (PEOPLE, PEOPLE)
