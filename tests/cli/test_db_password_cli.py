"""#20 item 5: `db password set|change|remove`, and contracted commands on an encrypted file."""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path

import pytest

from communitydesk.cli import main
from communitydesk.db.encryption import is_encrypted, remember_key
from communitydesk.db.engine import open_database

PASSWORD = "correct horse"


def _run(capsys, monkeypatch, db: Path, *args: str, stdin: str = "", env: dict[str, str] | None = None):
    """The CLI in this process, as a new process would start: no password known yet."""
    remember_key(db, None)
    for name in ("COMMUNITYDESK_PASSWORD", "COMMUNITYDESK_NEW_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    for name, value in (env or {}).items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(["--db", str(db), *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def club(tmp_path: Path, paths) -> Path:
    path = tmp_path / "club.sqlite3"
    open_database(str(path), backups_dir=paths.backups_dir).dispose()
    return path


def test_set_from_prompt_then_every_command_needs_the_password(club: Path, capsys, monkeypatch) -> None:
    code, _out, _err = _run(capsys, monkeypatch, club, "members", "add", "--first-name", "Zoë",
                            "--last-name", "Quixotically")
    assert code == 0
    code, out, err = _run(capsys, monkeypatch, club, "db", "password", "set", stdin=f"{PASSWORD}\n{PASSWORD}\n")
    assert code == 0, err
    assert "now encrypted" in out and "not encrypted" in err  # the older plain backups are named
    assert is_encrypted(club)
    with pytest.raises(sqlite3.DatabaseError, match="file is not a database"):
        sqlite3.connect(club).execute("SELECT 1 FROM sqlite_master").fetchall()

    code, out, err = _run(capsys, monkeypatch, club, "members", "list", "--json")
    assert code == 1 and err.startswith("error: ") and "password" in err and "Traceback" not in err
    code, out, err = _run(capsys, monkeypatch, club, "members", "list", "--json", stdin="wrong one\n")
    assert code == 1 and "That password does not open this file." in err and len(err.splitlines()) == 1
    code, out, err = _run(capsys, monkeypatch, club, "members", "list", "--json", stdin=f"{PASSWORD}\n")
    assert code == 0 and [m["last_name"] for m in json.loads(out)] == ["Quixotically"]
    code, out, err = _run(capsys, monkeypatch, club, "members", "list", "--json",
                          env={"COMMUNITYDESK_PASSWORD": PASSWORD})
    assert code == 0 and len(json.loads(out)) == 1
    code, out, err = _run(capsys, monkeypatch, club, "db", "check", env={"COMMUNITYDESK_PASSWORD": PASSWORD})
    assert code == 0 and "no problems" in out


def test_change_and_remove_from_the_environment(club: Path, capsys, monkeypatch) -> None:
    _run(capsys, monkeypatch, club, "members", "add", "--first-name", "Ama", "--last-name", "Owusu")
    code, _out, err = _run(capsys, monkeypatch, club, "db", "password", "set",
                           env={"COMMUNITYDESK_NEW_PASSWORD": PASSWORD})
    assert code == 0, err
    code, _out, err = _run(capsys, monkeypatch, club, "db", "password", "change",
                           env={"COMMUNITYDESK_PASSWORD": "wrong one!", "COMMUNITYDESK_NEW_PASSWORD": "x" * 10})
    assert code == 1 and "That password does not open this file." in err
    code, _out, err = _run(capsys, monkeypatch, club, "db", "password", "change",
                           env={"COMMUNITYDESK_PASSWORD": PASSWORD, "COMMUNITYDESK_NEW_PASSWORD": "battery staple"})
    assert code == 0, err
    code, _out, err = _run(capsys, monkeypatch, club, "db", "password", "remove",
                           env={"COMMUNITYDESK_PASSWORD": "battery staple"})
    assert code == 0, err
    assert not is_encrypted(club)
    code, out, err = _run(capsys, monkeypatch, club, "members", "list", "--json")
    assert code == 0 and [m["last_name"] for m in json.loads(out)] == ["Owusu"]


def test_set_refuses_two_different_passwords(club: Path, capsys, monkeypatch) -> None:
    code, _out, err = _run(capsys, monkeypatch, club, "db", "password", "set", stdin=f"{PASSWORD}\nsomething else\n")
    assert code == 1 and "differ" in err
    assert not is_encrypted(club)


def test_backup_and_restore_of_an_encrypted_database(club: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    secret = {"COMMUNITYDESK_PASSWORD": PASSWORD}
    _run(capsys, monkeypatch, club, "members", "add", "--first-name", "Ama", "--last-name", "Owusu")
    _run(capsys, monkeypatch, club, "db", "password", "set", env={"COMMUNITYDESK_NEW_PASSWORD": PASSWORD})
    copy = tmp_path / "copy#1.sqlite3"
    code, _out, err = _run(capsys, monkeypatch, club, "db", "backup", "-o", str(copy), env=secret)
    assert code == 0, err
    assert is_encrypted(copy) and b"Owusu" not in copy.read_bytes()
    _run(capsys, monkeypatch, club, "members", "add", "--first-name", "Later", "--last-name", "Addition", env=secret)
    code, out, err = _run(capsys, monkeypatch, club, "db", "restore", str(copy), env=secret)
    assert code == 0, err
    code, out, err = _run(capsys, monkeypatch, club, "members", "list", "--json", env=secret)
    assert [m["last_name"] for m in json.loads(out)] == ["Owusu"]
    assert is_encrypted(club)
