"""Leave, archive, delete, and bulk status/tag changes."""

from __future__ import annotations

import pytest

from communitydesk.db.engine import Database
from communitydesk.errors import UserError
from communitydesk.services.members.lifecycle import (
    bulk_add_tag,
    bulk_remove_tag,
    bulk_set_status,
    delete_member,
    mark_left,
    set_archived,
)
from communitydesk.services.members.records import add_member, get_member, list_members


def test_leave_archive_delete(any_db: Database) -> None:
    with any_db.session() as s:
        a = add_member(s, first_name="Ann", last_name="Lee")
        b = add_member(s, first_name="Bo", last_name="Ng")
    with any_db.session() as s:
        assert mark_left(s, a.id).values["status"] == "left"
        assert set_archived(s, a.id, archived=True).archived_at is not None
        assert [m.first_name for m in list_members(s, include_archived=False)] == ["Bo"]
        assert set_archived(s, a.id, archived=False).archived_at is None
        assert delete_member(s, b.id) == "Bo Ng"
    with any_db.session() as s:
        assert [m.first_name for m in list_members(s)] == ["Ann"]
        with pytest.raises(UserError, match="no member"):
            get_member(s, b.id)


def test_bulk_changes(any_db: Database) -> None:
    with any_db.session() as s:
        ids = [add_member(s, first_name=f"P{i}", last_name="Q", tags=["Old"]).id for i in range(4)]
    with any_db.session() as s:
        assert bulk_set_status(s, ids[:3], "lapsed").changed == 3
        assert bulk_add_tag(s, ids[:2], "Street team").changed == 2
        assert bulk_add_tag(s, ids[:3], "street team").changed == 1
        assert bulk_remove_tag(s, ids, "old").changed == 4
        with pytest.raises(UserError, match="status"):
            bulk_set_status(s, ids, "gone")
        with pytest.raises(UserError, match="no members"):
            bulk_add_tag(s, [], "x")
    with any_db.session() as s:
        rows = {m.id: m for m in list_members(s)}
        assert [rows[i].status for i in ids] == ["lapsed"] * 3 + ["active"]
        assert [rows[i].tags for i in ids] == [("Street team",)] * 3 + [()]
        assert get_member(s, ids[0]).version > 1


def test_bulk_tag_changes_bump_only_the_members_they_change(any_db: Database) -> None:
    with any_db.session() as s:
        tagged = add_member(s, first_name="T", last_name="Q", tags=["Old"])
        untagged = add_member(s, first_name="U", last_name="Q")
    with any_db.session() as s:
        bulk_remove_tag(s, [tagged.id, untagged.id], "old")
    with any_db.session() as s:
        assert get_member(s, tagged.id).version == tagged.version + 1
        assert get_member(s, untagged.id).version == untagged.version
        bulk_add_tag(s, [untagged.id], "New")
    with any_db.session() as s:
        assert get_member(s, untagged.id).version == untagged.version + 1
