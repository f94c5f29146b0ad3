"""Matching people from a file to members: by e-mail, else by full name and phone.

Why its own module: the rules (fill blanks, never overwrite, report a differing
value as a conflict, never build one address out of two) are the heart of an
import and are easier to read and test without the file reading and writing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from communitydesk.db.models import Member
from communitydesk.domain import MemberStatus
from communitydesk.io.member_columns import PersonRecord
from communitydesk.services.core.text import fold
from communitydesk.services.members.phones import phone_key, tidy_phone
from communitydesk.services.members.records import member_tag_names

# Fields a file can fill on a member, in form order.
IMPORT_FIELDS = (
    "first_name", "last_name", "preferred_name", "pronouns", "email", "phone",
    "address_line1", "address_line2", "town", "postcode", "status", "joined_on", "notes",
    "ladder_stage", "consent_email", "consent_phone", "consent_post", "consent_date",
    "consent_source",
)
ADDRESS_FIELDS = ("address_line1", "address_line2", "town", "postcode")
CONSENT_FLAGS = ("consent_email", "consent_phone", "consent_post")


@dataclass(frozen=True)
class ImportConflict:
    """A file value that differs from what the member already has (kept, not overwritten)."""

    row: int
    member_id: int | None
    name: str
    field: str
    existing: object
    incoming: object

    def to_json(self) -> dict:
        return {"row": self.row, "member_id": self.member_id, "name": self.name,
                "field": self.field, "existing": self.existing, "incoming": self.incoming}


def name_key(first: str | None, last: str | None) -> str:
    return " ".join(fold(f"{first or ''} {last or ''}").split())


def is_blank(name: str, value: object) -> bool:
    if name in CONSENT_FLAGS:
        return not value
    return value is None or value == ""


def same_value(name: str, a: object, b: object, region: str) -> bool:
    if name == "phone":
        return phone_key(str(a), region=region) == phone_key(str(b), region=region)
    if isinstance(a, str) and isinstance(b, str):
        return " ".join(a.casefold().split()) == " ".join(b.casefold().split())
    if isinstance(a, MemberStatus | str) and isinstance(b, MemberStatus | str):
        return str(getattr(a, "value", a)) == str(getattr(b, "value", b))
    return a == b


def incoming_values(person: PersonRecord, region: str) -> dict[str, object]:
    values = {}
    for name in IMPORT_FIELDS:
        value = getattr(person, name)
        if value is None:
            continue
        if name == "phone":
            value = tidy_phone(value, region=region)
        values[name] = value
    return values


def known_name(known: KnownMember) -> str:
    return name_key(known.values.get("first_name"), known.values.get("last_name"))  # type: ignore[arg-type]


@dataclass
class KnownMember:
    """A member as the importer sees it: existing (id > 0) or created by this import (id < 0)."""

    id: int
    values: dict[str, object]
    tags: list[str]
    changes: dict[str, object] = field(default_factory=dict)
    new_tags: list[str] = field(default_factory=list)
    tag_keys: set[str] | None = None  # case-folded tags + new_tags, kept so merging stays linear


class MatchIndex:
    def __init__(self, region: str) -> None:
        self.region = region
        self.by_email: dict[str, KnownMember] = {}
        self.by_name_phone: dict[tuple[str, str], KnownMember] = {}
        self.by_id: dict[int, KnownMember] = {}

    def add(self, known: KnownMember) -> None:
        self.by_id[known.id] = known
        email = known.values.get("email")
        if email:
            self.by_email.setdefault(str(email).lower(), known)
        key = phone_key(known.values.get("phone"), region=self.region)  # type: ignore[arg-type]
        if key:
            name = name_key(known.values.get("first_name"), known.values.get("last_name"))  # type: ignore[arg-type]
            self.by_name_phone.setdefault((name, key), known)

    def find(self, values: dict[str, object], source_id: str | None = None) -> KnownMember | None:
        same = self.by_id.get(int(source_id)) if source_id and source_id.isdigit() else None
        if same is not None and known_name(same) == name_key(
                values.get("first_name"), values.get("last_name")):  # type: ignore[arg-type]
            return same  # our own export's id column, trusted only when the name agrees
        email = values.get("email")
        if email and (found := self.by_email.get(str(email).lower())):
            return found
        key = phone_key(values.get("phone"), region=self.region)  # type: ignore[arg-type]
        if key:
            name = name_key(values.get("first_name"), values.get("last_name"))  # type: ignore[arg-type]
            return self.by_name_phone.get((name, key))
        return None


def load_index(session: Session, region: str) -> MatchIndex:
    index = MatchIndex(region)
    columns = [getattr(Member, name) for name in IMPORT_FIELDS]
    query = select(Member.id, *columns).where(Member.anonymised_at.is_(None)).order_by(Member.id)
    tags = member_tag_names(session)
    for row in session.connection().execute(query):
        values = dict(zip(IMPORT_FIELDS, row[1:], strict=True))
        index.add(KnownMember(row[0], values, list(tags.get(row[0], ()))))
    return index


def merge_into(known: KnownMember, person: PersonRecord, incoming: dict[str, object], region: str,
                conflicts: list[ImportConflict]) -> tuple[str, ...]:
    """Fill the blanks of ``known`` from ``incoming``; record differences as conflicts."""
    current = {**known.values, **known.changes}
    name = " ".join(str(current.get(k) or "") for k in ("first_name", "last_name")).strip()
    member_id = known.id if known.id > 0 else None
    address_conflict = any(
        f in incoming and not is_blank(f, current.get(f))
        and not same_value(f, current.get(f), incoming[f], region) for f in ADDRESS_FIELDS)
    has_address = any(not is_blank(f, current.get(f)) for f in ADDRESS_FIELDS)
    filled = []
    for key, value in incoming.items():
        existing = current.get(key)
        if is_blank(key, existing):
            if is_blank(key, value):
                continue
            if key in ADDRESS_FIELDS and has_address and address_conflict:
                continue  # never build one address out of two different ones
            known.changes[key] = value
            filled.append(key)
        elif not same_value(key, existing, value, region):
            if key in CONSENT_FLAGS and not value:
                continue  # "no consent recorded" in a file does not withdraw a recorded one
            conflicts.append(ImportConflict(person.line, member_id, name, key,
                                            plain(existing), plain(value)))
    if known.tag_keys is None:
        known.tag_keys = {t.casefold() for t in known.tags + known.new_tags}
    have = known.tag_keys
    for tag in person.tags:
        if tag.casefold() not in have:
            known.new_tags.append(tag)
            have.add(tag.casefold())
            filled.append(f"tag {tag}")
    return tuple(filled)


def plain(value: object) -> object:
    return getattr(value, "value", value)
