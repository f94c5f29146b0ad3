"""What the member form needs: everything to open it in one read, and one versioned save.

Why a module of its own: the form opens with one short session (the record, the
tag list and the group's ladder stages and phone region together), and a save
that meets someone else's newer version must hand back the version it met, so
the merged values the person chooses are saved against exactly that version
(a third save in between is caught again instead of being overwritten).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from communitydesk.errors import ConflictError
from communitydesk.services.members.records import (
    MemberRecord,
    add_member,
    get_member,
    list_tags,
    update_member,
)
from communitydesk.services.settings.group_settings import load_settings


@dataclass(frozen=True)
class MemberForm:
    """The record (None for a new member) and the choices its fields offer."""

    record: MemberRecord | None
    tags: tuple[str, ...]
    ladder_stages: tuple[str, ...]
    phone_region: str


class MemberConflict(ConflictError):
    """Someone saved the member first; ``current`` is their saved record (with its version)."""

    def __init__(self, message: str, *, mine: dict, theirs: dict, current: MemberRecord) -> None:
        super().__init__(message, mine=mine, theirs=theirs)
        self.current = current


def load_member_form(session: Session, member_id: int | None) -> MemberForm:
    """One read for opening the form: the member's row is read once."""
    settings = load_settings(session)
    record = get_member(session, member_id) if member_id is not None else None
    return MemberForm(record, tuple(list_tags(session)), tuple(settings.ladder_stages),
                      settings.phone_region)


def save_member_form(session: Session, member_id: int | None, values: dict[str, object],
                     tags: Sequence[str], *, expected_version: int | None) -> MemberRecord:
    """Add a member, or save over the version the form was loaded at.

    Raises ``MemberConflict`` carrying both versions and the current record when
    someone else saved first.
    """
    if member_id is None:
        return add_member(session, tags=list(tags), **values)
    try:
        return update_member(session, member_id, values, tags=list(tags),
                             expected_version=expected_version)
    except MemberConflict:
        raise
    except ConflictError as conflict:
        current = get_member(session, member_id)
        raise MemberConflict(str(conflict), mine=conflict.mine, theirs=dict(current.values),
                             current=current) from None
