"""A read's and a write's life, without Qt (services/core/work.py, #14)."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import func, select, update

from communitydesk.db.engine import Database
from communitydesk.db.models import Member
from communitydesk.services.core.changes import Area
from communitydesk.services.core.work import ReadWroteError, run_read, run_write
from communitydesk.services.members.records import add_member


def test_a_write_commits_and_says_what_it_changed(db: Database) -> None:
    outcome = run_write(db, lambda s: add_member(s, first_name="Ann", last_name="Lee").id)
    assert outcome.changes.touches([Area.MEMBERS])
    assert run_read(db, lambda s: s.scalar(select(func.count(Member.id))), strict=True) == 1
    assert outcome.result == run_read(db, lambda s: s.scalar(select(Member.id)), strict=True)


def test_a_write_that_fails_leaves_nothing(db: Database) -> None:
    def half_done(session):  # noqa: ANN001, ANN202
        add_member(session, first_name="Ann", last_name="Lee")
        session.flush()
        raise ValueError("stop")

    with pytest.raises(ValueError):
        run_write(db, half_done)
    assert run_read(db, lambda s: s.scalar(select(func.count(Member.id)))) == 0


def test_a_read_that_writes_is_refused_when_strict_and_logged_otherwise(
        db: Database, caplog: pytest.LogCaptureFixture) -> None:
    run_write(db, lambda s: add_member(s, first_name="Ann", last_name="Lee"))

    def sneaky(session):  # noqa: ANN001, ANN202
        session.execute(update(Member).values(notes="touched"))
        return "read"

    with pytest.raises(ReadWroteError):
        run_read(db, sneaky, strict=True)
    with caplog.at_level(logging.WARNING, logger="communitydesk.work"):
        assert run_read(db, sneaky) == "read"
    assert "a read wrote to ['members']" in caplog.text


def test_progress_is_handed_to_work_that_reports_it(db: Database) -> None:
    seen: list[tuple[int, int]] = []

    def counting(_session, progress):  # noqa: ANN001, ANN202
        return progress(1, 2)

    assert run_read(db, counting, lambda done, total: seen.append((done, total)) or True) is True
    assert seen == [(1, 2)]
