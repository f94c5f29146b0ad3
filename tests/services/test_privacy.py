"""Subject access and erasure: everything is exported; after erasure nothing personal is left in the file."""

from __future__ import annotations

import json
import os
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from communitydesk.db.engine import Database
from communitydesk.db.models import ActionItem, AgendaItem, Attendance, Meeting, Member, OneToOne
from communitydesk.domain import AttendanceStatus
from communitydesk.errors import UserError
from communitydesk.services.members.records import (
    add_member,
    get_member,
    list_members,
    update_member,
)
from communitydesk.services.privacy.erasure import (
    erase_and_scrub,
    export_subject_access,
    preview_erasure,
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


def test_erase_takes_their_name_out_of_every_text_that_holds_it(db: Database) -> None:
    """Their own action keeps no trace of them (surname, first name); elsewhere full names in
    any order and accents, and their surname alone because nobody else has it."""
    member_id = _person_with_history(db)
    with db.session() as s:
        organiser = s.scalars(select(Member).where(Member.first_name == "Org")).one()
        namesake = add_member(s, first_name=NAME[0], last_name="Nowak")
        meeting = s.scalars(select(Meeting)).first()
        meeting.notes = f"{NAME[0]} {NAME[1]} offered to chair"
        own = ActionItem(owner_id=member_id, description=(
            f"Phone {NAME[1]}'s landlord; {NAME[0]} to bring the letters"))
        others = ActionItem(owner_id=organiser.id,
                            description="Ask zdzislawa quokkaberg-lecka about the annual repairs")
        item = AgendaItem(meeting_id=meeting.id, position=1, title="Repairs",
                          minutes=f"{NAME[1]}, {NAME[0]} reported the leak. {NAME[0]} Nowak agreed.",
                          decision=f"Thanks to {NAME[1]}")
        talk = OneToOne(organiser_id=organiser.id, member_id=namesake.id, held_on=date(2026, 3, 3),
                        story=f"Lives next door to {NAME[0]} {NAME[1]}")
        s.add_all([own, others, item, talk])
    with db.session() as s:
        preview = preview_erasure(s, member_id)
    result = erase_and_scrub(db, member_id)
    with db.session() as s:
        assert s.get(ActionItem, own.id).description == (
            "Phone [name removed]'s landlord; [name removed] to bring the letters")
        assert s.get(ActionItem, others.id).description == (
            "Ask [name removed] about the annual repairs")
        minutes = s.get(AgendaItem, item.id)
        assert minutes.minutes == f"[name removed] reported the leak. {NAME[0]} Nowak agreed."
        assert minutes.decision == "Thanks to [name removed]"
        assert s.get(OneToOne, talk.id).story == "Lives next door to [name removed]"
        assert s.get(Meeting, meeting.id).notes == "[name removed] offered to chair"
    places = {f"action {own.id}", f"action {others.id}", f"notes of meeting {meeting.id}",
              f"minutes of meeting {meeting.id} (agenda item {item.id})", f"one-to-one {talk.id}"}
    assert set(result.names_removed_from) == places == set(preview.names_removed_from)
    assert result.mentions == ()
    raw = db.sqlite_path.read_bytes()
    assert b"Quokkaberg" not in raw


def test_a_shared_surname_alone_is_listed_for_review_not_replaced(any_db: Database) -> None:
    db = any_db
    with db.session() as s:
        ann = add_member(s, first_name="Ann", last_name="Kowalski")
        add_member(s, first_name="Piotr", last_name="Kowalski")
        meeting = Meeting(title="Committee", starts_at=datetime(2026, 3, 1, 19, 0))
        s.add(meeting)
        s.flush()
        item = AgendaItem(meeting_id=meeting.id, position=1, title="Lift",
                          minutes="Kowalski reported on the lift. Ann Kowalski seconded. Annual review.")
        own = ActionItem(owner_id=ann.id, description="Kowalski to chase the council")
        s.add_all([item, own])
    with db.session() as s:
        assert preview_erasure(s, ann.id).check_by_hand == (
            f"minutes of meeting {meeting.id} (agenda item {item.id})",)
    result = erase_and_scrub(db, ann.id)
    with db.session() as s:
        assert s.get(AgendaItem, item.id).minutes == (
            "Kowalski reported on the lift. [name removed] seconded. Annual review.")
        assert s.get(ActionItem, own.id).description == "[name removed] to chase the council"
    assert result.mentions == (f"minutes of meeting {meeting.id} (agenda item {item.id})",)
    assert result.to_json()["still_mentioned_in"] == list(result.mentions)


def test_names_in_other_scripts_are_found_in_any_case_and_without_accents(any_db: Database) -> None:
    db = any_db
    with db.session() as s:
        eleni = add_member(s, first_name="Ελένη", last_name="Γεωργίου")
        meeting = Meeting(title="Γενική συνέλευση", starts_at=datetime(2026, 3, 1, 19, 0))
        s.add(meeting)
        s.flush()
        item = AgendaItem(meeting_id=meeting.id, position=1, title="Ταμείο",
                          minutes="Η ΓΕΩΡΓΙΟΥ παρουσίασε τον προϋπολογισμό. Ελενη Γεωργιου ψήφισε.")
        s.add(item)
    erase_and_scrub(db, eleni.id)
    with db.session() as s:
        assert s.get(AgendaItem, item.id).minutes == (
            "Η [name removed] παρουσίασε τον προϋπολογισμό. [name removed] ψήφισε.")


def test_subject_access_has_follow_ups_they_owe_minutes_naming_them_and_audit_about_them(
        db: Database, tmp_path: Path) -> None:
    member_id = _person_with_history(db)
    with db.session() as s:
        organiser = s.scalars(select(Member).where(Member.first_name == "Org")).one()
        pat = add_member(s, first_name="Pat", last_name="Third")
        owed = OneToOne(organiser_id=organiser.id, member_id=pat.id, held_on=date(2026, 3, 9),
                        follow_up_by_id=member_id, follow_up_on=date(2026, 3, 20),
                        next_step="Ring Pat about the petition")
        meeting = s.scalars(select(Meeting)).first()
        item = AgendaItem(meeting_id=meeting.id, position=1, title="Petition",
                          minutes=f"{NAME[0]} {NAME[1]} collected 80 signatures",
                          decision="Hand it in on Friday")
        s.add_all([owed, item])
    with db.session() as s:
        result = export_subject_access(s, member_id, tmp_path / "sar.json", group_name="Maple Court")
    assert not list(tmp_path.glob(".*.part"))  # written via owner-only temporary files
    data = json.loads(result.json_path.read_text(encoding="utf-8"))
    assert [(f["one_to_one_id"], f["next_step"], f["follow_up_on"]) for f in data["follow_ups_owed"]] \
        == [(owed.id, "Ring Pat about the petition", "2026-03-20")]
    assert [(m["agenda_item_id"], m["minutes"]) for m in data["minutes_naming_them"]] == [
        (item.id, f"{NAME[0]} {NAME[1]} collected 80 signatures")]
    about = {(e["record"], e["action"]) for e in data["audit_trail"]}
    assert {("member", "insert"), ("attendance", "insert"), ("one_to_one", "insert")} <= about
    pdf = subprocess.run(["pdftotext", "-layout", str(result.pdf_path), "-"], capture_output=True,
                         text=True, check=True).stdout
    for expected in ("Ring Pat about the petition", "collected 80 signatures", "attendance"):
        assert expected in pdf


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
