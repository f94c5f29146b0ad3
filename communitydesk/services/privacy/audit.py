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
from communitydesk.i18n import N_, _, ngettext

IDS_PER_QUERY = 500
DELETED_PERSON = N_("a deleted person")

# entity -> (one, many) as the trail names them (many: see _counted, in the reader's language)
NOUNS = {
    "member": ("person", "people"), "meeting": ("meeting", "meetings"),
    "agenda_item": ("agenda item", "agenda items"), "action": ("action", "actions"),
    "attendance": ("register entry", "register entries"),
    "one_to_one": ("one-to-one", "one-to-ones"), "tag": ("tag", "tags"),
    "setting": ("setting", "settings"), "meeting_series": ("meeting series", "meeting series"),
}
_NOUN_WORDS = (N_("person"), N_("meeting"), N_("agenda item"), N_("action"), N_("register entry"),
               N_("one-to-one"), N_("tag"), N_("setting"), N_("meeting series"))  # for the catalogue
VERBS = {"insert": N_("added"), "update": N_("changed"), "delete": N_("removed"),
         "anonymise": N_("anonymised")}
FIELD_NAMES = {
    "address_line1": N_("address"), "address_line2": N_("address"),
    "consent_email": N_("email consent"), "consent_phone": N_("phone consent"),
    "consent_post": N_("post consent"), "consent_date": N_("consent date"),
    "consent_source": N_("consent source"), "joined_on": N_("joined date"),
    "anonymised_at": N_("anonymised"), "archived_at": N_("archived"), "starts_at": N_("start"),
    "ends_at": N_("end"), "chair_id": N_("chair"), "minute_taker_id": N_("minute-taker"),
    "owner_id": N_("owner"), "due_on": N_("due date"), "held_on": N_("date"),
    "follow_up_on": N_("follow-up date"), "organiser_id": N_("organiser"),
    "follow_up_done_at": N_("follow-up done"), "checked_in_at": N_("check-in"),
    # fields whose name says itself, marked so the trail reads in the reader's language
    "first_name": N_("first name"), "last_name": N_("last name"), "email": N_("email"),
    "phone": N_("phone"), "postcode": N_("postcode"), "town": N_("town"), "status": N_("status"),
    "notes": N_("notes"), "title": N_("title"), "venue": N_("venue"), "kind": N_("kind"),
    "preferred_name": N_("preferred name"), "pronouns": N_("pronouns"),
    "group_name": N_("group name"), "description": N_("description"),
}


def _counted(entity: str, count: int) -> str:
    """"30 people", "2 meetings": a bulk insert's record, with the language's plural."""
    words = {
        "member": ngettext("{count} person", "{count} people", count),
        "meeting": ngettext("{count} meeting", "{count} meetings", count),
        "agenda_item": ngettext("{count} agenda item", "{count} agenda items", count),
        "action": ngettext("{count} action", "{count} actions", count),
        "attendance": ngettext("{count} register entry", "{count} register entries", count),
        "one_to_one": ngettext("{count} one-to-one", "{count} one-to-ones", count),
        "tag": ngettext("{count} tag", "{count} tags", count),
    }
    return words.get(entity, f"{{count}} {entity.replace('_', ' ')}").format(count=count)


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
    return _(FIELD_NAMES[name]) if name in FIELD_NAMES else name.replace("_", " ")


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
        return name or _(DELETED_PERSON)

    def describe(self, e: AuditEntry, fields: tuple[str, ...]) -> tuple[str, date | None]:
        """What the entry is about, as words (and a meeting's date, kept as a date)."""
        one = _(NOUNS[e.entity][0]) if e.entity in NOUNS else e.entity.replace("_", " ")
        if e.entity == "setting":
            return _("settings"), None
        if e.entity_id is None:
            return one, None
        gone = _("a deleted {what}").format(what=one) if e.entity != "member" else _(DELETED_PERSON)
        if e.id <= self.removed_up_to.get((e.entity, e.entity_id), 0):
            return gone, None
        if e.entity == "member":
            return self.person(e.entity_id), None
        if e.entity == "meeting":
            if e.entity_id not in self.meetings:
                return gone, None
            title, day = self.meetings[e.entity_id]
            return _("meeting “{title}”").format(title=title), day
        if e.entity == "attendance":
            if e.entity_id not in self.attendance:
                return gone, None
            member_id, meeting_id = self.attendance[e.entity_id]
            title, day = self.meetings.get(meeting_id, (_("a deleted meeting"), None))
            return _("register entry for {name} at “{title}”").format(
                name=self.person(member_id), title=title), day
        if e.entity == "one_to_one":
            if e.entity_id not in self.one_to_ones:
                return gone, None
            return _("one-to-one with {name}").format(
                name=self.person(self.one_to_ones[e.entity_id][0])), None
        text = self.texts.get((e.entity, e.entity_id))
        return (f"{one} “{text}”" if text is not None else gone), None


def _change(e: AuditEntry, fields: tuple[str, ...]) -> tuple[str, str | None]:
    """The plain verb (and for a bulk insert, the count in the record's place)."""
    if e.entity_id is None and e.action == "insert" and fields and fields[0].endswith(" records"):
        count = fields[0].split(" ")[0]
        return _(VERBS["insert"]), _counted(e.entity, int(count)) if count.isdigit() else count
    verb = _(VERBS[e.action]) if e.action in VERBS else e.action
    if e.entity == "setting":  # a setting is first stored when first changed from its default
        keys = [f for f in fields if f not in {"key", "value"}]
        done = _(VERBS["delete"]) if e.action == "delete" else _(VERBS["update"])
        return f"{done} {_field_list(keys)}".strip(), None
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
