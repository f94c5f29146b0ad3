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
from sqlalchemy.orm.attributes import instance_state
from sqlalchemy.orm.base import NO_VALUE
from sqlalchemy.orm.state import InstanceState

from communitydesk.db.models import (
    ActionItem,
    AgendaItem,
    Attendance,
    AuditEntry,
    DuesPayment,
    DuesPlan,
    Meeting,
    MeetingSeries,
    Member,
    MemberPlan,
    OneToOne,
    Setting,
    Tag,
)

TRACKED: dict[type, str] = {
    Member: "member", Meeting: "meeting", AgendaItem: "agenda_item", ActionItem: "action",
    Attendance: "attendance", OneToOne: "one_to_one", Tag: "tag", Setting: "setting",
    MeetingSeries: "meeting_series",
    DuesPlan: "dues_plan", DuesPayment: "dues_payment", MemberPlan: "member_plan",  # #17
}
IGNORED_FIELDS = frozenset({"version", "updated_at", "created_at"})
BULK_THRESHOLD = 20
USER_KEY = "audit_user"
BY_DATABASE_KEY = "audit_by_database"  # #20: a PostgreSQL trigger writes the trail (db/roles.py)


def default_user_name() -> str:
    """The OS user and computer: on a shared database that tells people apart."""
    try:
        user = getpass.getuser()
    except (OSError, KeyError):
        user = "unknown"
    return f"{user}@{socket.gethostname()}"[:120]


def _changed_fields(state: InstanceState) -> list[str]:
    """Only attributes touched since load (``committed_state``), then the real changes among them.

    Compares the loaded value with the current one directly: building an attribute
    ``history`` per field cost more than the edit itself on a 500-member bulk change.
    """
    current = state.dict
    return [key for key, before in state.committed_state.items()
            if key not in IGNORED_FIELDS
            and (before is NO_VALUE or key not in current or before != current[key])]


def _key_of(obj: object) -> list[str]:
    """Records with a text key (settings) name the key instead of an id."""
    return [str(v) for v in inspect(obj).mapper.primary_key_from_instance(obj)]


def _entry_id(obj: object, state: InstanceState | None = None) -> int | None:
    ident = state.identity if state is not None and state.identity is not None \
        else inspect(obj).mapper.primary_key_from_instance(obj)
    if len(ident) == 1 and isinstance(ident[0], int):
        return ident[0]
    return None


PENDING_KEY = "_audit_pending"


def _pending(session: Session) -> dict[tuple[str, int | None, str], list[str]]:
    return session.info.setdefault(PENDING_KEY, {})


def _after_flush(session: Session, _flush_context: object) -> None:
    """Collect what this flush changed; one transaction may flush several times."""
    if session.info.get("audit_off") or session.info.get(BY_DATABASE_KEY):
        return
    pending = _pending(session)
    new_counts: Counter[str] = Counter()
    new_objs = [o for o in session.new if type(o) in TRACKED]
    for obj in new_objs:
        new_counts[TRACKED[type(obj)]] += 1
    for obj in new_objs:
        entity = TRACKED[type(obj)]
        if new_counts[entity] > BULK_THRESHOLD:
            key = (entity, None, "bulk")
            count = int(pending[key][0]) if key in pending else 0
            pending[key] = [str(count + 1)]
        else:
            ident = _entry_id(obj)
            pending.setdefault((entity, ident, "insert"), [] if ident is not None else _key_of(obj))
    for obj in session.dirty:
        if type(obj) not in TRACKED:
            continue
        state = instance_state(obj)
        fields = _changed_fields(state)
        if not fields:
            continue
        entity, ident = TRACKED[type(obj)], _entry_id(obj, state)
        if (entity, ident, "insert") in pending:
            continue
        action = "anonymise" if "anonymised_at" in fields and getattr(obj, "anonymised_at", None) \
            else "update"
        merged = pending.setdefault((entity, ident, action), [] if ident is not None else _key_of(obj))
        merged.extend(f for f in fields if f not in merged)
    for obj in session.deleted:
        if type(obj) in TRACKED:
            pending.setdefault((TRACKED[type(obj)], _entry_id(obj), "delete"), [])


def _before_commit(session: Session) -> None:
    """Write the collected entries in the same transaction as the change itself."""
    if session.info.get("audit_off") or session.info.get(BY_DATABASE_KEY):
        return
    session.flush()
    pending = session.info.pop(PENDING_KEY, None)
    if not pending:
        return
    user = session.info.get(USER_KEY) or default_user_name()
    now = datetime.now().replace(microsecond=0)
    rows = []
    for (entity, ident, action), fields in pending.items():
        if action == "bulk":
            action, changes = "insert", json.dumps([f"{fields[0]} records"])
        else:
            changes: str | None = json.dumps(sorted(fields)) if fields else None
        rows.append({"at": now, "user_name": user, "entity": entity, "entity_id": ident,
                     "action": action, "changes": changes})
    session.connection().execute(insert(AuditEntry.__table__), rows)


def _after_rollback(session: Session, _previous_transaction: object = None) -> None:
    session.info.pop(PENDING_KEY, None)


def install_audit_trail(factory: sessionmaker, *, user_name: str | None = None) -> None:
    """Record every change made through sessions from ``factory``."""
    factory.kw.setdefault("info", {})[USER_KEY] = user_name or default_user_name()
    event.listen(factory, "after_flush", _after_flush)
    event.listen(factory, "before_commit", _before_commit)
    event.listen(factory, "after_soft_rollback", _after_rollback)
