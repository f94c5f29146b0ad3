"""The legacy register import: the fixture by hand, idempotency, messy variants, refusals."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from communitydesk.db.engine import Database
from communitydesk.db.models import Attendance, Meeting, Member
from communitydesk.errors import UserError
from communitydesk.services.attendance.importing import ImportCancelled, import_register_file
from communitydesk.services.attendance.register import meeting_counts
from communitydesk.services.meetings.planning import add_meeting, cancel_meeting, list_meetings
from communitydesk.services.members.records import add_member, list_members
from tests.paths import FIXTURES

LEGACY = FIXTURES / "legacy_attendance.csv"

# Counted by hand from the fixture, column by column (Y y ✓ ✔ x = present, A = apologies).
FIXTURE_COUNTS = {
    date(2026, 1, 6): (11, 3),
    date(2026, 2, 3): (11, 3),
    date(2026, 3, 3): (12, 2),
    date(2026, 4, 7): (14, 1),
    date(2026, 5, 5): (8, 1),
    date(2026, 6, 2): (10, 3),
    date(2026, 7, 7): (11, 1),
    date(2026, 8, 4): (12, 0),
}


def _snapshot(db: Database) -> tuple:
    with db.session() as s:
        meetings = s.execute(select(Meeting.id, Meeting.title, Meeting.starts_at, Meeting.status)
                             .order_by(Meeting.id)).all()
        members = s.execute(select(Member.id, Member.first_name, Member.last_name, Member.email,
                                   Member.status).order_by(Member.id)).all()
        entries = s.execute(select(Attendance.meeting_id, Attendance.member_id, Attendance.status)
                            .order_by(Attendance.meeting_id, Attendance.member_id)).all()
    return meetings, members, entries


def test_fixture_imports_with_hand_counted_totals_and_twice_is_once(any_db: Database) -> None:
    with any_db.session() as s:
        first = import_register_file(s, LEGACY)
    assert (first.meetings_created, first.members_created, first.entries, first.rejected) == (8, 16, 103, ())
    once = _snapshot(any_db)
    with any_db.session() as s:
        second = import_register_file(s, LEGACY)
    assert (second.meetings_created, second.members_created, second.entries_changed) == (0, 0, 0)
    assert second.to_json() == {"meetings_created": 0, "members_created": 0, "entries": 103, "rejected": []}
    assert _snapshot(any_db) == once
    with any_db.session() as s:
        meetings = list_meetings(s)
        counts = meeting_counts(s, [m.id for m in meetings])
        by_date = {m.starts_at.date(): counts[m.id] for m in meetings}
        names = {m.full_name for m in list_members(s)}
    assert by_date == FIXTURE_COUNTS
    assert sum(p for p, _ in FIXTURE_COUNTS.values()) == 89
    assert {"Łukasz Wróbel", "Ελένη Παπαδοπούλου", "Aoife Nic Giolla Phádraig", "Дмитрий Иванов"} <= names
    assert all(m.status == "held" and m.title == "General meeting" for m in meetings)


def test_matches_existing_members_and_meetings(db: Database, tmp_path: Path) -> None:
    with db.session() as s:
        lukasz = add_member(s, first_name="Lukasz", last_name="WROBEL")
        noor = add_member(s, first_name="Noor", last_name="Haddad", email="noor@example.org")
        other = add_meeting(s, title="Social", starts_at=datetime(2026, 1, 6, 12))
        general = add_meeting(s, title="Committee", starts_at=datetime(2026, 1, 6, 19))
    path = tmp_path / "reg.csv"
    path.write_text("First Name;Last Name;Email;2026-01-06\n"
                    "Łukasz;Wróbel;;Y\n"
                    "N.;Haddad;NOOR@example.org;A\n", encoding="utf-8")
    with db.session() as s:
        result = import_register_file(s, path, title="committee")
        rows = s.execute(select(Attendance.meeting_id, Attendance.member_id, Attendance.status)).all()
    assert (result.meetings_created, result.members_created, result.members_matched) == (0, 0, 2)
    assert sorted((m, p, st.value) for m, p, st in rows) == [
        (general.id, lukasz.id, "present"), (general.id, noor.id, "apologies")]
    assert other.id != general.id


def test_messy_windows_register_reports_unreadable_cells(db: Database, tmp_path: Path) -> None:
    text = ("Surname,Forename,31/01/2026,28/02/2026,Notes,12/31/2026,\n"
            "Müller,  Jürgen ,  ✔ , maybe ,keen,Y,\n"
            ",,Y,A,,,\n"
            "Müller,Jürgen,A,N,,,\n"
            "Brontë,Anne,no,apologies,\n")
    path = tmp_path / "old register.csv"
    path.write_bytes(text.replace("✔", "Y").encode("cp1252"))
    with db.session() as s:
        result = import_register_file(s, path)
        marks = sorted((m.full_name, st.value) for m, st in s.execute(
            select(Member, Attendance.status).join(Attendance, Attendance.member_id == Member.id)).all())
    reasons = {(p.row, p.column): p.reason for p in result.rejected}
    assert "neither a person column" in reasons[(1, "Notes")]
    assert "--monthfirst" in reasons[(1, "12/31/2026")]
    assert "cannot read the mark 'maybe'" in reasons[(2, "28/02/2026")]
    assert any(p.row == 3 and "no name" in p.reason for p in result.rejected)
    assert "same person as row 2" in reasons[(4, "Name")]
    assert result.members_created == 2 and result.meetings_created == 2
    # Jürgen: present (row 2) wins over apologies (row 4) on 31/01; explicit N on 28/02 kept as absent.
    assert marks == [("Anne Brontë", "absent"), ("Anne Brontë", "apologies"),
                     ("Jürgen Müller", "absent"), ("Jürgen Müller", "present")]


def test_xlsx_with_real_date_cells_and_monthfirst(db: Database, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Name", datetime(2025, 9, 2), "09/30/2025"])
    sheet.append(["Zoë Hughes", "✓", "y"])
    sheet.append(["Chidi Okonkwo", None, "A"])
    path = tmp_path / "register.xlsx"
    book.save(path)
    with db.session() as s:
        result = import_register_file(s, path, monthfirst=True, title="Street meeting")
        counts = meeting_counts(s, [m.id for m in list_meetings(s)])
        dates = [m.starts_at.date() for m in list_meetings(s)]
    assert result.rejected == () and result.entries == 3
    assert dates == [date(2025, 9, 2), date(2025, 9, 30)]
    assert sorted(counts.values()) == [(1, 0), (1, 1)]


@pytest.mark.parametrize(("content", "message"), [
    (b"", "is empty"),
    (b"\x00\x01\x02\xff\xfe\x00binary" * 50, "register.csv"),
    (b"Email,Phone\na@example.org,1\n", "no name column"),
    (b"Name,Street\nAna,High St\n", "no meeting-date columns"),
])
def test_unusable_files_are_refused_and_nothing_is_written(db: Database, tmp_path: Path,
                                                           content: bytes, message: str) -> None:
    path = tmp_path / "register.csv"
    path.write_bytes(content)
    before = _snapshot(db)
    with pytest.raises(UserError, match=message), db.session() as s:
        import_register_file(s, path)
    assert _snapshot(db) == before


def test_cancel_midway_leaves_the_database_as_it_was(db: Database) -> None:
    before = _snapshot(db)
    with pytest.raises(ImportCancelled), db.session() as s:
        import_register_file(s, LEGACY, progress=lambda done, total: done < 5)
    assert _snapshot(db) == before
    with db.session() as s:
        assert s.scalar(select(func.count(Member.id))) == 0


def test_namesakes_are_reported_and_cancelled_meetings_not_matched(db: Database, tmp_path: Path) -> None:
    with db.session() as s:
        first = add_member(s, first_name="John", last_name="Smith")
        add_member(s, first_name="John", last_name="Smith", email="john2@example.org")
        cancelled = add_meeting(s, title="General meeting", starts_at=datetime(2026, 1, 6, 19))
        cancel_meeting(s, cancelled.id)
    path = tmp_path / "reg.csv"
    path.write_text("Name,06/01/2026\nJohn Smith,Y\n", encoding="utf-8")
    with db.session() as s:
        result = import_register_file(s, path)
        entries = s.execute(select(Attendance.meeting_id, Attendance.member_id)).all()
    assert result.meetings_created == 1 and result.members_created == 0
    assert [(p.row, p.column) for p in result.rejected] == [(2, "Name")]
    assert f"member {first.id}" in result.rejected[0].reason
    assert entries == [(cancelled.id + 1, first.id)]
