"""`db check`: the database engine's own checks plus the schema revision.

Also finds ladder moves whose link to a one-to-one was erased by the cd0003
upgrade of earlier versions (it rebuilt one_to_ones with foreign keys on, so
ON DELETE SET NULL fired on every row), when the backup taken before that
upgrade still has them; ``db upgrade`` puts them back.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text

from communitydesk.db import migrate
from communitydesk.db.engine import Database
from communitydesk.db.sqlite_backup import BACKUP_PATTERN, backups_of, connect_read_only
from communitydesk.i18n import _, ngettext

FIRST_REVISION_WITHOUT_THE_LOSS = "cd0003"  # backups made before this still hold the links


@dataclass(frozen=True)
class LostLinks:
    backup: Path
    links: tuple[tuple[int, int], ...]  # (stage_changes.id, one_to_one_id)

    def describe(self) -> str:
        return ngettext("{count} ladder move lost its link to a one-to-one in an earlier upgrade; "
                        "`db upgrade` restores it from {backup}",
                        "{count} ladder moves lost their link to a one-to-one in an earlier upgrade; "
                        "`db upgrade` restores them from {backup}", len(self.links)).format(
                            count=len(self.links), backup=self.backup)


def check_database(db: Database) -> list[str]:
    """Return the problems found; an empty list means the database is healthy."""
    problems: list[str] = []
    with db.engine.connect() as conn:
        if db.is_sqlite:
            for (line,) in conn.execute(text("PRAGMA integrity_check")):
                if line != "ok":
                    problems.append(f"integrity: {line}")
            for row in conn.execute(text("PRAGMA foreign_key_check")):
                problems.append("foreign key: " + _(
                    "row {row} of table {table} points at a missing {target}").format(
                        row=row[1], table=row[0], target=row[2]))
        revision = migrate.current_revision(conn)
    if revision != migrate.head_revision():
        problems.append("schema: " + _("at {revision}, expected {head} (run db upgrade)").format(
            revision=revision, head=migrate.head_revision()))
    elif (lost := find_lost_links(db)) is not None:
        problems.append(f"links: {lost.describe()}")
    return problems


def _read(path: Path, sql: str) -> list[tuple]:
    con = connect_read_only(path)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def find_lost_links(db: Database) -> LostLinks | None:
    """Links the newest old-enough before-upgrade backup has and the live file lost."""
    if db.sqlite_path is None:
        return None
    with db.engine.connect() as conn:
        unlinked = {r[0]: (r[1], r[2]) for r in conn.execute(text(
            "SELECT id, member_id, to_stage FROM stage_changes WHERE one_to_one_id IS NULL"))}
        if not unlinked:
            return None
        talks = dict(conn.execute(text("SELECT id, member_id FROM one_to_ones")).all())
    for backup in backups_of(db.backups_dir, db.sqlite_path.stem):
        match = BACKUP_PATTERN.match(backup.name)
        if match is None or match["reason"] != "before-upgrade":
            continue
        try:
            revision = _read(backup, "SELECT version_num FROM alembic_version")
            if not revision or revision[0][0] >= FIRST_REVISION_WITHOUT_THE_LOSS:
                continue
            old_talks = dict(_read(backup, "SELECT id, member_id FROM one_to_ones"))
            old_moves = _read(backup, "SELECT id, member_id, to_stage, one_to_one_id FROM stage_changes "
                                      "WHERE one_to_one_id IS NOT NULL")
        except sqlite3.Error:
            continue
        links = tuple(
            (move_id, talk_id) for move_id, member_id, stage, talk_id in old_moves
            if unlinked.get(move_id) == (member_id, stage)
            and talk_id in talks and talks[talk_id] == old_talks.get(talk_id)
        )
        if links:
            return LostLinks(backup=backup, links=links)
    return None


def restore_lost_links(db: Database, lost: LostLinks) -> int:
    """Put the links back (only where still empty); return how many."""
    with db.engine.begin() as conn:
        done = 0
        for move_id, talk_id in lost.links:
            done += conn.execute(text(
                "UPDATE stage_changes SET one_to_one_id = :talk WHERE id = :move AND one_to_one_id IS NULL"),
                {"talk": talk_id, "move": move_id}).rowcount
    return done
