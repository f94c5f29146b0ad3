"""Subject-access export and erasure: what a group owes each person it keeps data on.

``subject_access_data`` gathers everything held on one person, confidential
one-to-one notes included (they have a right to see them). ``erase_member``
clears every personal field but keeps the person's attendance rows, so
attendance totals in reports stay true; ``scrub_deleted_data`` then rewrites
the SQLite file so the old values are not left in free pages or the WAL.
``erase_and_scrub`` is the whole act as a person triggers it: backup, erase, scrub.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from communitydesk.db.engine import Database
from communitydesk.db.models import (
    ActionItem,
    AgendaItem,
    Attendance,
    AuditEntry,
    Meeting,
    Member,
    OneToOne,
    StageChange,
)
from communitydesk.db.sqlite_backup import owner_only
from communitydesk.errors import UserError
from communitydesk.files import atomic_write
from communitydesk.services.jsonable import dumps
from communitydesk.services.members import EDITABLE_FIELDS
from communitydesk.services.text import fold

# Cleared on erasure. Status, joined_on and the ladder stage stay: they identify
# nobody on their own and reports (attendance rate, ladder counts) depend on them.
PERSONAL_FIELDS = (
    "preferred_name", "pronouns", "email", "phone", "address_line1", "address_line2",
    "town", "postcode", "notes", "consent_date", "consent_source",
)
ONE_TO_ONE_NOTES = ("interests", "story", "issues", "commitments", "next_step")
ANONYMOUS_FIRST_NAME = "Anonymised"


def anonymous_name(member_id: int) -> tuple[str, str]:
    return ANONYMOUS_FIRST_NAME, f"member #{member_id}"


@dataclass(frozen=True)
class ErasureResult:
    member_id: int
    one_to_ones_cleared: int
    attendance_kept: int
    backup: Path | None
    scrubbed: bool
    mentions: tuple[str, ...] = ()

    def to_json(self) -> dict:
        return {"member_id": self.member_id, "one_to_ones_cleared": self.one_to_ones_cleared,
                "attendance_kept": self.attendance_kept,
                "backup": str(self.backup) if self.backup else None, "scrubbed": self.scrubbed,
                "still_mentioned_in": list(self.mentions)}


@dataclass(frozen=True)
class ExportResult:
    member_id: int
    json_path: Path
    pdf_path: Path

    def to_json(self) -> dict:
        return {"member_id": self.member_id, "json": str(self.json_path), "pdf": str(self.pdf_path)}


def _member(session: Session, member_id: int) -> Member:
    member = session.get(Member, member_id)
    if member is None:
        raise UserError(f"no member with id {member_id}")
    return member


def subject_access_data(session: Session, member_id: int, *, now: datetime | None = None) -> dict:
    """Everything held on one person, as plain JSON-ready values."""
    m = _member(session, member_id)
    meetings = {mt.id: mt for mt in session.scalars(select(Meeting).where(Meeting.id.in_(
        select(Attendance.meeting_id).where(Attendance.member_id == member_id))))}
    attendance = [
        {"meeting_id": a.meeting_id, "meeting": meetings[a.meeting_id].title,
         "starts_at": meetings[a.meeting_id].starts_at, "status": a.status.value,
         "checked_in_at": a.checked_in_at}
        for a in session.scalars(select(Attendance).where(Attendance.member_id == member_id))
    ]
    attendance.sort(key=lambda a: a["starts_at"])
    actions = [
        {"id": a.id, "description": a.description, "due_on": a.due_on, "status": a.status.value,
         "meeting_id": a.meeting_id, "note": a.note, "closed_at": a.closed_at}
        for a in session.scalars(select(ActionItem).where(ActionItem.owner_id == member_id)
                                 .order_by(ActionItem.id))
    ]
    one_to_ones = []
    for o in session.scalars(select(OneToOne).where(OneToOne.member_id == member_id)
                             .order_by(OneToOne.held_on)):
        organiser = session.get(Member, o.organiser_id) if o.organiser_id else None
        one_to_ones.append({
            "id": o.id, "held_on": o.held_on, "medium": o.medium.value,
            "organiser": organiser.full_name if organiser else None,
            "duration_minutes": o.duration_minutes, "interests": o.interests, "story": o.story,
            "issues": o.issues, "commitments": o.commitments, "next_step": o.next_step,
            "follow_up_on": o.follow_up_on, "stage_after": o.stage_after,
        })
    held_as_organiser = list(session.scalars(
        select(OneToOne.held_on).where(OneToOne.organiser_id == member_id).order_by(OneToOne.held_on)))
    roles = [
        {"meeting_id": mt.id, "meeting": mt.title, "starts_at": mt.starts_at,
         "role": "chair" if mt.chair_id == member_id else "minute taker"}
        for mt in session.scalars(select(Meeting).where(
            (Meeting.chair_id == member_id) | (Meeting.minute_taker_id == member_id))
            .order_by(Meeting.starts_at))
    ]
    stages = [
        {"changed_at": s.changed_at, "from": s.from_stage, "to": s.to_stage, "reason": s.reason}
        for s in session.scalars(select(StageChange).where(StageChange.member_id == member_id)
                                 .order_by(StageChange.changed_at, StageChange.id))
    ]
    audit = [
        {"at": e.at, "by": e.user_name, "action": e.action,
         "fields": json.loads(e.changes) if e.changes else []}
        for e in session.scalars(select(AuditEntry).where(
            AuditEntry.entity == "member", AuditEntry.entity_id == member_id).order_by(AuditEntry.id))
    ]
    details = {name: getattr(m, name) for name in EDITABLE_FIELDS}
    details["status"] = m.status.value
    return {
        "generated_at": (now or datetime.now()).replace(microsecond=0),
        "member_id": m.id,
        "details": details,
        "record": {"created_at": m.created_at, "updated_at": m.updated_at,
                   "archived_at": m.archived_at, "anonymised_at": m.anonymised_at},
        "tags": [t.name for t in m.tags],
        "consent": {"email": m.consent_email, "phone": m.consent_phone, "post": m.consent_post,
                    "date": m.consent_date, "source": m.consent_source},
        "attendance": attendance,
        "actions": actions,
        "one_to_ones": one_to_ones,
        "one_to_ones_held_as_organiser": held_as_organiser,
        "meeting_roles": roles,
        "stage_changes": stages,
        "audit_trail": audit,
    }


def export_subject_access(session: Session, member_id: int, target: Path, *,
                          group_name: str = "") -> ExportResult:
    """Write the JSON and a readable PDF (same stem; ``target``'s suffix picks which is named)."""
    from communitydesk.pdf.subject_access import build_subject_access_pdf

    target = target.expanduser()
    if target.is_dir():
        raise UserError(f"{target} is a folder; give a file name such as {target / 'export.json'}")
    if not target.parent.exists():
        raise UserError(f"cannot write {target}: the folder {target.parent} does not exist")
    json_path = target if target.suffix.lower() != ".pdf" else target.with_suffix(".json")
    pdf_path = target if target.suffix.lower() == ".pdf" else target.with_suffix(".pdf")
    data = subject_access_data(session, member_id)
    atomic_write(json_path, dumps(data).encode("utf-8"))  # all or nothing, 0600 (communitydesk.files)
    build_subject_access_pdf(data, pdf_path, group_name=group_name)
    owner_only(pdf_path)
    return ExportResult(member_id=member_id, json_path=json_path, pdf_path=pdf_path)


def _write_private(path: Path, data: bytes) -> None:
    """Personal data on disk: create owner-only, write via a temporary file."""
    tmp = path.with_name(f".{path.name}.part")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UserError(f"cannot write {path}: {exc.strerror}") from exc


def erase_member(session: Session, member_id: int, *, now: datetime | None = None) -> ErasureResult:
    """Clear every personal value of one member; attendance rows stay as anonymous counts."""
    m = _member(session, member_id)
    if m.anonymised_at is not None:
        raise UserError(f"member {member_id} was already anonymised on {m.anonymised_at:%Y-%m-%d}")
    m.first_name, m.last_name = anonymous_name(m.id)
    for name in PERSONAL_FIELDS:
        setattr(m, name, None)
    m.consent_email = m.consent_phone = m.consent_post = False
    m.tags = []
    stamp = (now or datetime.now()).replace(microsecond=0)
    m.anonymised_at = stamp
    m.archived_at = m.archived_at or stamp
    cleared = 0
    for o in session.scalars(select(OneToOne).where(OneToOne.member_id == member_id)):
        for name in ONE_TO_ONE_NOTES:
            setattr(o, name, None)
        cleared += 1
    for change in session.scalars(select(StageChange).where(StageChange.member_id == member_id)):
        change.reason = None
    kept = len(session.scalars(select(Attendance.id).where(Attendance.member_id == member_id)).all())
    session.flush()
    return ErasureResult(member_id=member_id, one_to_ones_cleared=cleared, attendance_kept=kept,
                         backup=None, scrubbed=False)


def scrub_deleted_data(db: Database) -> bool:
    """Make cleared values unrecoverable from the database file itself.

    SQLite keeps old row images in free pages and in the WAL; a VACUUM rewrites
    every page and a TRUNCATE checkpoint empties the WAL. On PostgreSQL a VACUUM
    of the personal tables removes the dead row versions. Returns True if done.
    """
    with db.engine.connect() as conn:
        conn = conn.execution_options(isolation_level="AUTOCOMMIT")
        if db.is_sqlite:
            conn.exec_driver_sql("PRAGMA secure_delete=ON")
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.exec_driver_sql("VACUUM")
            busy, _log, _done = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
            return busy == 0
        if db.engine.dialect.name == "postgresql":
            for table in ("members", "one_to_ones", "stage_changes", "member_tags"):
                conn.execute(text(f"VACUUM {table}"))
            return True
    return False


def erase_and_scrub(db: Database, member_id: int, *, backup: bool = True) -> ErasureResult:
    """Erase as a person does it: backup first, erase in one transaction, then scrub the file."""
    with db.session() as session:
        m = _member(session, member_id)  # unknown id: refuse before taking a backup
        if m.anonymised_at is not None:
            raise UserError(f"member {member_id} was already anonymised on {m.anonymised_at:%Y-%m-%d}")
        mentions = tuple(mentions_elsewhere(session, m.full_name, member_id=member_id))
    taken = db.backup(reason="before-erase") if backup and db.is_sqlite else None
    with db.session() as session:
        result = erase_member(session, member_id)
    scrubbed = scrub_deleted_data(db)
    return ErasureResult(member_id=result.member_id, one_to_ones_cleared=result.one_to_ones_cleared,
                         attendance_kept=result.attendance_kept, backup=taken, scrubbed=scrubbed,
                         mentions=mentions)


def mentions_elsewhere(session: Session, name: str, *, member_id: int | None = None) -> list[str]:
    """Free text that still names someone (minutes, notes): erasure cannot safely edit prose.

    The database narrows the rows down with LIKE on the longest word of the
    name as written; Python then confirms with accent/case folding.
    """
    needle = fold(name.strip())
    words = sorted(name.split(), key=len)
    if len(needle) < 3 or not words:
        return []
    like = f"%{words[-1]}%"

    def hit(*texts: str | None) -> bool:
        return any(t and needle in fold(t) for t in texts)

    found: list[str] = []
    for item_id, meeting_id, minutes, decision in session.execute(select(
            AgendaItem.id, AgendaItem.meeting_id, AgendaItem.minutes, AgendaItem.decision)
            .where(AgendaItem.minutes.like(like) | AgendaItem.decision.like(like))):
        if hit(minutes, decision):
            found.append(f"minutes of meeting {meeting_id} (agenda item {item_id})")
    for meeting_id, notes in session.execute(select(Meeting.id, Meeting.notes)
                                             .where(Meeting.notes.like(like))):
        if hit(notes):
            found.append(f"notes of meeting {meeting_id}")
    for action_id, description, note in session.execute(
            select(ActionItem.id, ActionItem.description, ActionItem.note)
            .where(ActionItem.description.like(like) | ActionItem.note.like(like))):
        if hit(description, note):
            found.append(f"action {action_id}")
    text_columns = (OneToOne.story, OneToOne.issues, OneToOne.interests, OneToOne.next_step,
                    OneToOne.commitments)
    query = select(OneToOne.id, *text_columns).where(OneToOne.member_id != (member_id or -1))
    condition = text_columns[0].like(like)
    for column in text_columns[1:]:
        condition = condition | column.like(like)
    for row in session.execute(query.where(condition)):
        if hit(*row[1:]):
            found.append(f"one-to-one {row[0]}")
    return found
