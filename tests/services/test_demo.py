"""Demo data: believable, deterministic, many scripts."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from communitydesk.db.engine import Database
from communitydesk.db.models import (
    ActionItem,
    ActionStatus,
    Attendance,
    AttendanceStatus,
    Meeting,
    OneToOne,
)
from communitydesk.errors import UserError
from communitydesk.services.demo import fill_demo_data
from communitydesk.services.members import list_members


def test_demo_group_has_everything(demo_db: Database) -> None:
    with demo_db.session() as s:
        members = list_members(s)
        names = " ".join(m.full_name for m in members)
        assert len(members) >= 60
        for letter in ("Ł", "ş", "Γ", "Д", "á"):
            assert letter.lower() in names.lower() or letter in names
        assert s.scalar(select(func.count(Meeting.id))) == 12
        assert s.scalar(select(func.count(Attendance.id)).where(Attendance.status == AttendanceStatus.APOLOGIES)) > 0
        overdue = s.scalar(select(func.count(ActionItem.id)).where(
            ActionItem.status == ActionStatus.OPEN, ActionItem.due_on < date(2026, 6, 15)))
        assert overdue > 0
        assert s.scalar(select(func.count(OneToOne.id))) >= 4
        assert any(m.status == "prospect" for m in members)


def test_demo_is_deterministic(tmp_path, paths) -> None:
    from communitydesk.db.engine import open_database

    names = []
    for i in range(2):
        db = open_database(str(tmp_path / f"d{i}.sqlite3"), backups_dir=paths.backups_dir)
        with db.session() as s:
            fill_demo_data(s, seed=42, today=date(2026, 1, 1))
            names.append([m.full_name for m in list_members(s)])
        db.dispose()
    assert names[0] == names[1]


def test_demo_refuses_a_database_with_members(demo_db: Database) -> None:
    with demo_db.session() as s, pytest.raises(UserError, match="already has members"):
        fill_demo_data(s)
