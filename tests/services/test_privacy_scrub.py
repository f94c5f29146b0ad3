"""After erasure the old values must be gone from the file bytes, whoever else has it open.

The group file here is big (2,000 members, the person in the middle) so the
person's row shares its page with others and old copies of it can sit on
pages the erase never rewrites: that is what tells a VACUUM from secure_delete.
"""

from __future__ import annotations

import shutil
import sqlite3
import time
from pathlib import Path

from communitydesk.config import Paths
from communitydesk.db.engine import Database, open_database
from communitydesk.db.models import Member
from communitydesk.services.backups.auto_backup import on_open
from communitydesk.services.members.records import get_member, update_member
from communitydesk.services.privacy.erasure import erase_and_scrub, erase_member
from communitydesk.services.privacy.file_scrub import (
    FILE_REWRITTEN_KEY,
    scrub_deleted_data,
    scrub_pending,
)

FIRST, LAST = "Secretia", "Quokkaberg"
EMAIL = "secretia.q@example.org"
PHONE = "+44 7700 912345"


def _secrets() -> tuple[bytes, ...]:
    return (EMAIL.encode(), LAST.encode(), (FIRST + LAST).encode(), PHONE.encode())


def _traces(path: Path) -> list[bytes]:
    """Secrets found in the database file or its WAL, as raw bytes."""
    found = []
    for f in (path, Path(f"{path}-wal")):
        if f.exists():
            raw = f.read_bytes()
            found += [s for s in _secrets() if s in raw]
    return found


def _big_group(db: Database, *, size: int = 2000) -> int:
    with db.session() as s:
        s.info["audit_off"] = True
        people = [Member(first_name=f"Person{i}", last_name="Filler", email=f"p{i}@example.net",
                         notes="x" * 100) for i in range(size)]
        person = Member(first_name=FIRST, last_name=LAST, email=EMAIL, phone=PHONE, notes="short")
        people.insert(size // 2, person)
        s.add_all(people)
        s.flush()
        return person.id


def _checkpoint(db: Database) -> None:
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def _edit_with_the_app(db: Database, member_id: int) -> None:
    """Months of use: the row grows and moves, checkpointed between edits."""
    for n in range(1, 6):
        with db.session() as s:
            rec = get_member(s, member_id)
            update_member(s, member_id, {"notes": "long note " * (n * 60),
                                         "email": f"secretia.q{n}@example.org"},
                          expected_version=rec.version)
        _checkpoint(db)
    with db.session() as s:
        rec = get_member(s, member_id)
        update_member(s, member_id, {"email": EMAIL}, expected_version=rec.version)
    _checkpoint(db)


def _edit_with_another_program(path: Path, member_id: int) -> None:
    """The same edits by a program without secure_delete (an older version, a DB browser)."""
    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA secure_delete=OFF")
        for n in range(1, 6):
            con.execute("UPDATE members SET notes=?, email=? WHERE id=?",
                        ("long note " * (n * 60), f"secretia.q{n}@example.org", member_id))
            con.commit()
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        con.execute("UPDATE members SET email=? WHERE id=?", (EMAIL, member_id))
        con.commit()
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        con.close()


def test_after_one_rewrite_secure_delete_and_a_checkpoint_leave_nothing(db: Database) -> None:
    member_id = _big_group(db)
    assert scrub_deleted_data(db).vacuumed  # a file's first scrub rewrites it once
    _edit_with_the_app(db, member_id)
    assert _traces(db.sqlite_path)  # so the check below can fail
    with db.session() as s:
        erase_member(s, member_id)
    outcome = scrub_deleted_data(db)
    assert outcome.done and not outcome.vacuumed  # the fast path: no VACUUM needed
    assert _traces(db.sqlite_path) == []


def test_stale_copies_from_another_program_need_the_vacuum(db: Database, tmp_path: Path,
                                                           paths: Paths) -> None:
    member_id = _big_group(db)
    db.dispose()
    _edit_with_another_program(db.sqlite_path, member_id)
    # Without a VACUUM the stale copies on pages the erase never touches survive...
    copy = tmp_path / "copy.sqlite3"
    shutil.copy(db.sqlite_path, copy)
    other = open_database(str(copy), backups_dir=paths.backups_dir)
    try:
        with other.session() as s:
            erase_member(s, member_id)
        assert scrub_deleted_data(other, full=False).done
        assert _traces(copy), "secure_delete alone should leave the stale copies"
    finally:
        other.dispose()
    # ...so a file never rewritten by a scrub gets one, and then nothing is left.
    with db.session() as s:
        assert s.get(Member, member_id) is not None
    result = erase_and_scrub(db, member_id)
    assert result.scrubbed
    assert _traces(db.sqlite_path) == []
    with db.session() as s:
        from communitydesk.db.models import Setting

        assert s.get(Setting, FILE_REWRITTEN_KEY) is not None


def test_erase_while_another_connection_reads_is_finished_on_the_next_open(
        db: Database, paths: Paths) -> None:
    member_id = _big_group(db, size=300)
    _checkpoint(db)
    path = db.sqlite_path
    reader = sqlite3.connect(path)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM members").fetchone()  # holds a snapshot
    try:
        result = erase_and_scrub(db, member_id)
        assert not result.scrubbed
        assert "still in the database file" in result.scrub_note
        assert result.to_json()["scrub_pending"] is True
        assert EMAIL.encode() in path.read_bytes()  # honest: the old value really is still there
        assert scrub_pending(db)
        started = time.monotonic()  # opening meanwhile says so, without waiting long
        notes = on_open(db, default_backups_dir=paths.backups_dir)
        assert time.monotonic() - started < 3
        assert any("erasure is not finished" in w for w in notes.warnings)
    finally:
        reader.rollback()
        reader.close()
    db.dispose()
    again = open_database(str(path), backups_dir=paths.backups_dir)
    try:
        notes = on_open(again, default_backups_dir=paths.backups_dir)
        assert not any("erasure" in w for w in notes.warnings)
        assert not scrub_pending(again)
    finally:
        again.dispose()
    assert _traces(path) == []
