"""Saving a form over a record with a version column, as every shared-mode screen does.

Two people load the same meeting, agenda item (minutes) or one-to-one; the
first save wins and bumps the version; the second gets a ``ConflictError``
carrying both versions, so the conflict dialog can show them and nothing is
lost. Works the same on SQLite and PostgreSQL (the ORM's ``version_id_col``).
"""

from __future__ import annotations

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from communitydesk.errors import ConflictError, UserError
from communitydesk.i18n import N_, _

_CHANGED = N_("this {what} was changed by someone else while you were editing")
# The records saved here, named in the reader's language in the messages above (``what=``).
_RECORD_WORDS = (N_("payment"), N_("member"), N_("meeting"))


def _values(row: object, keys: list[str]) -> dict[str, object]:
    return {k: getattr(row, k) for k in keys}


def save_versioned(session: Session, model: type, row_id: int, changes: dict[str, object], *,
                   expected_version: int, what: str | None = None) -> int:
    """Apply ``changes`` if the row is still at ``expected_version``; return the new version."""
    label = _(what or model.__name__.lower())  # "payment", "member": the reader's word when known
    row = session.get(model, row_id, populate_existing=True)
    if row is None:
        raise UserError(_("no {what} with id {id} (someone may have deleted it)").format(
            what=label, id=row_id))
    unknown = [k for k in changes if not hasattr(model, k) or k in ("id", "version")]
    if unknown:
        raise UserError(_("unknown {what} field {field}").format(what=label, field=repr(unknown[0])))
    if row.version != expected_version:
        raise ConflictError(_(_CHANGED).format(what=label),
                            mine=dict(changes), theirs=_values(row, list(changes)))
    for key, value in changes.items():
        setattr(row, key, value)
    try:
        session.flush()
    except StaleDataError:
        session.rollback()
        fresh = session.get(model, row_id)
        raise ConflictError(_(_CHANGED).format(what=label),
                            mine=dict(changes),
                            theirs=_values(fresh, list(changes)) if fresh else {}) from None
    return row.version
