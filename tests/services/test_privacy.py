"""Subject access and erasure: everything is exported; after erasure nothing personal is left in the file."""

from __future__ import annotations

import json
import os
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from communitydesk.db.engine import Database
from communitydesk.db.models import Attendance, AttendanceStatus, Meeting, OneToOne
from communitydesk.errors import UserError
from communitydesk.services.members import add_member, get_member, list_members, update_member
from communitydesk.services.privacy import (
    erase_and_scrub,
    export_subject_access,
    subject_access_data,
)

NAME = ("Zdzisława", "Quokkaberg-Łęcka")
EMAIL = "zdzislawa.q@example.org"
STORY = "Grew up on the estate; her brother was evicted in 2019"


def _person_with_history(db: Database) -> int:
    with db.session() as s:
        other = add_member(s, first_name="Org", last_name="Aniser")
        m = add_member(s, first_name=NAME[0], last_name=NAME[1], email=EMAIL, phone="+44 7700 900999",
                       postcode="ZZ9 9ZZ", notes="Prefers evening calls", consent_email=True,
                       consent_date=date(2025, 1, 2), consent_source="sign-up form", tags=["Block C"])
        for day in (1, 8, 15):
            mt = Meeting(title="General meeting", starts_at=datetime(2026, 3, day, 19, 0))
            s.add(mt)
            s.flush()
            s.add(Attendance(meeting_id=mt.id, member_id=m.id, status=AttendanceStatus.PRESENT))
            s.add(Attendance(meeting_id=mt.id, member_id=other.id, status=AttendanceStatus.APOLOGIES))
        s.add(OneToOne(organiser_id=other.id, member_id=m.id, held_on=date(2026, 3, 2), story=STORY,
                       interests="housing repairs", next_step="invite to committee"))
        return m.id


def test_subject_access_export_has_everything(db: Database, tmp_path: Path) -> None:
    member_id = _person_with_history(db)
    with db.session() as s:
        result = export_subject_access(s, member_id, tmp_path / "sar.json", group_name="Maple Court")
    data = json.loads(result.json_path.read_text(encoding="utf-8"))
    assert data["details"]["email"] == EMAIL and data["details"]["first_name"] == NAME[0]
    assert data["tags"] == ["Block C"]
    assert data["consent"] == {"email": True, "phone": False, "post": False, "date": "2025-01-02",
                               "source": "sign-up form"}
    assert len(data["attendance"]) == 3
    assert data["one_to_ones"][0]["story"] == STORY  # confidential notes included
    assert data["audit_trail"][0]["action"] == "insert"
    assert result.pdf_path.exists() and result.pdf_path.suffix == ".pdf"
    if os.name == "posix":
        assert result.json_path.stat().st_mode & 0o077 == 0
        assert result.pdf_path.stat().st_mode & 0o077 == 0


def test_subject_access_unknown_member(db: Database) -> None:
    with db.session() as s, pytest.raises(UserError, match="no member with id 99"):
        subject_access_data(s, 99)


def _attendance_totals(db: Database) -> tuple[int, int, int]:
    with db.session() as s:
        rows = s.execute(select(Attendance.member_id, Attendance.status)).all()
    present = [r for r in rows if r.status == AttendanceStatus.PRESENT]
    return len(present), len({r.member_id for r in present}), len(rows)


def test_erase_removes_every_personal_value_from_the_file(db: Database) -> None:
    member_id = _person_with_history(db)
    # Edit the e-mail a few times so old row versions pile up in free pages and the WAL.
    for n in range(3):
        with db.session() as s:
            rec = get_member(s, member_id)
            update_member(s, member_id, {"notes": f"call {n}"}, expected_version=rec.version)
    with db.engine.connect() as conn:  # as after days of use: the details are in the file, not only the WAL
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    path = db.sqlite_path
    assert EMAIL.encode() in path.read_bytes()  # so the check below can fail
    before = _attendance_totals(db)
    result = erase_and_scrub(db, member_id)
    assert result.attendance_kept == 3 and result.one_to_ones_cleared == 1
    assert result.backup is not None and result.backup.exists() and result.scrubbed
    assert _attendance_totals(db) == before
    with db.session() as s:
        rec = get_member(s, member_id)
        assert rec.full_name == f"Anonymised member #{member_id}"
        assert rec.email is None and rec.phone is None and rec.postcode is None and not rec.tags
        assert rec.consent_email is False and rec.anonymised_at is not None
        assert s.scalars(select(OneToOne.story)).all() == [None]
        assert member_id not in [m.id for m in list_members(s)]
    db.dispose()
    for suffix in ("", "-wal", "-journal"):
        f = Path(str(path) + suffix)
        if f.exists():
            raw = f.read_bytes()
            for secret in (NAME[0], NAME[1], EMAIL, STORY, "ZZ9 9ZZ", "900999"):
                assert secret.encode("utf-8") not in raw, f"{secret!r} still in {f.name}"


def test_erase_twice_and_unknown_are_refused(db: Database) -> None:
    member_id = _person_with_history(db)
    erase_and_scrub(db, member_id)
    with pytest.raises(UserError, match="already anonymised"):
        erase_and_scrub(db, member_id)
    with pytest.raises(UserError, match="no member with id 404"):
        erase_and_scrub(db, 404)


def test_erase_reports_free_text_that_still_names_them(db: Database) -> None:
    member_id = _person_with_history(db)
    with db.session() as s:
        s.scalars(select(Meeting)).first().notes = f"{NAME[0]} {NAME[1]} offered to chair"
    result = erase_and_scrub(db, member_id)
    assert any("notes of meeting" in m for m in result.mentions)


def test_erase_on_postgres_keeps_attendance(pg_db: Database) -> None:
    member_id = _person_with_history(pg_db)
    before = _attendance_totals(pg_db)
    result = erase_and_scrub(pg_db, member_id)
    assert result.backup is None and result.scrubbed
    assert _attendance_totals(pg_db) == before
    with pg_db.session() as s:
        assert get_member(s, member_id).email is None



def test_secure_delete_is_on(db: Database) -> None:
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA secure_delete").scalar() == 1
