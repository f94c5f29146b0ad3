"""Reading the audit trail (written by ``communitydesk.db.audit``): who changed what and when.

The log stores only kinds, ids and field names. Rows read back here say it as a
person would: "Changed Ada Lovelace: email, phone", not "member 73 update".
Names are looked up now, from the records as they are: an anonymised or deleted
person is "a deleted person", so the trail never brings back an erased name; an
id SQLite gave to someone new after a delete never names the newcomer in the
older entries.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from communitydesk.db.models import (
    ActionItem,
    AgendaItem,
    Attendance,
    AuditEntry,
    Meeting,
    MeetingSeries,
    Member,
    OneToOne,
    Tag,
)

IDS_PER_QUERY = 500
DELETED_PERSON = "a deleted person"

# entity -> (one, many) as the trail names them
NOUNS = {
    "member": ("person", "people"), "meeting": ("meeting", "meetings"),
    "agenda_item": ("agenda item", "agenda items"), "action": ("action", "actions"),
    "attendance": ("register entry", "register entries"),
    "one_to_one": ("one-to-one", "one-to-ones"), "tag": ("tag", "tags"),
    "setting": ("setting", "settings"), "meeting_series": ("meeting series", "meeting series"),
}
VERBS = {"insert": "added", "update": "changed", "delete": "removed", "anonymise": "anonymised"}
FIELD_NAMES = {
    "address_line1": "address", "address_line2": "address", "consent_email": "email consent",
    "consent_phone": "phone consent", "consent_post": "post consent",
    "consent_date": "consent date", "consent_source": "consent source",
    "joined_on": "joined date", "anonymised_at": "anonymised", "archived_at": "archived",
    "starts_at": "start", "ends_at": "end", "chair_id": "chair", "minute_taker_id": "minute-taker",
    "owner_id": "owner", "due_on": "due date", "held_on": "date", "follow_up_on": "follow-up date",
    "organiser_id": "organiser", "follow_up_done_at": "follow-up done", "checked_in_at": "check-in",
}


@dataclass(frozen=True)
class AuditRow:
    """One change. ``record`` and ``change`` are plain words; ``summary`` is both in a sentence."""

    id: int
    at: datetime
    user_name: str
    entity: str
    entity_id: int | None
    action: str
    fields: tuple[str, ...]
    record: str = ""
    record_date: date | None = None  # a meeting's day: the window shows it in the locale's form
    change: str = ""

    @property
    def summary(self) -> str:
        """E.g. "Added Ada Lovelace", "Changed Ada Lovelace: email, phone", "Removed a deleted person"."""
        verb, _, what = self.change.partition(" ")
        subject = self.record + (f" ({self.record_date.isoformat()})" if self.record_date else "")
        if (self.action == "update" or self.entity == "setting") and what:
            return f"{verb.capitalize()} {subject}: {what}"
        return f"{self.change.capitalize()} {subject}".strip()

    def to_json(self) -> dict:
        return {"id": self.id, "at": self.at, "user": self.user_name, "entity": self.entity,
                "entity_id": self.entity_id, "action": self.action, "fields": list(self.fields),
                "record": self.record, "change": self.change, "summary": self.summary}


def field_label(name: str) -> str:
    return FIELD_NAMES.get(name, name.replace("_", " "))


def _field_list(names: Iterable[str]) -> str:
    labels: list[str] = []
    for name in names:
        label = field_label(name)
        if label not in labels:
            labels.append(label)
    return ", ".join(labels)


def _chunks(ids: set[int]) -> Iterable[list[int]]:
    ordered = sorted(ids)
    for i in range(0, len(ordered), IDS_PER_QUERY):
        yield ordered[i:i + IDS_PER_QUERY]


class _Names:
    """Looks up what each entry is about, a few queries for the whole page of entries."""

    def __init__(self, session: Session, entries: list[AuditEntry]) -> None:
        wanted: dict[str, set[int]] = defaultdict(set)
        for e in entries:
            if e.entity_id is not None:
                wanted[e.entity].add(e.entity_id)
        self.session = session
        self.removed_up_to = self._last_removals(wanted)
        self.attendance = self._rows(Attendance, wanted["attendance"],
                                     Attendance.member_id, Attendance.meeting_id)
        self.one_to_ones = self._rows(OneToOne, wanted["one_to_one"], OneToOne.member_id)
        member_ids = wanted["member"] | {r[0] for r in self.attendance.values()} \
            | {r[0] for r in self.one_to_ones.values()}
        self.members = {i: (None if anonymised else " ".join(p for p in (first, last) if p))
                        for i, first, last, anonymised in self._many(
                            Member, member_ids, Member.first_name, Member.last_name,
                            Member.anonymised_at)}
        meeting_ids = wanted["meeting"] | {r[1] for r in self.attendance.values()}
        self.meetings = {i: (title, starts.date() if starts else None) for i, title, starts
                         in self._many(Meeting, meeting_ids, Meeting.title, Meeting.starts_at)}
        self.texts: dict[tuple[str, int], str] = {}
        for entity, model, column in (("agenda_item", AgendaItem, AgendaItem.title),
                                      ("action", ActionItem, ActionItem.description),
                                      ("tag", Tag, Tag.name),
                                      ("meeting_series", MeetingSeries, MeetingSeries.title)):
            for i, text in self._many(model, wanted[entity], column):
                self.texts[entity, i] = text if len(text) <= 60 else text[:57].rstrip() + "…"

    def _many(self, model: type, ids: set[int], *columns: object) -> list[tuple]:
        out: list[tuple] = []
        for chunk in _chunks(ids):
            out.extend(self.session.execute(select(model.id, *columns)
                                            .where(model.id.in_(chunk))).all())
        return out

    def _rows(self, model: type, ids: set[int], *columns: object) -> dict[int, tuple]:
        return {row[0]: tuple(row[1:]) for row in self._many(model, ids, *columns)}

    def _last_removals(self, wanted: dict[str, set[int]]) -> dict[tuple[str, int], int]:
        """The newest "delete" entry per record: anything up to it is about the removed one."""
        out: dict[tuple[str, int], int] = {}
        for entity, ids in wanted.items():
            for chunk in _chunks(ids):
                query = (select(AuditEntry.entity_id, func.max(AuditEntry.id))
                         .where(AuditEntry.entity == entity, AuditEntry.action == "delete",
                                AuditEntry.entity_id.in_(chunk))
                         .group_by(AuditEntry.entity_id))
                for entity_id, last in self.session.execute(query):
                    out[entity, entity_id] = last
        return out

    def person(self, member_id: int | None) -> str:
        name = self.members.get(member_id) if member_id is not None else None
        return name or DELETED_PERSON

    def describe(self, e: AuditEntry, fields: tuple[str, ...]) -> tuple[str, date | None]:
        """What the entry is about, as words (and a meeting's date, kept as a date)."""
        one = NOUNS.get(e.entity, (e.entity.replace("_", " "), ""))[0]
        if e.entity == "setting":
            return "settings", None
        if e.entity_id is None:
            return one, None
        gone = f"a deleted {one}" if e.entity != "member" else DELETED_PERSON
        if e.id <= self.removed_up_to.get((e.entity, e.entity_id), 0):
            return gone, None
        if e.entity == "member":
            return self.person(e.entity_id), None
        if e.entity == "meeting":
            if e.entity_id not in self.meetings:
                return gone, None
            title, day = self.meetings[e.entity_id]
            return f"meeting “{title}”", day
        if e.entity == "attendance":
            if e.entity_id not in self.attendance:
                return gone, None
            member_id, meeting_id = self.attendance[e.entity_id]
            title, day = self.meetings.get(meeting_id, ("a deleted meeting", None))
            return f"register entry for {self.person(member_id)} at “{title}”", day
        if e.entity == "one_to_one":
            if e.entity_id not in self.one_to_ones:
                return gone, None
            return f"one-to-one with {self.person(self.one_to_ones[e.entity_id][0])}", None
        text = self.texts.get((e.entity, e.entity_id))
        return (f"{one} “{text}”" if text is not None else gone), None


def _change(e: AuditEntry, fields: tuple[str, ...]) -> tuple[str, str | None]:
    """The plain verb (and for a bulk insert, the count in the record's place)."""
    if e.entity_id is None and e.action == "insert" and fields and fields[0].endswith(" records"):
        count = fields[0].split(" ")[0]
        return "added", f"{count} {NOUNS.get(e.entity, (e.entity, e.entity + 's'))[1]}"
    verb = VERBS.get(e.action, e.action)
    if e.entity == "setting":  # a setting is first stored when first changed from its default
        keys = [f for f in fields if f not in {"key", "value"}]
        return (f"{'removed' if e.action == 'delete' else 'changed'} {_field_list(keys)}"
                .strip()), None
    if e.action == "update":
        return (f"{verb} {_field_list(fields)}" if fields else verb), None
    return verb, None


def list_audit_entries(session: Session, *, entity: str | None = None,
                       entity_id: int | None = None, user: str | None = None,
                       limit: int = 500) -> list[AuditRow]:
    """Newest first, each with the record named and the change in plain words."""
    query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
    if entity:
        query = query.where(AuditEntry.entity == entity)
    if entity_id is not None:
        query = query.where(AuditEntry.entity_id == entity_id)
    if user:
        query = query.where(AuditEntry.user_name.contains(user, autoescape=True))
    entries = list(session.scalars(query))
    names = _Names(session, entries)
    rows = []
    for e in entries:
        fields = tuple(json.loads(e.changes)) if e.changes else ()
        change, counted = _change(e, fields)
        record, day = (counted, None) if counted else names.describe(e, fields)
        rows.append(AuditRow(e.id, e.at, e.user_name, e.entity, e.entity_id, e.action, fields,
                             record=record, record_date=day, change=change))
    return rows
