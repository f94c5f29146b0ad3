"""Leaving, archiving, deleting and changing many members at once.

Why: a group rarely wants to *delete* a person (their attendance counts for
funders), so the usual ways out are "left" (status) and "archived" (hidden from
everyday lists). A real delete exists, and takes a backup of the file first.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from communitydesk.db.models import Member, Tag, member_tags
from communitydesk.domain import MemberStatus
from communitydesk.errors import UserError
from communitydesk.i18n import _, ngettext
from communitydesk.services.backups.safety import backup_before
from communitydesk.services.members.records import MemberRecord, _load, _record, ensure_tags


@dataclass(frozen=True)
class BulkResult:
    changed: int
    description: str


def mark_left(session: Session, member_id: int) -> MemberRecord:
    member = _load(session, member_id)
    member.status = MemberStatus.LEFT
    session.flush()
    return _record(member)


def set_archived(session: Session, member_id: int, *, archived: bool) -> MemberRecord:
    """Archive (hide from everyday lists, keep all history) or bring back."""
    member = _load(session, member_id)
    member.archived_at = datetime.now() if archived else None
    session.flush()
    return _record(member)


def delete_member(session: Session, member_id: int) -> str:
    """Delete a member and their attendance and one-to-ones for good; return their name.

    A backup of the file is taken first: this cannot be undone.
    """
    member = _load(session, member_id)  # an unknown id is refused before any backup
    backup_before(session, "delete")
    name = member.full_name
    session.delete(member)
    session.flush()
    return name


def _ids(member_ids: Iterable[int]) -> list[int]:
    ids = sorted(set(member_ids))
    if not ids:
        raise UserError(_("no members selected"))
    return ids


def bulk_set_status(session: Session, member_ids: Iterable[int], status: str) -> BulkResult:
    try:
        value = MemberStatus(status)
    except ValueError:
        raise UserError("status: " + _("{value} is not one of {allowed}").format(
            value=repr(status), allowed=", ".join(s.value for s in MemberStatus))) from None
    ids = _ids(member_ids)
    changed = 0
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        changed += session.execute(
            update(Member).where(Member.id.in_(chunk), Member.status != value)
            .values(status=value, version=Member.version + 1, updated_at=datetime.now())
            .execution_options(synchronize_session=False)).rowcount
    return BulkResult(changed, ngettext("{count} member set to {status}", "{count} members set to "
                                        "{status}", changed).format(count=changed, status=value.value))


def bulk_add_tag(session: Session, member_ids: Iterable[int], tag_name: str) -> BulkResult:
    ids = _ids(member_ids)
    tags = ensure_tags(session, [tag_name])
    if not tags:
        raise UserError("tag: " + _("give the tag a name"))
    session.flush()
    tag = tags[0]
    have = set(session.scalars(select(member_tags.c.member_id).where(member_tags.c.tag_id == tag.id)))
    rows = [{"member_id": i, "tag_id": tag.id} for i in ids if i not in have]
    if rows:
        session.execute(member_tags.insert(), rows)
        _touch(session, [r["member_id"] for r in rows])
    return BulkResult(len(rows), ngettext("tag {name} added to {count} member",
                                          "tag {name} added to {count} members", len(rows)).format(
                                              name=tag.name, count=len(rows)))


def bulk_remove_tag(session: Session, member_ids: Iterable[int], tag_name: str) -> BulkResult:
    ids = _ids(member_ids)
    tag = session.scalar(select(Tag).where(func.lower(Tag.name) == tag_name.strip().lower()))
    if tag is None:
        raise UserError("tag: " + _("there is no tag called {name}").format(name=repr(tag_name)))
    have = set(session.scalars(select(member_tags.c.member_id).where(member_tags.c.tag_id == tag.id)))
    tagged = [i for i in ids if i in have]  # only they change, so only their version moves on
    removed = 0
    for start in range(0, len(tagged), 500):
        chunk = tagged[start:start + 500]
        removed += session.execute(delete(member_tags).where(
            member_tags.c.tag_id == tag.id, member_tags.c.member_id.in_(chunk))).rowcount
    _touch(session, tagged)
    session.expire_all()
    return BulkResult(removed, ngettext("tag {name} removed from {count} member",
                                        "tag {name} removed from {count} members", removed).format(
                                            name=tag.name, count=removed))


def _touch(session: Session, ids: list[int]) -> None:
    """A tag change is a change: bump the version so an open form sees a conflict."""
    for start in range(0, len(ids), 500):
        session.execute(update(Member).where(Member.id.in_(ids[start:start + 500]))
                        .values(version=Member.version + 1, updated_at=datetime.now())
                        .execution_options(synchronize_session=False))
