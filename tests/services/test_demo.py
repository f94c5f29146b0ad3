"""Demo data: believable, deterministic, many scripts."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from communitydesk.db.engine import Database
from communitydesk.db.models import ActionItem, Attendance, Meeting, OneToOne
from communitydesk.domain import ActionStatus, AttendanceStatus
from communitydesk.errors import UserError
from communitydesk.services.demo.fill import fill_demo_data
from communitydesk.services.members.records import list_members


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


def test_demo_names_fit_together(demo_db: Database) -> None:
    """A Polish, Ukrainian, Greek or Irish surname takes the form that fits the first name
    (Wiśniewska, Иванова, Παπαδοπούλου, Ní Bhriain), and no two demo people share a name."""
    from communitydesk.services.demo.names import NAME_POOLS

    wrong = []
    with demo_db.session() as s:
        members = list_members(s)
    for women, men, women_surnames, men_surnames in NAME_POOLS.values():
        only_women, only_men = set(women_surnames) - set(men_surnames), set(men_surnames) - set(women_surnames)
        wrong += [m.full_name for m in members
                  if (m.first_name in women and m.last_name in only_men)
                  or (m.first_name in men and m.last_name in only_women)]
    assert wrong == []
    names = [m.full_name for m in members]
    assert len(names) == len(set(names))
    women_only = {n for pool in NAME_POOLS.values() for n in set(pool[2]) - set(pool[3])}
    assert women_only & {m.last_name for m in members}  # the gendered forms are really used


def test_a_bigger_demo_than_there_are_distinct_names_still_finishes(db: Database) -> None:
    """About 300 first-and-last pairs exist; asking for more used to loop forever."""
    with db.session() as s:
        summary = fill_demo_data(s, members=450, meetings=2, today=date(2026, 6, 15))
    assert summary.members >= 450
