"""Member services on SQLite and PostgreSQL: add, list, search, tags, optimistic locking."""

from __future__ import annotations

import pytest

from communitydesk.db.engine import Database
from communitydesk.errors import ConflictError, UserError
from communitydesk.services.members import (
    add_member,
    get_member,
    list_members,
    list_tags,
    update_member,
)


def test_add_and_list_with_tags(any_db: Database) -> None:
    with any_db.session() as s:
        a = add_member(s, first_name="Łukasz", last_name="Wiśniewski", email=" L.W@Example.org ",
                       tags=["Committee", "Elm Street"])
        add_member(s, first_name="Ayşe", last_name="Öztürk", phone="+44 7700 900123", status="prospect",
                   tags=["committee"])
    with any_db.session() as s:
        rows = list_members(s)
        assert [r.last_name for r in rows] == ["Öztürk", "Wiśniewski"]  # accents sort as their letter
        lukasz = next(r for r in rows if r.id == a.id)
        assert lukasz.email == "l.w@example.org"
        assert lukasz.tags == ("Committee", "Elm Street")
        assert list_tags(s) == ["Committee", "Elm Street"]
        assert [r.first_name for r in list_members(s, tag="COMMITTEE")] == ["Ayşe", "Łukasz"]
        assert [r.first_name for r in list_members(s, status="prospect")] == ["Ayşe"]
        assert [r.first_name for r in list_members(s, search="900123")] == ["Ayşe"]
        assert [r.first_name for r in list_members(s, search="elm wiś")] == ["Łukasz"]


def test_invalid_values_name_the_field(any_db: Database) -> None:
    with any_db.session() as s:
        with pytest.raises(UserError, match="email"):
            add_member(s, first_name="A", last_name="B", email="not-an-email")
        with pytest.raises(UserError, match="status"):
            add_member(s, first_name="A", last_name="B", status="vip")
        with pytest.raises(UserError, match="first name"):
            add_member(s, first_name="  ", last_name="B")


def test_unknown_member_is_a_user_error(any_db: Database) -> None:
    with any_db.session() as s, pytest.raises(UserError, match="no member with id 999"):
        get_member(s, 999)


def test_second_save_of_the_same_version_is_a_conflict(any_db: Database) -> None:
    with any_db.session() as s:
        created = add_member(s, first_name="Niamh", last_name="Nic Aodha", phone="0161 496 0000")
    # Two people load the form at the same version.
    with any_db.session() as s:
        update_member(s, created.id, {"phone": "0161 496 0001"}, expected_version=created.version)
    with any_db.session() as s, pytest.raises(ConflictError) as info:
        update_member(s, created.id, {"phone": "0161 496 0002"}, expected_version=created.version)
    assert info.value.theirs["phone"] == "0161 496 0001"
    assert info.value.mine["phone"] == "0161 496 0002"
    with any_db.session() as s:
        assert get_member(s, created.id).values["phone"] == "0161 496 0001"
