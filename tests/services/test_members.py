"""Member services on SQLite and PostgreSQL: add, list, search, tags, optimistic locking."""

from __future__ import annotations

import threading

import pytest

from communitydesk.db.engine import Database
from communitydesk.errors import ConflictError, UserError
from communitydesk.services.members.records import (
    DuplicateEmailError,
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


def test_an_existing_email_is_refused_naming_the_member(any_db: Database) -> None:
    with any_db.session() as s:
        first = add_member(s, first_name="Ann", last_name="Lee", email="ann@example.org")
    with any_db.session() as s, pytest.raises(DuplicateEmailError) as info:
        add_member(s, first_name="Annie", last_name="Lee", email=" ANN@example.org")
    assert info.value.member_id == first.id
    assert str(info.value).startswith("email: ann@example.org is already Ann Lee's")
    with any_db.session() as s:
        other = add_member(s, first_name="Bo", last_name="Ek", email="bo@example.org")
        with pytest.raises(DuplicateEmailError):  # an edit may not take someone else's email either
            update_member(s, other.id, {"email": "Ann@Example.org"})
        update_member(s, first.id, {"email": "ann@example.org", "phone": "0161 496 0000"})
        assert len(list_members(s)) == 2


@pytest.mark.parametrize("bad", ["Ann\x1b[2J", "Ann\x07", "Ann\rLee", "Ann\nLee", "A\x00"])
def test_control_characters_are_refused_naming_the_field(any_db: Database, bad: str) -> None:
    with any_db.session() as s, pytest.raises(UserError, match="first name: .*control character"):
        add_member(s, first_name=bad, last_name="Lee")
    with any_db.session() as s:
        member = add_member(s, first_name="Ann", last_name="Lee", notes="line one\nline two\ttab")
        with pytest.raises(UserError, match="postcode: .*control character"):
            update_member(s, member.id, {"postcode": bad})
        with pytest.raises(UserError, match="tag: .*control character"):
            update_member(s, member.id, {}, tags=[bad])


def test_a_tag_only_save_bumps_the_version_so_an_older_form_conflicts(any_db: Database) -> None:
    with any_db.session() as s:
        loaded = add_member(s, first_name="Niamh", last_name="Nic Aodha", tags=["Choir"])
    with any_db.session() as s:
        saved = update_member(s, loaded.id, {}, tags=["Choir", "Street team"],
                              expected_version=loaded.version)
    assert saved.version > loaded.version
    with any_db.session() as s, pytest.raises(ConflictError):  # the older form would drop the tag
        update_member(s, loaded.id, {"phone": "0161 496 0000"}, tags=["Choir"],
                      expected_version=loaded.version)
    with any_db.session() as s:
        same = update_member(s, loaded.id, {}, tags=["street team", "choir"])  # no change: no bump
        assert same.version == saved.version and same.tags == ("Choir", "Street team")
        assert get_member(s, loaded.id).tags == ("Choir", "Street team")


@pytest.mark.postgres
def test_two_saves_adding_the_same_new_tag_at_once_both_keep_it(pg_db: Database) -> None:
    """On PostgreSQL the second INSERT of the tag waits for the first transaction; it must then
    find the tag, not raise IntegrityError."""
    with pg_db.session() as s:
        a = add_member(s, first_name="Ann", last_name="Lee")
        b = add_member(s, first_name="Bo", last_name="Ek")
    errors: list[BaseException] = []

    def second_save() -> None:
        try:
            with pg_db.session() as s2:
                update_member(s2, b.id, {}, tags=["Night shelter"])
        except BaseException as exc:  # noqa: BLE001 - reported to the test below
            errors.append(exc)

    with pg_db.session() as s1:
        update_member(s1, a.id, {}, tags=["Night shelter"])  # inserted, not yet committed
        worker = threading.Thread(target=second_save)
        worker.start()
        worker.join(timeout=1.0)
        assert worker.is_alive(), "the second save should wait for the first transaction"
    worker.join(timeout=30)
    assert not errors, errors
    with pg_db.session() as s:
        assert get_member(s, a.id).tags == ("Night shelter",)
        assert get_member(s, b.id).tags == ("Night shelter",)
        assert list_tags(s) == ["Night shelter"]


def test_one_save_is_one_version_whatever_it_changes(any_db: Database) -> None:
    with any_db.session() as s:
        loaded = add_member(s, first_name="Ann", last_name="Lee", tags=["Choir"])
    with any_db.session() as s:
        saved = update_member(s, loaded.id, {"postcode": "LS6 2AB"}, tags=["Choir", "New tag"],
                              expected_version=loaded.version)
    assert saved.version == loaded.version + 1


def test_consent_and_ladder_moves_bump_the_version_too(any_db: Database) -> None:
    from communitydesk.services.one_to_ones.ladder import move_member

    with any_db.session() as s:
        loaded = add_member(s, first_name="Ann", last_name="Lee")
    with any_db.session() as s:
        consent = update_member(s, loaded.id, {"consent_email": True}, expected_version=loaded.version)
    with any_db.session() as s:
        move_member(s, loaded.id, to_stage="Supporter")
    with any_db.session() as s:
        assert consent.version == loaded.version + 1
        assert get_member(s, loaded.id).version == consent.version + 1
        with pytest.raises(ConflictError):  # a form opened before the move must not undo it
            update_member(s, loaded.id, {"ladder_stage": None}, expected_version=consent.version)


def test_tags_from_a_file_lose_stray_control_characters(any_db: Database) -> None:
    from communitydesk.services.members.records import ensure_tags

    with any_db.session() as s:
        (tag,) = ensure_tags(s, ["Choir\x07"])
        assert tag.name == "Choir"
