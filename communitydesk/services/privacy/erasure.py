"""Subject-access export and erasure: what a group owes each person it keeps data on.

``subject_access_data`` gathers everything held on one person, confidential
one-to-one notes included (they have a right to see them). ``erase_member``
clears every personal field, takes their name out of free text
(services.privacy.name_mentions), and keeps the person's attendance rows, so
attendance totals in reports stay true; services.privacy.file_scrub then makes the old
values unrecoverable from the SQLite file (now, or on the next open when
another program is reading it). ``erase_and_scrub`` is the whole act as a
person triggers it: backup, erase, scrub.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import or_, select
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
from communitydesk.errors import UserError
from communitydesk.files import atomic_open, atomic_write
from communitydesk.i18n import _
from communitydesk.services.backups.safety import backup_before
from communitydesk.services.core.jsonable import dumps
from communitydesk.services.core.lookup import fetch
from communitydesk.services.dues.privacy import anonymise_payments, dues_for_subject_access
from communitydesk.services.members.records import EDITABLE_FIELDS
from communitydesk.services.privacy.file_scrub import PENDING_NOTE, scrub_or_mark_pending
from communitydesk.services.privacy.name_mentions import MentionScan, remove_names, scan_mentions
from communitydesk.services.settings.group_settings import load_settings

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
    mentions: tuple[str, ...] = ()  # a shared surname still stands alone there: check by hand
    names_removed_from: tuple[str, ...] = ()

    @property
    def scrub_note(self) -> str | None:
        """Plain words for a person when the file still holds the old values."""
        return None if self.scrubbed else _("not finished: {note}").format(note=_(PENDING_NOTE))

    def to_json(self) -> dict:
        return {"member_id": self.member_id, "one_to_ones_cleared": self.one_to_ones_cleared,
                "attendance_kept": self.attendance_kept,
                "backup": str(self.backup) if self.backup else None, "scrubbed": self.scrubbed,
                "scrub_pending": not self.scrubbed,
                "names_removed_from": list(self.names_removed_from),
                "still_mentioned_in": list(self.mentions)}


@dataclass(frozen=True)
class ErasurePreview:
    """What erasing a person will touch, shown before they confirm."""

    member_id: int
    name: str
    names_removed_from: tuple[str, ...]
    check_by_hand: tuple[str, ...]


@dataclass(frozen=True)
class ExportResult:
    member_id: int
    json_path: Path
    pdf_path: Path

    def to_json(self) -> dict:
        return {"member_id": self.member_id, "json": str(self.json_path), "pdf": str(self.pdf_path)}


def _member(session: Session, member_id: int) -> Member:
    member = fetch(session, Member, member_id)
    return member


def _erasable(session: Session, member_id: int) -> Member:
    m = _member(session, member_id)
    if m.anonymised_at is not None:
        raise UserError(_("member {id} was already anonymised on {date}").format(
            id=member_id, date=f"{m.anonymised_at:%Y-%m-%d}"))
    return m


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
    follow_ups = []
    for o in session.scalars(select(OneToOne).where(OneToOne.follow_up_by_id == member_id,
                                                    OneToOne.member_id != member_id)
                             .order_by(OneToOne.held_on, OneToOne.id)):
        about = session.get(Member, o.member_id)
        follow_ups.append({"one_to_one_id": o.id, "with": about.full_name if about else None,
                           "held_on": o.held_on, "next_step": o.next_step,
                           "follow_up_on": o.follow_up_on, "done_at": o.follow_up_done_at})
    minutes = _minutes_naming(session, m)
    audit = _audit_about(session, member_id, one_to_ones=[o["id"] for o in one_to_ones],
                         actions=[a["id"] for a in actions])
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
        "dues": dues_for_subject_access(session, member_id),  # #17: plan and payments
        "actions": actions,
        "one_to_ones": one_to_ones,
        "one_to_ones_held_as_organiser": held_as_organiser,
        "follow_ups_owed": follow_ups,
        "minutes_naming_them": minutes,
        "meeting_roles": roles,
        "offices": _offices(session, member_id),
        "stage_changes": stages,
        "audit_trail": audit,
    }


def _offices(session: Session, member_id: int) -> list[dict]:
    """Offices they were elected to (#16), oldest first: office, from, to (None while in office)."""
    from communitydesk.services.motions.elections import officer_terms

    return [{"office": t.office, "from": t.starts_on, "to": t.ends_on}
            for t in reversed(officer_terms(session, member_id))]


def _minutes_naming(session: Session, m: Member) -> list[dict]:
    """Agenda items whose title, minutes or decision name the person (as erasure finds them)."""
    items = {c.obj.id: c.obj for c in scan_mentions(session, m).changes
             if isinstance(c.obj, AgendaItem)}
    found = []
    for item in items.values():
        meeting = session.get(Meeting, item.meeting_id)
        found.append({"meeting_id": meeting.id, "meeting": meeting.title,
                      "starts_at": meeting.starts_at, "agenda_item_id": item.id,
                      "item": item.title, "minutes": item.minutes, "decision": item.decision})
    found.sort(key=lambda f: (f["starts_at"], f["agenda_item_id"]))
    return found


def _audit_about(session: Session, member_id: int, *, one_to_ones: list[int],
                 actions: list[int]) -> list[dict]:
    """Changes to their record and to the records about them: attendance, one-to-ones, actions."""
    attendance = list(session.scalars(select(Attendance.id).where(Attendance.member_id == member_id)))
    about = [(AuditEntry.entity == "member") & (AuditEntry.entity_id == member_id)]
    for entity, ids in (("attendance", attendance), ("one_to_one", one_to_ones), ("action", actions)):
        for start in range(0, len(ids), 500):
            about.append((AuditEntry.entity == entity)
                         & AuditEntry.entity_id.in_(ids[start:start + 500]))
    return [
        {"at": e.at, "by": e.user_name, "action": e.action, "record": e.entity,
         "record_id": e.entity_id, "fields": json.loads(e.changes) if e.changes else []}
        for e in session.scalars(select(AuditEntry).where(or_(*about)).order_by(AuditEntry.id))
    ]


def export_subject_access(session: Session, member_id: int, target: Path, *,
                          group_name: str = "") -> ExportResult:
    """Write the JSON and a readable PDF (same stem; ``target``'s suffix picks which is named)."""
    from communitydesk.pdf.subject_access import build_subject_access_pdf

    target = target.expanduser()
    if target.is_dir():
        raise UserError(_("{file} is a folder; give a file name such as {example}").format(
            file=target, example=target / "export.json"))
    if not target.parent.exists():
        raise UserError(_("cannot write {file}: the folder {folder} does not exist").format(
            file=target, folder=target.parent))
    json_path = target if target.suffix.lower() != ".pdf" else target.with_suffix(".json")
    pdf_path = target if target.suffix.lower() == ".pdf" else target.with_suffix(".pdf")
    data = subject_access_data(session, member_id)
    # Personal data on disk: all or nothing, owner-only from the first byte (communitydesk.files).
    atomic_write(json_path, dumps(data).encode("utf-8"))
    with atomic_open(pdf_path, "wb") as fh:
        build_subject_access_pdf(data, fh, group_name=group_name,  # the group's language (#19)
                                 language=load_settings(session).language)
    return ExportResult(member_id=member_id, json_path=json_path, pdf_path=pdf_path)


def erase_member(session: Session, member_id: int, *, now: datetime | None = None) -> ErasureResult:
    """Clear every personal value of one member; attendance rows stay as anonymous counts."""
    m = _erasable(session, member_id)
    texts = remove_names(session, m)  # needs their names: before they are cleared
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
    anonymise_payments(session, member_id)  # #17: payments stay (the accounts add up), references go
    session.flush()
    return ErasureResult(member_id=member_id, one_to_ones_cleared=cleared, attendance_kept=kept,
                         backup=None, scrubbed=False, mentions=texts.review,
                         names_removed_from=texts.places)


def preview_erasure(session: Session, member_id: int) -> ErasurePreview:
    """Refuses an unknown or already anonymised person; lists the texts their name leaves."""
    m = _erasable(session, member_id)
    scan: MentionScan = scan_mentions(session, m)
    return ErasurePreview(member_id=m.id, name=m.full_name, names_removed_from=scan.places,
                          check_by_hand=scan.review)


def erase_and_scrub(db: Database, member_id: int, *, backup: bool = True) -> ErasureResult:
    """Erase as a person does it: backup first, erase in one transaction, then scrub the file."""
    with db.session() as session:
        _erasable(session, member_id)  # unknown id: refuse before taking a backup
    taken = backup_before(db, "erase") if backup else None
    with db.session() as session:
        result = erase_member(session, member_id)
    scrubbed = scrub_or_mark_pending(db)
    return ErasureResult(member_id=result.member_id, one_to_ones_cleared=result.one_to_ones_cleared,
                         attendance_kept=result.attendance_kept, backup=taken, scrubbed=scrubbed,
                         mentions=result.mentions, names_removed_from=result.names_removed_from)
