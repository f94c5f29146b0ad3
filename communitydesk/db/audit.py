"""Audit trail writer: SQLAlchemy session events that record who changed what and when.

Every flush that adds, changes or deletes a tracked record writes ``AuditEntry``
rows in the same transaction (so a rolled-back change leaves no entry). Only
field *names* are stored, never values: the trail must not keep personal data
alive after a member is erased. Bulk inserts (demo data, imports) are summed up
in one entry per kind of record so the trail stays readable and fast.
"""

from __future__ import annotations

import getpass
import json
import socket
from collections import Counter
from datetime import datetime

from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import Session, sessionmaker

from communitydesk.db.models import (
    ActionItem,
    AgendaItem,
    Attendance,
    AuditEntry,
    Meeting,
    MeetingSeries,
    Member,
    OneToOne,
    Setting,
    Tag,
)

TRACKED: dict[type, str] = {
    Member: "member", Meeting: "meeting", AgendaItem: "agenda_item", ActionItem: "action",
    Attendance: "attendance", OneToOne: "one_to_one", Tag: "tag", Setting: "setting",
    MeetingSeries: "meeting_series",
}
IGNORED_FIELDS = frozenset({"version", "updated_at", "created_at"})
BULK_THRESHOLD = 20
USER_KEY = "audit_user"


def default_user_name() -> str:
    """The OS user and computer: on a shared database that tells people apart."""
    try:
        user = getpass.getuser()
    except (OSError, KeyError):
        user = "unknown"
    return f"{user}@{socket.gethostname()}"[:120]


def _changed_fields(obj: object) -> list[str]:
    state = inspect(obj)
    changed = []
    for attr in state.mapper.attrs:
        if attr.key in IGNORED_FIELDS:
            continue
        if state.attrs[attr.key].history.has_changes():
            changed.append(attr.key)
    return changed


def _entry_id(obj: object) -> int | None:
    ident = inspect(obj).identity
    if ident and len(ident) == 1 and isinstance(ident[0], int):
        return ident[0]
    return None


def _after_flush(session: Session, _flush_context: object) -> None:
    if session.info.get("audit_off"):
        return
    user = session.info.get(USER_KEY) or default_user_name()
    now = datetime.now().replace(microsecond=0)
    rows: list[dict] = []
    new_counts: Counter[str] = Counter()
    new_objs = [o for o in session.new if type(o) in TRACKED]
    for obj in new_objs:
        new_counts[TRACKED[type(obj)]] += 1
    for entity, count in new_counts.items():
        if count > BULK_THRESHOLD:
            rows.append({"at": now, "user_name": user, "entity": entity, "entity_id": None,
                         "action": "insert", "changes": json.dumps([f"{count} records"])})
    for obj in new_objs:
        entity = TRACKED[type(obj)]
        if new_counts[entity] <= BULK_THRESHOLD:
            rows.append({"at": now, "user_name": user, "entity": entity,
                         "entity_id": _entry_id(obj), "action": "insert", "changes": None})
    for obj in session.dirty:
        if type(obj) not in TRACKED or not session.is_modified(obj):
            continue
        fields = _changed_fields(obj)
        if not fields:
            continue
        action = "anonymise" if "anonymised_at" in fields and getattr(obj, "anonymised_at", None) \
            else "update"
        rows.append({"at": now, "user_name": user, "entity": TRACKED[type(obj)],
                     "entity_id": _entry_id(obj), "action": action,
                     "changes": json.dumps(sorted(fields))})
    for obj in session.deleted:
        if type(obj) in TRACKED:
            rows.append({"at": now, "user_name": user, "entity": TRACKED[type(obj)],
                         "entity_id": _entry_id(obj), "action": "delete", "changes": None})
    if rows:
        session.connection().execute(insert(AuditEntry.__table__), rows)


def install_audit_trail(factory: sessionmaker, *, user_name: str | None = None) -> None:
    """Record every change made through sessions from ``factory``."""
    factory.kw.setdefault("info", {})[USER_KEY] = user_name or default_user_name()
    event.listen(factory, "after_flush", _after_flush)
