"""One search for members everywhere: folded in Python, the same on SQLite and PostgreSQL,
and one resolver for the MEMBER arguments of the command line."""

from __future__ import annotations

import pytest

from communitydesk.db.engine import Database
from communitydesk.errors import UserError
from communitydesk.services.core.text import matches, search_words
from communitydesk.services.members.records import (
    add_member,
    find_member_ref,
    list_members,
    member_search_text,
)


def _people(db: Database) -> dict[str, int]:
    with db.session() as s:
        return {
            "ivan": add_member(s, first_name="Иван", last_name="Иванов", email="ivan@example.org").id,
            "zoe": add_member(s, first_name="Zoë", last_name="Hughes", preferred_name="Zo",
                              postcode="LS6 2AB", tags=["Élan choir"]).id,
            "lukasz": add_member(s, first_name="Łukasz", last_name="Wiśniewski",
                                 phone="+44 7700 900123").id,
            "ann": add_member(s, first_name="Ann", last_name="Lee", email="ANN.LEE@Example.org").id,
        }


def _found(db: Database, text: str) -> set[int]:
    with db.session() as s:
        return {m.id for m in list_members(s, search=text)}


def test_search_folds_case_and_accents_on_every_database(any_db: Database) -> None:
    ids = _people(any_db)
    assert _found(any_db, "иван") == {ids["ivan"]}
    assert _found(any_db, "ИВАНОВ") == {ids["ivan"]}
    assert _found(any_db, "zoe") == {ids["zoe"]}
    assert _found(any_db, "ZOË hughes") == {ids["zoe"]}
    assert _found(any_db, "lukasz") == {ids["lukasz"]}
    assert _found(any_db, "wisniewski") == {ids["lukasz"]}
    assert _found(any_db, "elan") == {ids["zoe"]}  # a tag
    assert _found(any_db, "ls6") == {ids["zoe"]}  # a postcode
    assert _found(any_db, "7700900123") == {ids["lukasz"]}  # the phone without its spaces
    assert _found(any_db, "ann.lee@example") == {ids["ann"]}
    assert _found(any_db, "zo lee") == set()  # every word must match the same person


def test_the_window_and_the_cli_share_one_haystack(db: Database) -> None:
    _people(db)
    with db.session() as s:
        rows = list_members(s)
        for typed in ("иван", "zoe", "lukasz", "élan", "900 123"):
            listed = {m.id for m in list_members(s, search=typed)}
            assert listed == {m.id for m in rows if matches(search_words(typed), member_search_text(m))}


def test_member_reference_by_id_email_or_unique_name(any_db: Database) -> None:
    ids = _people(any_db)
    with any_db.session() as s:
        twin = add_member(s, first_name="Ann", last_name="Lée", email="other.ann@example.org").id
        assert find_member_ref(s, str(ids["zoe"])) == ids["zoe"]
        assert find_member_ref(s, "Ann.Lee@example.ORG") == ids["ann"]
        assert find_member_ref(s, " łukasz  wisniewski ") == ids["lukasz"]
        assert find_member_ref(s, "Zo Hughes") == ids["zoe"]  # the preferred name
        assert find_member_ref(s, "иван иванов") == ids["ivan"]
        with pytest.raises(UserError) as several:
            find_member_ref(s, "ann lee")
        message = str(several.value)
        assert "2 people" in message and f"{ids['ann']}" in message and f"{twin}" in message
        assert "\n" not in message
        with pytest.raises(UserError, match="no member matches 'Nobody Here'"):
            find_member_ref(s, "Nobody Here")
        with pytest.raises(UserError, match="no member with id 999"):
            find_member_ref(s, "999")
        with pytest.raises(UserError, match="no member has the email"):
            find_member_ref(s, "nobody@example.org")
        with pytest.raises(UserError, match="give a member"):
            find_member_ref(s, "  ")


def test_the_kiosk_and_duplicates_fold_the_same_way(db: Database) -> None:
    from communitydesk.services.attendance.check_in import CheckInIndex, CheckInPerson
    from communitydesk.services.members.duplicates import find_possible_duplicates

    ids = _people(db)
    with db.session() as s:
        twin = add_member(s, first_name="Zoe", last_name="HUGHES").id
        people = [CheckInPerson(m.id, m.full_name, True, None) for m in list_members(s)]
        pairs = {(p.first.id, p.second.id) for p in find_possible_duplicates(s)}
    index = CheckInIndex(people)
    for typed, who in (("иван", {ids["ivan"]}), ("lukasz", {ids["lukasz"]}),
                       ("zoe", {ids["zoe"], twin})):
        assert {p.member_id for p in index.search(typed)} == who == _found(db, typed), typed
    assert (ids["zoe"], twin) in pairs  # "Zoë Hughes" and "Zoe HUGHES" fold to one name
