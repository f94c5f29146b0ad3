"""#21 item 6: a user's ``%`` and ``_`` are letters, never SQL LIKE wildcards."""

from __future__ import annotations

from communitydesk.db.engine import Database
from communitydesk.db.models import AuditEntry
from communitydesk.services.core.text import like_contains
from communitydesk.services.members.records import add_member, list_members
from communitydesk.services.privacy.audit import list_audit_entries


def test_members_search_percent_and_underscore_find_only_themselves(any_db: Database) -> None:
    with any_db.session() as s:
        add_member(s, first_name="Ann", last_name="Lee")
        add_member(s, first_name="Bob", last_name="100%_Smith")
    with any_db.session() as s:
        assert [m.last_name for m in list_members(s, search="%")] == ["100%_Smith"]
        assert [m.last_name for m in list_members(s, search="_")] == ["100%_Smith"]
        assert list_members(s, search="A%") == []


def test_audit_user_filter_escapes_wildcards(any_db: Database) -> None:
    with any_db.session() as s:
        for name in ("ann", "b_b", "c%c", "back\\slash"):
            s.add(AuditEntry(user_name=name, entity="member", entity_id=None, action="update"))
    with any_db.session() as s:
        assert {r.user_name for r in list_audit_entries(s, user="%")} == {"c%c"}
        assert {r.user_name for r in list_audit_entries(s, user="_")} == {"b_b"}
        assert {r.user_name for r in list_audit_entries(s, user="\\")} == {"back\\slash"}


def test_like_contains_escapes_the_escape_character_too() -> None:
    assert like_contains("50%_off\\") == "%50\\%\\_off\\\\%"
