"""One way to read a record by its id, and one "not found" message per kind of record (#14).

Why: a deleted meeting, a mistyped id on the command line or a row another login removed all
end here, so the person reads the same sentence in their language on every screen and in
every command, and a screen can tell "not found" (``NotFound``) from other refusals.
"""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy.orm import Session

from communitydesk.errors import UserError
from communitydesk.i18n import N_, _

T = TypeVar("T")

# a table -> what a person reads when its record is not there
NOT_FOUND = {
    "members": N_("no member with id {id}"),
    "meetings": N_("no meeting with id {id}"),
    "agenda_items": N_("no agenda item with id {id}"),
    "action_items": N_("no action with id {id}"),
    "one_to_ones": N_("no one-to-one with id {id}"),
    "motions": N_("no motion with id {id}"),
    "election_offices": N_("no election with id {id}"),
    "dues_payments": N_("no payment with id {id}"),
    "dues_plans": N_("no plan with id {id}"),
}


class NotFound(UserError):
    """No record with that id: deleted meanwhile, or a mistyped id."""


def not_found(model: type, row_id: object) -> NotFound:
    return NotFound(_(NOT_FOUND[model.__tablename__]).format(id=row_id))  # type: ignore[attr-defined]


def fetch(session: Session, model: type[T], row_id: object, **options: Any) -> T:  # noqa: ANN401
    """``session.get(model, row_id, **options)``, or ``NotFound`` with the one message for it."""
    row = session.get(model, row_id, **options)
    if row is None:
        raise not_found(model, row_id)
    return row
