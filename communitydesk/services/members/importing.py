"""Bring a member list in: read the file (io/), match people, fill blanks, report conflicts.

Why here and not in io/: matching needs the database. The rules (the CLI
contract): a person matches an existing member by e-mail (case-insensitive),
else by full name and phone; a match fills empty fields and never overwrites a
different value (that is a conflict); labels become tags. Everything is written
in the caller's one session, so an error or a Cancel leaves the database as it
was. Bulk core inserts keep a 20,000-row import to a few seconds.
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from sqlalchemy import insert, literal, null, select, update
from sqlalchemy.orm import Session

from communitydesk.db.audit import USER_KEY as AUDIT_USER_KEY
from communitydesk.db.audit import default_user_name
from communitydesk.db.models import AuditEntry, Member, Tag, member_tags
from communitydesk.domain import MemberStatus
from communitydesk.errors import UserError
from communitydesk.i18n import _, ngettext
from communitydesk.io.dates import parse_date
from communitydesk.io.member_columns import (
    ColumnMapping,
    PersonRecord,
    RowProblem,
    build_mapping,
    extract_people,
)
from communitydesk.io.tabular import Table, read_table
from communitydesk.io.text import header_key
from communitydesk.services.core.import_lock import hold_import_lock
from communitydesk.services.members.matching import (
    CONSENT_FLAGS,
    IMPORT_FIELDS,
    ImportConflict,
    KnownMember,
    incoming_values,
    load_index,
    merge_into,
)
from communitydesk.services.members.phones import phone_problem
from communitydesk.services.members.records import ensure_tags

_TEXT_FIELDS = tuple(f for f in IMPORT_FIELDS if f not in (
    "status", "joined_on", "consent_email", "consent_phone", "consent_post", "consent_date"))
_NEUTRALISED = ("'=", "'+", "'-", "'@", "'\t", "'\r")
PROGRESS_EVERY = 250

Progress = Callable[[int, int], bool | None]  # (done, total) -> False to cancel


class ImportCancelled(UserError):
    """The person pressed Cancel: nothing was written."""


@dataclass(frozen=True)
class ImportSource:
    """A file read and mapped, before any database work (safe to build off the UI thread)."""

    name: str
    table: Table
    mapping: ColumnMapping
    people: list[PersonRecord]
    problems: list[RowProblem]

    @property
    def format(self) -> str:
        return self.mapping.format


@dataclass(frozen=True)
class RowOutcome:
    """What happens to one person of the file (for the preview)."""

    row: int
    name: str
    action: str  # "create", "update", "unchanged"
    member_id: int | None = None
    filled: tuple[str, ...] = ()


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int
    rejected: list[RowProblem]
    conflicts: list[ImportConflict]
    format: str = "generic"
    dry_run: bool = False
    outcomes: list[RowOutcome] = field(default_factory=list)
    warnings: list[RowProblem] = field(default_factory=list)  # imported, but worth a look

    def to_json(self) -> dict:
        return {
            "created": self.created, "updated": self.updated, "unchanged": self.unchanged,
            "rejected": [{"row": p.line, "field": p.field, "reason": p.reason}
                         for p in self.rejected],
            "conflicts": [c.to_json() for c in self.conflicts],
            "warnings": [{"row": p.line, "field": p.field, "reason": p.reason}
                         for p in self.warnings],
            "format": self.format, "dry_run": self.dry_run,
        }

    def summary(self) -> str:
        rejected = (ngettext("{count} row would be rejected", "{count} rows would be rejected",
                             len(self.rejected)) if self.dry_run else
                    ngettext("{count} row was rejected", "{count} rows were rejected",
                             len(self.rejected))).format(count=len(self.rejected))
        text = _("{created} new, {updated} updated, {unchanged} unchanged; {rejected}, "
                 "{conflicts} conflicts kept as they were").format(
                     created=self.created, updated=self.updated, unchanged=self.unchanged,
                     rejected=rejected, conflicts=len(self.conflicts))
        if self.warnings:
            text += "; " + ngettext("{count} warning", "{count} warnings", len(self.warnings)).format(
                count=len(self.warnings))
        return text


def parse_mapping_options(options: list[str] | None) -> dict[str, str]:
    """``["Header=field", ...]`` from --map into a dict; a malformed option is a UserError."""
    out: dict[str, str] = {}
    for option in options or []:
        header, sep, target = option.rpartition("=")
        if not sep or not header.strip() or not target.strip():
            raise UserError(_('--map {option}: write it as "Header=field"').format(option=repr(option)))
        out[header.strip()] = target.strip()
    return out


def read_import_table(path: str | os.PathLike[str]) -> Table:
    return read_table(path)


def prepare_import(table: Table, *, name: str, overrides: Mapping[str, str] | None = None
                   ) -> ImportSource:
    """Map the columns and read every row as a person (raises MappingError if unusable)."""
    mapping = build_mapping(table.headers, overrides, source=name)
    people, problems = extract_people(mapping, table.rows)
    problems += [RowProblem(card.line, "card", card.reason) for card in table.skipped]
    if mapping.format == "communitydesk":
        people = [_undo_neutralising(p) for p in people]
    elif mapping.format == "mailchimp":
        people = _mailchimp_consent(table, people)
    return ImportSource(name, table, mapping, people, problems)


def read_import_file(path: str | os.PathLike[str], *, overrides: Mapping[str, str] | None = None,
                     encoding: str | None = None, unsure_ok: bool = False) -> ImportSource:
    """``encoding`` overrides the guess (``--encoding``, the preview's chooser)."""
    table = read_table(path, encoding=encoding, unsure_ok=unsure_ok)
    return prepare_import(table, name=str(path), overrides=overrides)


def _undo_neutralising(person: PersonRecord) -> PersonRecord:
    """Our export writes "'=..." so spreadsheets do not run it; reading it back drops the "'"."""
    changes = {}
    for name in _TEXT_FIELDS:
        value = getattr(person, name)
        if isinstance(value, str) and value.startswith(_NEUTRALISED):
            changes[name] = value[1:]
    tags = tuple(t[1:] if t.startswith(_NEUTRALISED) else t for t in person.tags)
    return replace(person, **changes, tags=tags)


def _mailchimp_consent(table: Table, people: list[PersonRecord]) -> list[PersonRecord]:
    """A Mailchimp audience export lists subscribed people: that is e-mail consent, with a date."""
    keys = [header_key(h) for h in table.headers]
    optin = keys.index("optintime") if "optintime" in keys else None
    cells = {row.line: row for row in table.rows}
    out = []
    for person in people:
        if person.consent_email is not None:
            out.append(person)
            continue
        when = None
        if optin is not None and person.line in cells:
            when = parse_date(cells[person.line].get(optin))
        out.append(replace(person, consent_email=True, consent_date=person.consent_date or when,
                           consent_source=person.consent_source or "Mailchimp audience export"))
    return out


def _tick(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None and progress(done, total) is False:
        raise ImportCancelled(_("import cancelled; nothing was changed"))


def import_people(
    session: Session,
    source: ImportSource,
    *,
    dry_run: bool = False,
    phone_region: str = "GB",
    default_status: str = "active",
    progress: Progress | None = None,
) -> ImportResult:
    """Match and write every person of ``source`` in this session (nothing when ``dry_run``).

    A real import first waits for any other import to finish (``hold_import_lock``), so
    the same file imported twice at once still creates everyone once.
    """
    if not dry_run:
        hold_import_lock(session)
    index = load_index(session, phone_region)
    conflicts: list[ImportConflict] = []
    outcomes: list[RowOutcome] = []
    created: list[KnownMember] = []
    touched: dict[int, KnownMember] = {}
    warnings: list[RowProblem] = []
    total = len(source.people) * (1 if dry_run else 2)
    for done, person in enumerate(source.people):
        if done % PROGRESS_EVERY == 0:
            _tick(progress, done, total)
        phone_warning = phone_problem(person.phone, region=phone_region)
        if phone_warning:
            warnings.append(RowProblem(person.line, "phone", phone_warning))
        incoming = incoming_values(person, phone_region)
        found = index.find(incoming, person.source_id if source.format == "communitydesk" else None)
        if found is None:
            incoming.setdefault("first_name", incoming.get("email", "").split("@")[0] or "?")  # type: ignore[union-attr]
            incoming.setdefault("last_name", "")
            incoming.setdefault("status", default_status)
            known = KnownMember(-(len(created) + 1), incoming, [], new_tags=list(person.tags))
            created.append(known)
            index.add(known)
            outcomes.append(RowOutcome(person.line, person.full_name or str(incoming["first_name"]),
                                       "create"))
            continue
        filled = merge_into(found, person, incoming, phone_region, conflicts)
        if found.id > 0 and filled:
            touched[found.id] = found
        outcomes.append(RowOutcome(person.line, person.full_name, "update" if filled else "unchanged",
                                   found.id if found.id > 0 else None, filled))
    updated = sum(1 for o in outcomes if o.action == "update" and o.member_id)
    result = ImportResult(
        created=len(created), updated=len(touched),
        unchanged=len(outcomes) - len(created) - updated,
        rejected=sorted(source.problems, key=lambda p: p.line), conflicts=conflicts,
        format=source.format, dry_run=dry_run, outcomes=outcomes, warnings=warnings)
    if not dry_run:
        _write(session, created, list(touched.values()), progress, len(source.people), total)
    return result


def _write(session: Session, created: list[KnownMember], touched: list[KnownMember],
           progress: Progress | None, offset: int, total: int) -> None:
    unique: dict[str, str] = {}
    for known in (*created, *touched):
        for tag in known.new_tags:
            unique.setdefault(" ".join(tag.split()).casefold(), tag)  # first spelling wins
    names = list(unique.values())
    tag_ids: dict[str, Tag] = {}
    for start in range(0, len(names), 200):  # ensure_tags compares each name with the others
        tag_ids.update((t.name.casefold(), t) for t in ensure_tags(session, names[start:start + 200]))
    session.flush()
    now = datetime.now()
    links: list[dict[str, int]] = []
    chunk = 1000
    # Only the columns this file fills (the rest take their defaults): fewer values to bind.
    filled: set[str] = set(_ALWAYS)
    for known in created:
        filled.update(key for key, value in known.values.items() if value not in (None, "", False))
    used = [f for f in IMPORT_FIELDS if f in filled]
    table = Member.__table__
    statement = insert(table).returning(table.c.id, *[table.c[f] for f in used])
    for start in range(0, len(created), chunk):
        _tick(progress, offset + start, total)
        batch = created[start:start + chunk]
        rows = [_insert_values(k.values, now, used) for k in batch]
        # RETURNING order is not guaranteed for a multi-row insert, so the new ids are matched
        # back to the people by their values (identical people are interchangeable).
        waiting: dict[tuple, list[KnownMember]] = defaultdict(list)
        for known, row in zip(batch, rows, strict=True):
            waiting[tuple(row[f] for f in used)].append(known)
        for member_id, *values in session.connection().execute(statement, rows):
            waiting[tuple(values)].pop(0).id = member_id
    for known in touched:
        changes = {k: (MemberStatus(v) if k == "status" else v) for k, v in known.changes.items()}
        if changes:
            session.execute(update(Member.__table__).where(Member.id == known.id).values(
                **changes, version=Member.version + 1, updated_at=now))
        elif known.new_tags:
            session.execute(update(Member.__table__).where(Member.id == known.id).values(
                version=Member.version + 1, updated_at=now))
    for known in (*created, *touched):
        seen: set[int] = set()
        for tag in known.new_tags:
            tag_id = tag_ids[" ".join(tag.split()).casefold()].id
            if tag_id not in seen:
                seen.add(tag_id)
                links.append({"member_id": known.id, "tag_id": tag_id})
    for start in range(0, len(links), 5000):
        session.execute(insert(member_tags), links[start:start + 5000])
    _write_audit_entries(session, created, touched, now)
    _tick(progress, total, total)
    session.flush()


_ALWAYS = ("first_name", "last_name", "status")


def _write_audit_entries(session: Session, created: list[KnownMember], touched: list[KnownMember],
                         now: datetime) -> None:
    """One trail entry per member the import made or filled in, under the importer's name.

    The bulk core inserts bypass the ORM events that write the trail (db/audit.py),
    so the entries are written here, in bulk, in the same transaction. Like the
    trail everywhere, only field names are kept, never the values.
    """
    if session.info.get("audit_off"):
        return
    user = session.info.get(AUDIT_USER_KEY) or default_user_name()
    at = now.replace(microsecond=0)
    columns = ["at", "user_name", "entity", "entity_id", "action", "changes"]
    ids = [known.id for known in created]
    chunk = 999  # ids per INSERT ... SELECT: inside SQLite's oldest parameter limit
    for start in range(0, len(ids), chunk):
        made = select(literal(at), literal(user), literal("member"), Member.id, literal("insert"),
                      null()).where(Member.id.in_(ids[start:start + chunk]))
        session.execute(insert(AuditEntry.__table__).from_select(columns, made))
    rows: list[dict[str, object]] = []
    for known in touched:
        fields = sorted({*known.changes, *(("tags",) if known.new_tags else ())})
        rows.append({"at": at, "user_name": user, "entity": "member", "entity_id": known.id,
                     "action": "update", "changes": json.dumps(fields)})
    for start in range(0, len(rows), 5000):
        session.execute(insert(AuditEntry.__table__), rows[start:start + 5000])


def _insert_values(values: dict[str, object], now: datetime, used: list[str]
                   ) -> dict[str, object]:
    row: dict[str, object] = {k: values.get(k) for k in used}
    row["status"] = MemberStatus(str(row.get("status") or "active"))
    for flag in CONSENT_FLAGS:
        if flag in row:
            row[flag] = bool(row[flag])
    for key in ("joined_on", "consent_date"):
        if key in row and not isinstance(row[key], date):
            row[key] = None
    row.update(created_at=now, updated_at=now, version=1)
    return row
