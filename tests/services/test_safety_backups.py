"""Destructive services take their own safety backup: the window and the CLI cannot forget it."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from communitydesk.db.engine import Database
from communitydesk.db.sqlite_backup import backups_of
from communitydesk.services.attendance.importing import import_register_file
from communitydesk.services.members.duplicates import merge_members
from communitydesk.services.members.lifecycle import delete_member
from communitydesk.services.members.records import add_member
from communitydesk.services.privacy.audit import list_audit_entries
from tests.paths import FIXTURES, REPO

REGISTER = FIXTURES / "legacy_attendance.csv"


def _backups(db: Database, reason: str) -> list[Path]:
    assert db.sqlite_path is not None
    return [p for p in backups_of(db.backups_dir, db.sqlite_path.stem) if reason in p.name]


def _names_in(backup: Path) -> set[str]:
    with sqlite3.connect(backup) as conn:
        return {row[0] for row in conn.execute("SELECT first_name FROM members")}


def test_delete_backs_up_the_file_with_the_member_still_in_it(db: Database) -> None:
    with db.session() as s:
        member_id = add_member(s, first_name="Grace", last_name="Hopper").id
    with db.session() as s:
        delete_member(s, member_id)
    [backup] = _backups(db, "before-delete")
    assert _names_in(backup) == {"Grace"}


def test_an_unknown_member_is_refused_before_any_backup(db: Database) -> None:
    from communitydesk.errors import UserError

    with pytest.raises(UserError), db.session() as s:
        delete_member(s, 999)
    assert _backups(db, "before-delete") == []


def test_merge_says_where_its_backup_is(db: Database) -> None:
    with db.session() as s:
        keep = add_member(s, first_name="Ada", last_name="King").id
        gone = add_member(s, first_name="Ada", last_name="King", email="ada@example.org").id
    with db.session() as s:
        result = merge_members(s, keep, gone)
    assert result.backup is not None and result.backup.exists()
    assert "before-merge" in result.backup.name
    with sqlite3.connect(result.backup) as conn:
        assert conn.execute("SELECT count(*) FROM members").fetchone()[0] == 2


def test_register_import_backs_up_but_its_preview_neither_saves_nor_backs_up(db: Database) -> None:
    with db.session() as s:
        preview = import_register_file(s, REGISTER, preview=True)
    assert preview.members_created > 0
    assert _backups(db, "before-register-import") == []
    with db.session() as s:
        assert list_audit_entries(s) == []  # the preview left nothing behind
    with db.session() as s:
        import_register_file(s, REGISTER)
    assert len(_backups(db, "before-register-import")) == 1


def test_a_session_that_does_not_know_its_file_cannot_delete(db: Database) -> None:
    with db.session() as s:
        member_id = add_member(s, first_name="Grace", last_name="Hopper").id
    with Session(db.engine) as s, pytest.raises(RuntimeError, match="Database.session"):
        delete_member(s, member_id)


@pytest.mark.postgres
def test_on_a_shared_server_the_delete_goes_ahead_without_a_file_copy(pg_db: Database) -> None:
    with pg_db.session() as s:
        keep = add_member(s, first_name="Ada", last_name="King").id
        gone = add_member(s, first_name="Ada", last_name="Byron").id
    with pg_db.session() as s:
        assert merge_members(s, keep, gone).backup is None
    with pg_db.session() as s:
        assert delete_member(s, keep)


def test_no_widget_or_command_takes_its_own_safety_backup() -> None:
    """One owner: only services (and the explicit "Backup now" / daily backup) call db.backup."""
    callers = []
    for folder in ("gui", "cli"):
        for path in (REPO / "communitydesk" / folder).rglob("*.py"):
            if re.search(r"\.backup\(reason=", path.read_text(encoding="utf-8")):
                callers.append(path.relative_to(REPO))
    assert callers == []
