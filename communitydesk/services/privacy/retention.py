"""Retention rules: who has been gone long enough that the group should stop keeping their data.

Two rules from the group settings (0 months turns a rule off):
``retention_lapsed_months`` for lapsed or left members, counted from their
last sign of life (record change, attendance, one-to-one), and
``retention_prospect_months`` for prospects never seen again since then.
Listing never changes anything; ``apply_retention`` erases only the ids the
person confirmed, after one backup.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from dateutil.relativedelta import relativedelta
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from communitydesk.db.engine import Database
from communitydesk.db.models import Attendance, Meeting, Member, OneToOne
from communitydesk.domain import AttendanceStatus, MemberStatus
from communitydesk.errors import UserError
from communitydesk.i18n import _, ngettext
from communitydesk.services.backups.safety import backup_before
from communitydesk.services.core.ids import MemberId
from communitydesk.services.privacy.erasure import erase_member
from communitydesk.services.privacy.file_scrub import scrub_or_mark_pending
from communitydesk.services.settings.group_settings import load_settings


@dataclass(frozen=True)
class RetentionCandidate:
    id: MemberId
    name: str
    status: str
    last_seen: date
    rule: str

    def to_json(self) -> dict:
        return {"id": self.id, "name": self.name, "status": self.status,
                "last_seen": self.last_seen, "rule": self.rule}


@dataclass(frozen=True)
class RetentionResult:
    erased: tuple[int, ...]
    backup: str | None
    scrubbed: bool = True

    def to_json(self) -> dict:
        return {"erased": list(self.erased), "backup": self.backup, "scrubbed": self.scrubbed}


def _as_date(value: date | datetime | None) -> date | None:
    if value is None:
        return None
    return value.date() if isinstance(value, datetime) else value


def due_for_anonymisation(session: Session, *, today: date | None = None) -> list[RetentionCandidate]:
    """People the retention rules say are due, oldest first. Changes nothing."""
    settings = load_settings(session)
    today = today or date.today()
    rules: dict[MemberStatus, tuple[int, str]] = {}
    if settings.retention_lapsed_months > 0:
        for status in (MemberStatus.LAPSED, MemberStatus.LEFT):
            months = settings.retention_lapsed_months
            rules[status] = (months, (
                ngettext("lapsed for over {count} month", "lapsed for over {count} months", months)
                if status == MemberStatus.LAPSED else
                ngettext("left for over {count} month", "left for over {count} months", months)
            ).format(count=months))
    if settings.retention_prospect_months > 0:
        rules[MemberStatus.PROSPECT] = (
            settings.retention_prospect_months,
            ngettext("prospect not seen for over {count} month",
                     "prospect not seen for over {count} months",
                     settings.retention_prospect_months).format(count=settings.retention_prospect_months))
    if not rules:
        return []
    last_present = dict(session.execute(
        select(Attendance.member_id, func.max(Meeting.starts_at))
        .join(Meeting, Meeting.id == Attendance.meeting_id)
        .where(Attendance.status == AttendanceStatus.PRESENT)
        .group_by(Attendance.member_id)).all())
    last_talk = dict(session.execute(
        select(OneToOne.member_id, func.max(OneToOne.held_on)).group_by(OneToOne.member_id)).all())
    rows = session.execute(
        select(Member.id, Member.first_name, Member.last_name, Member.status, Member.updated_at,
               Member.created_at)
        .where(Member.anonymised_at.is_(None), Member.status.in_(list(rules)))).all()
    due: list[RetentionCandidate] = []
    for mid, first, last, status, updated, created in rows:
        months, rule = rules[status]
        seen = [d for d in (_as_date(updated), _as_date(created), _as_date(last_present.get(mid)),
                            _as_date(last_talk.get(mid))) if d is not None]
        last_seen = max(seen) if seen else today
        if last_seen <= today - relativedelta(months=months):
            name = " ".join(p for p in (first, last) if p)
            due.append(RetentionCandidate(MemberId(mid), name, status.value, last_seen, rule))
    due.sort(key=lambda c: (c.last_seen, c.id))
    return due


def apply_retention(db: Database, member_ids: list[int], *, confirmed: bool) -> RetentionResult:
    """Erase the confirmed people (one backup first, one transaction, then scrub the file)."""
    if not confirmed:
        raise UserError(_("anonymising people cannot be undone without a backup; confirm first"))
    if not member_ids:
        return RetentionResult(erased=(), backup=None)
    with db.session() as session:
        due = {c.id for c in due_for_anonymisation(session)}
        not_due = [i for i in member_ids if i not in due]
        if not_due:
            raise UserError(
                _("member(s) {ids} are not due under the retention rules; erase them one by one "
                  "if you mean it").format(ids=", ".join(map(str, not_due))))
    taken = backup_before(db, "retention")
    with db.session() as session:
        for member_id in member_ids:
            erase_member(session, member_id)
    scrubbed = scrub_or_mark_pending(db)
    return RetentionResult(erased=tuple(member_ids), backup=str(taken) if taken else None,
                           scrubbed=scrubbed)
