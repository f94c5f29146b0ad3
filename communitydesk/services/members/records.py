"""The member list: add, find, read, update (with optimistic locking), tag.

Listing returns plain ``MemberSummary`` rows built from column queries, so a
20,000-person list loads without materialising ORM objects.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import NamedTuple

from sqlalchemy import String, func, select, type_coerce
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from communitydesk.db.models import Member, Tag, member_tags
from communitydesk.domain import MemberStatus
from communitydesk.errors import ConflictError, UserError
from communitydesk.i18n import _
from communitydesk.services.core.gc_pause import gc_paused
from communitydesk.services.core.ids import MemberId
from communitydesk.services.core.lookup import fetch
from communitydesk.services.core.text import (
    has_control_characters,
    matches,
    name_sort_key,
    printable,
    search_text,
    search_words,
    strip_control_characters,
)
from communitydesk.services.members.refs import find_member_ref  # noqa: F401 - one import path for callers

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

EDITABLE_FIELDS = (
    "first_name", "last_name", "preferred_name", "pronouns", "email", "phone",
    "address_line1", "address_line2", "town", "postcode", "status", "joined_on", "notes",
    "ladder_stage", "consent_email", "consent_phone", "consent_post", "consent_date",
    "consent_source",
)


class MemberSummary(NamedTuple):
    """One row of the member list. A NamedTuple, not a dataclass: 20,000 of them build in ms."""

    id: MemberId
    first_name: str
    last_name: str
    email: str | None
    phone: str | None
    postcode: str | None
    status: str
    tags: tuple[str, ...] = ()
    preferred_name: str | None = None
    joined_on: date | None = None
    ladder_stage: str | None = None
    archived: bool = False

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p)

    def to_json(self) -> dict:
        return {
            "id": self.id, "first_name": self.first_name, "last_name": self.last_name,
            "preferred_name": self.preferred_name, "email": self.email, "phone": self.phone,
            "postcode": self.postcode, "status": self.status, "tags": list(self.tags),
            "joined_on": self.joined_on, "ladder_stage": self.ladder_stage,
            "archived": self.archived,
        }


@dataclass(frozen=True)
class MemberRecord:
    """Everything on a member's form, plus the version the form was loaded at."""

    id: MemberId
    version: int
    values: dict[str, object]
    tags: tuple[str, ...] = ()
    created_at: datetime | None = None
    updated_at: datetime | None = None
    archived_at: datetime | None = None
    anonymised_at: datetime | None = None
    extra: dict[str, object] = field(default_factory=dict)

    def __getattr__(self, name: str) -> object:
        values = self.__dict__.get("values", {})
        if name in values:
            return values[name]
        raise AttributeError(name)

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.values["first_name"], self.values["last_name"]) if p)

    def to_json(self) -> dict:
        return {"id": self.id, **self.values, "tags": list(self.tags), "version": self.version,
                "created_at": self.created_at, "updated_at": self.updated_at}


class DuplicateEmailError(UserError):
    """The e-mail already belongs to another member: edit that one instead of adding a twin."""

    def __init__(self, message: str, *, member_id: int) -> None:
        super().__init__(message)
        self.member_id = member_id


def _label(key: str) -> str:
    """"first name", "address line 1": the window shows "first name: ..." under that field."""
    return key.replace("_", " ").replace("line1", "line 1").replace("line2", "line 2")


def _refuse_control_characters(key: str, value: str) -> str:
    """ESC, BEL, CR, LF in a name would act on a terminal and break exports: refuse them.
    Notes are the one multi-line field (CRLF becomes LF; tabs stay)."""
    if key == "notes":
        value = value.replace("\r\n", "\n")
        check = value.replace("\n", "").replace("\t", "")
    else:
        check = value
    if has_control_characters(check):
        raise UserError(f"{_label(key)}: " + _("{value} contains a control character; type it again "
                                                 "without it").format(value=printable(value)))
    return value


def clean_member_values(values: dict[str, object]) -> dict[str, object]:
    """Trim text, lower-case email, check status and email; raise UserError naming the field."""
    out: dict[str, object] = {}
    for key, value in values.items():
        if key not in EDITABLE_FIELDS:
            raise UserError(_("unknown member field {field}").format(field=repr(key)))
        if isinstance(value, str):
            value = _refuse_control_characters(key, value.strip()) or None
        out[key] = value
    if "first_name" in out and not out["first_name"]:
        raise UserError("first name: " + _("a member needs at least a first name"))
    if "last_name" in out and out["last_name"] is None:
        out["last_name"] = ""
    if out.get("email"):
        email = str(out["email"]).lower()
        if not EMAIL_RE.match(email):
            raise UserError("email: " + _("{value} is not an e-mail address").format(value=repr(out["email"])))
        out["email"] = email
    if "status" in out:
        status = out["status"] or MemberStatus.ACTIVE.value
        try:
            out["status"] = MemberStatus(str(status).lower())
        except ValueError:
            allowed = ", ".join(s.value for s in MemberStatus)
            raise UserError("status: " + _("{value} is not one of {allowed}").format(
                value=repr(status), allowed=allowed)) from None
    for flag in ("consent_email", "consent_phone", "consent_post"):
        if flag in out:
            out[flag] = bool(out[flag])
    return out


def ensure_tags(session: Session, names: list[str] | tuple[str, ...]) -> list[Tag]:
    """Find or create tags by name (case-insensitive match keeps the first spelling)."""
    wanted = []
    for name in names:
        name = " ".join(strip_control_characters(name).split())  # never store one (imports too)
        if name and name.lower() not in {w.lower() for w in wanted}:
            wanted.append(name)
    if not wanted:
        return []
    existing = {
        t.name.lower(): t
        for t in session.scalars(select(Tag).where(func.lower(Tag.name).in_([w.lower() for w in wanted])))
    }
    missing = [name for name in wanted if name.lower() not in existing]
    if missing:
        # INSERT … ON CONFLICT DO NOTHING: two people adding the same new tag at once both get it
        # (on PostgreSQL the second waits for the first, then finds its row), never an IntegrityError.
        dialect = session.get_bind().dialect.name
        if dialect == "postgresql":  # imported here: ~0.13 s at every start on SQLite otherwise (#14)
            from sqlalchemy.dialects.postgresql import insert
        else:
            insert = sqlite_insert
        session.execute(insert(Tag).values([{"name": n} for n in missing]).on_conflict_do_nothing())
        for tag in session.scalars(select(Tag).where(Tag.name.in_(missing))):
            existing.setdefault(tag.name.lower(), tag)
    return [existing[name.lower()] for name in wanted]


def _refuse_control_characters_in_tags(tags: list[str] | tuple[str, ...] | None) -> None:
    for name in tags or ():
        if has_control_characters(name):
            raise UserError("tag: " + _("{value} contains a control character; type it again without it").format(
                value=printable(name)))


def add_member(session: Session, *, tags: list[str] | tuple[str, ...] = (), **values: object) -> MemberRecord:
    _refuse_control_characters_in_tags(tags)
    values.setdefault("status", MemberStatus.ACTIVE.value)
    values.setdefault("last_name", "")
    cleaned = clean_member_values(values)
    _refuse_taken_email(session, cleaned.get("email"), member_id=None)
    member = Member(**cleaned)
    member.tags = ensure_tags(session, list(tags))
    session.add(member)
    session.flush()
    return _record(member)


def _refuse_taken_email(session: Session, email: object, *, member_id: int | None) -> None:
    """One person, one record: an e-mail already on the list names who has it."""
    if not email:
        return
    query = select(Member).where(func.lower(Member.email) == str(email).lower(),
                                 Member.anonymised_at.is_(None))
    if member_id is not None:
        query = query.where(Member.id != member_id)
    other = session.scalars(query.order_by(Member.id).limit(1)).first()
    if other is not None:
        raise DuplicateEmailError(
            "email: " + (_("{email} is already {name}'s (member {id}); change that member instead "
                           "of adding another") if member_id is None
                         else _("{email} is already {name}'s (member {id}); one e-mail belongs to "
                                "one member")).format(email=email, name=other.full_name, id=other.id),
            member_id=other.id)


def _load(session: Session, member_id: int) -> Member:
    member = fetch(session, Member, member_id)
    return member


def get_member(session: Session, member_id: int) -> MemberRecord:
    return _record(_load(session, member_id))


def _record(member: Member) -> MemberRecord:
    values = {name: getattr(member, name) for name in EDITABLE_FIELDS}
    values["status"] = member.status.value
    return MemberRecord(
        id=MemberId(member.id), version=member.version, values=values,
        tags=tuple(t.name for t in member.tags), created_at=member.created_at,
        updated_at=member.updated_at, archived_at=member.archived_at,
        anonymised_at=member.anonymised_at,
    )


def update_member(
    session: Session,
    member_id: int,
    changes: dict[str, object],
    *,
    expected_version: int | None = None,
    tags: list[str] | None = None,
) -> MemberRecord:
    """Save a form. If someone saved first, raise ConflictError with both versions."""
    member = _load(session, member_id)
    cleaned = clean_member_values(changes)
    _refuse_control_characters_in_tags(tags)
    if expected_version is not None and member.version != expected_version:
        theirs = _record(member)
        raise ConflictError(
            _("{name} was changed by someone else while you were editing").format(
                name=member.full_name),
            mine=cleaned, theirs=dict(theirs.values),
        )
    if cleaned.get("email") and cleaned["email"] != member.email:
        _refuse_taken_email(session, cleaned["email"], member_id=member.id)
    # Queries first, changes after: an autoflush in between would save (and version) twice.
    new_tags = ensure_tags(session, tags) if tags is not None else None
    if new_tags is not None and {t.id for t in new_tags} != {t.id for t in member.tags}:
        member.tags = new_tags
        member.updated_at = datetime.now()  # a tag change is a change: the version moves on
    for key, value in cleaned.items():
        setattr(member, key, value)
    try:
        session.flush()
    except StaleDataError:
        session.rollback()
        theirs = _record(_load(session, member_id))
        raise ConflictError(
            _("this member was changed by someone else while you were editing"),
            mine=cleaned, theirs=dict(theirs.values),
        ) from None
    return _record(member)


def count_members(session: Session) -> int:
    return session.scalar(select(func.count(Member.id))) or 0


def list_members(
    session: Session,
    *,
    status: str | None = None,
    tag: str | None = None,
    search: str | None = None,
    include_archived: bool = True,
    sort: bool = True,
) -> list[MemberSummary]:
    """Members sorted by last then first name; ``search`` looks in names, email, phone, postcode, tags."""
    # The stored status text and an "archived" flag, not an Enum and a datetime per row:
    # the list opens 20,000 members at start-up and type processing is most of that time.
    query = select(
        Member.id, Member.first_name, Member.last_name, Member.email, Member.phone,
        Member.postcode, type_coerce(Member.status, String), Member.preferred_name, Member.joined_on,
        Member.ladder_stage, Member.archived_at.is_not(None),
    ).where(Member.anonymised_at.is_(None))
    if status:
        try:
            query = query.where(Member.status == MemberStatus(status))
        except ValueError:
            raise UserError(_("unknown status {value}").format(value=repr(status))) from None
    if tag:
        query = query.where(
            Member.id.in_(
                select(member_tags.c.member_id).join(Tag).where(func.lower(Tag.name) == tag.lower())
            )
        )
    if not include_archived:
        query = query.where(Member.archived_at.is_(None))
    with gc_paused():  # 20,000 rows at start-up: see gc_pause
        rows = session.connection().execute(query).all()
        tags_by_member = member_tag_names(session)
        no_tags: tuple[str, ...] = ()
        words = search_words(search)
        if words:  # folded in Python: SQLite's lower() is ASCII-only, and both databases must agree
            # Filter the raw rows before sorting and building summaries: a search keeps few.
            rows = [r for r in rows if matches(words, _haystack(r[1], r[2], r[7], r[3], r[4], r[5],
                                                                tags_by_member.get(r[0], no_tags)))]
        if sort:  # screens that sort for themselves pass sort=False
            rows.sort(key=lambda r: (*name_sort_key(r.last_name, r.first_name), r.id))
        return [
            MemberSummary(
                r[0], r[1], r[2], r[3], r[4], r[5], r[6], tags_by_member.get(r[0], no_tags),
                r[7], r[8], r[9], bool(r[10]),
            )
            for r in rows
        ]


def _haystack(first: str, last: str, preferred: str | None, email: str | None, phone: str | None,
              postcode: str | None, tags: tuple[str, ...]) -> str:
    return search_text(first, last, preferred, email, phone, phone.replace(" ", "") if phone else None,
                       postcode, *tags)


def member_search_text(m: MemberSummary) -> str:
    """The folded text a member search looks in (the window's list uses it too): names,
    preferred name, email, phone (also without spaces), postcode and tags."""
    return _haystack(m.first_name, m.last_name, m.preferred_name, m.email, m.phone, m.postcode, m.tags)


def member_tag_names(session: Session) -> dict[int, tuple[str, ...]]:
    """Each member's tag names in name order: two plain queries, joined in Python."""
    connection = session.connection()
    names = dict(connection.execute(select(Tag.id, Tag.name)).all())
    order = {tag_id: rank for rank, tag_id in enumerate(sorted(names, key=lambda t: names[t]))}
    grouped: dict[int, list[int]] = defaultdict(list)
    for member_id, tag_id in connection.execute(select(member_tags.c.member_id, member_tags.c.tag_id)):
        grouped[member_id].append(tag_id)
    return {
        member_id: tuple(names[t] for t in (sorted(ids, key=order.__getitem__) if len(ids) > 1 else ids))
        for member_id, ids in grouped.items()
    }


def list_tags(session: Session) -> list[str]:
    return list(session.scalars(select(Tag.name).order_by(func.lower(Tag.name))))
