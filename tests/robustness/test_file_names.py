"""A database file may have any name a person gives it: `#`, `?`, `%`, quotes, spaces, emoji.

SQLite URIs read `#` as a fragment and `?` as the start of options, so a name
built into a URI without quoting opened another (empty) file: every backup came
out empty and a restore then lost what was in the live file.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from communitydesk.db.engine import open_database
from communitydesk.services.backups.auto_backup import on_open
from communitydesk.services.backups.backup import restore_backup
from communitydesk.services.members.records import add_member, count_members
from communitydesk.services.privacy.erasure import erase_and_scrub

NAMES = ["club#2", "what?mode=rw", "100%", "50%20off", "a&b", "with space", "o'brien",
         "Łódź", "🙂 group", "x#y?z%41&' Ł🙂", "club[1]*"]


def _members_in(path: Path) -> int:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT count(*) FROM members").fetchone()[0]
    finally:
        con.close()


@pytest.mark.parametrize("stem", NAMES)
def test_every_backup_of_an_oddly_named_file_holds_its_data(tmp_path: Path, stem: str) -> None:
    folder = tmp_path / "data folder #1"
    folder.mkdir()
    live = folder / f"{stem}.sqlite3"
    backups = tmp_path / "backups"
    db = open_database(str(live), backups_dir=backups)
    with db.session() as s:
        for i in range(3):
            add_member(s, first_name=f"Ada{i}", last_name="Lovelace")
    db.dispose()
    # The live data went into the file with the name asked for, and nowhere else.
    assert _members_in(live) == 3
    assert sorted(p.name for p in folder.iterdir() if not p.name.endswith(("-wal", "-shm"))) == [live.name]

    db = open_database(str(live), backups_dir=backups)  # open-time inspection reads the file
    notes = on_open(db, default_backups_dir=backups, today=date.today())
    assert notes.backup is not None and _members_in(notes.backup) == 3
    assert on_open(db, default_backups_dir=backups, today=date.today()).backup is None  # one a day
    manual = db.backup(reason="manual")
    assert _members_in(manual) == 3
    with db.session() as s:
        erased = erase_and_scrub(db, 1)
    assert erased.backup is not None and _members_in(erased.backup) == 3
    with db.session() as s:
        add_member(s, first_name="After", last_name="Backup")
        assert count_members(s) == 4
    result = restore_backup(db, manual)
    assert _members_in(result.previous_state_saved_to) == 4
    with db.session() as s:
        assert count_members(s) == 3
    db.dispose()
    assert _members_in(live) == 3


@pytest.mark.parametrize("stem", ["club#2", "what?x=1", "100%"])
def test_cli_opens_and_backs_up_an_oddly_named_file(run_cli, tmp_path: Path, stem: str) -> None:
    live = tmp_path / f"{stem}.sqlite3"
    assert run_cli("db", "upgrade", db=live).returncode == 0
    added = run_cli("members", "add", "--first-name", "Zofia", "--last-name", "Wójcik", db=live)
    assert added.returncode == 0, added.stderr
    out = tmp_path / f"copy {stem}.sqlite3"
    made = run_cli("db", "backup", "-o", str(out), db=live)
    assert made.returncode == 0, made.stderr
    assert _members_in(out) == 1 and _members_in(live) == 1
