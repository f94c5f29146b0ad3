"""Reading the audit trail (written by ``communitydesk.db.audit``): who changed what and when."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from communitydesk.db.models import AuditEntry


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime
    user_name: str
    entity: str
    entity_id: int | None
    action: str
    fields: tuple[str, ...]

    def to_json(self) -> dict:
        return {"id": self.id, "at": self.at, "user": self.user_name, "entity": self.entity,
                "entity_id": self.entity_id, "action": self.action, "fields": list(self.fields)}


def list_audit_entries(session: Session, *, entity: str | None = None,
                       entity_id: int | None = None, user: str | None = None,
                       limit: int = 500) -> list[AuditRow]:
    """Newest first."""
    query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
    if entity:
        query = query.where(AuditEntry.entity == entity)
    if entity_id is not None:
        query = query.where(AuditEntry.entity_id == entity_id)
    if user:
        query = query.where(AuditEntry.user_name.contains(user))
    return [
        AuditRow(e.id, e.at, e.user_name, e.entity, e.entity_id, e.action,
                 tuple(json.loads(e.changes)) if e.changes else ())
        for e in session.scalars(query)
    ]
