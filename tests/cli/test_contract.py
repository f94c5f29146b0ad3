"""The CLI contract of DESIGN.md, run as a user runs it: a subprocess, exit codes, JSON."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path


def test_members_add_and_list_json(run_cli) -> None:
    added = run_cli("members", "add", "--first-name", "Şükrü", "--last-name", "Yılmaz",
                    "--email", "sukru@example.org", "--phone", "+44 7700 900123", "--postcode", "nb1 2ab",
                    "--tag", "Committee", "--tag", "Translators", "--json")
    assert added.returncode == 0, added.stderr
    member = json.loads(added.stdout)
    assert member["id"] == 1 and member["first_name"] == "Şükrü"
    plain = run_cli("members", "add", "--first-name", "Ann", "--last-name", "Lee")
    assert plain.returncode == 0 and plain.stdout.strip() == "member 2: Ann Lee"
    listed = run_cli("members", "list", "--tag", "committee", "--json")
    rows = json.loads(listed.stdout)
    assert len(rows) == 1
    assert {"id", "first_name", "last_name", "email", "phone", "postcode", "status", "tags"} <= rows[0].keys()
    assert rows[0]["tags"] == ["Committee", "Translators"]
    assert json.loads(run_cli("members", "list", "--search", "ann", "--json").stdout)[0]["last_name"] == "Lee"


def test_meetings_add_list_cancel(run_cli) -> None:
    out = run_cli("meetings", "add", "--title", "General meeting", "--starts", "2026-03-05 19:00",
                  "--ends", "2026-03-05 21:00", "--venue", "Hall", "--kind", "general", "--json")
    assert out.returncode == 0, out.stderr
    meeting = json.loads(out.stdout)
    assert meeting["starts_at"] == "2026-03-05T19:00"
    run_cli("meetings", "add", "--title", "Later", "--starts", "2026-05-01 19:00")
    listed = json.loads(run_cli("meetings", "list", "--from", "2026-03-01", "--to", "2026-03-31", "--json").stdout)
    assert [m["title"] for m in listed] == ["General meeting"]
    assert {"id", "title", "kind", "starts_at", "venue", "status"} <= listed[0].keys()
    assert run_cli("meetings", "cancel", str(meeting["id"])).returncode == 0
    listed = json.loads(run_cli("meetings", "list", "--json").stdout)
    assert listed[0]["status"] == "cancelled" and len(listed) == 2


def test_user_errors_exit_1_with_one_error_line(run_cli, tmp_path: Path) -> None:
    cases = [
        ("meetings", "add", "--title", "X", "--starts", "tomorrow"),
        ("meetings", "cancel", "99"),
        ("members", "add", "--first-name", "A", "--last-name", "B", "--email", "nope"),
        ("db", "restore", str(tmp_path / "missing.sqlite3")),
    ]
    for args in cases:
        result = run_cli(*args)
        assert result.returncode == 1, args
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
        assert "Traceback" not in result.stderr


def test_bad_usage_exits_2(run_cli) -> None:
    assert run_cli("members", "add", "--first-name", "A").returncode == 2
    assert run_cli("nonsense").returncode == 2


def test_bad_database_files_exit_1_untouched(run_cli, tmp_path: Path) -> None:
    text_file = tmp_path / "letter.sqlite3"
    text_file.write_text("Dear council,\n")
    foreign = tmp_path / "foreign.sqlite3"
    con = sqlite3.connect(foreign)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    foreign_bytes = foreign.read_bytes()
    missing = tmp_path / "no" / "such" / "folder.sqlite3"
    for target, command, expected in (
            (text_file, "members list", "not a CommunityDesk database"),
            (foreign, "members list", "not a CommunityDesk database"),
            (missing, "members list", "there is no database at"),
            (missing, "db upgrade", "does not exist"),
            ("/proc/cd.sqlite3", "db upgrade", "not writable")):
        result = run_cli(*command.split(), db=target, create=False)
        assert result.returncode == 1
        assert result.stderr.startswith("error: ") and expected in result.stderr
        assert "Traceback" not in result.stderr
    assert text_file.read_text() == "Dear council,\n"
    assert foreign.read_bytes() == foreign_bytes


def test_db_commands(run_cli, tmp_path: Path) -> None:
    db = tmp_path / "group.sqlite3"
    assert run_cli("db", "upgrade", db=db).returncode == 0
    assert "no problems" in run_cli("db", "check", db=db).stdout
    assert json.loads(run_cli("db", "check", "--json", db=db).stdout) == {"ok": True, "problems": []}
    run_cli("members", "add", "--first-name", "Keep", "--last-name", "Me", db=db)
    out = tmp_path / "copy.sqlite3"
    assert run_cli("db", "backup", "-o", str(out), db=db).returncode == 0
    assert run_cli("db", "backup", "-o", str(out), db=db).returncode == 1  # never overwrite
    default = run_cli("db", "backup", db=db)
    assert default.returncode == 0 and "backups" in default.stdout
    run_cli("members", "add", "--first-name", "Drop", "--last-name", "Me", db=db)
    restored = run_cli("db", "restore", str(out), db=db)
    assert restored.returncode == 0, restored.stderr
    names = [m["first_name"] for m in json.loads(run_cli("members", "list", "--json", db=db).stdout)]
    assert names == ["Keep"]


def test_restore_waits_for_the_window_to_close(run_cli, tmp_path: Path) -> None:
    """Replacing the data under an open window would lose what it shows and saves."""
    from communitydesk.db.file_lock import WriterLock

    db = tmp_path / "group.sqlite3"
    run_cli("members", "add", "--first-name", "Keep", "--last-name", "Me", db=db)
    out = tmp_path / "copy.sqlite3"
    run_cli("db", "backup", "-o", str(out), db=db)
    run_cli("members", "add", "--first-name", "Still", "--last-name", "Here", db=db)
    window = WriterLock(db.resolve())  # what the GUI holds while it has the file open
    assert window.acquire()
    try:
        refused = run_cli("db", "restore", str(out), db=db)
    finally:
        window.release()
    assert refused.returncode == 1
    assert refused.stderr.startswith("error: cannot restore a backup: the database is open in "
                                     "CommunityDesk by ")
    assert refused.stderr.strip().endswith("close it there first, then try again")
    assert len(refused.stderr.strip().splitlines()) == 1
    names = [m["first_name"] for m in json.loads(run_cli("members", "list", "--json", db=db).stdout)]
    assert sorted(names) == ["Keep", "Still"]  # nothing was replaced
    assert run_cli("db", "restore", str(out), db=db).returncode == 0  # once the window has closed


def test_db_check_reports_problems_exit_1(run_cli, tmp_path: Path) -> None:
    db = tmp_path / "group.sqlite3"
    run_cli("db", "upgrade", db=db)
    con = sqlite3.connect(db)
    con.execute("INSERT INTO attendance (meeting_id, member_id, status) VALUES (5, 6, 'present')")
    con.commit()
    con.close()
    result = run_cli("db", "check", db=db)
    assert result.returncode == 1
    assert "foreign key" in result.stdout


def test_demo_and_env_var(run_cli, tmp_path: Path, monkeypatch) -> None:
    db = tmp_path / "demo.sqlite3"
    result = run_cli("demo", "--members", "20", "--meetings", "4", "--seed", "3", "--json", db=db)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["meetings"] == 4
    assert run_cli("demo", db=db).returncode == 1
    assert run_cli("demo", "--if-empty", db=db).returncode == 0
    monkeypatch.setenv("COMMUNITYDESK_DB", str(db))
    import subprocess
    import sys
    env_listed = subprocess.run([sys.executable, "-m", "communitydesk", "members", "list", "--json"],
                                capture_output=True, text=True, timeout=60)
    assert len(json.loads(env_listed.stdout)) >= 20


def test_default_database_in_user_data_folder(paths, tmp_path: Path) -> None:
    import subprocess
    import sys
    result = subprocess.run([sys.executable, "-m", "communitydesk", "db", "upgrade"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert paths.default_database.exists()


def test_gui_smoke_test(run_cli, tmp_path: Path) -> None:
    db = tmp_path / "demo.sqlite3"
    run_cli("demo", db=db)
    result = run_cli("gui", "--smoke-test", db=db)
    assert result.returncode == 0, result.stderr
    assert "Maple Court" in result.stdout
    listed = json.loads(run_cli("members", "list", "--json", db=db).stdout)
    assert result.stdout.splitlines()[0] == "window shown"  # before the member list has loaded
    assert f"({len(listed)} members listed)" in result.stdout


def test_error_naming_a_hostile_header_stays_one_line(run_cli, tmp_path: Path) -> None:
    bad = tmp_path / "weird.csv"
    bad.write_bytes(b"!\x0b!\nx\n")  # a vertical tab in the only header
    result = run_cli("members", "import", str(bad))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "\\x0b" in lines[0]
