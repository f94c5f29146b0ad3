"""#21 item 3: numbers that are not real numbers are kept as typed and flagged, with what is
wrong; the drama range (07700 900xxx) is accepted with a warning. Corpus: five countries."""

from __future__ import annotations

import importlib.util

import pytest

from communitydesk.db.engine import Database
from communitydesk.errors import UserError
from communitydesk.services.members.importing import import_people, read_import_file
from communitydesk.services.members.phones import format_phone, phone_problem, tidy_phone
from communitydesk.services.members.records import list_members
from tests.paths import FIXTURES

_spec = importlib.util.spec_from_file_location("make_corpus", FIXTURES / "make_corpus.py")
corpus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(corpus)  # type: ignore[union-attr]


def test_five_countries_valid_formatted_invalid_kept_as_typed_and_flagged(db: Database) -> None:
    source = read_import_file(FIXTURES / corpus.PHONES_FILE)
    with db.session() as s:
        result = import_people(s, source, phone_region="GB")
    assert result.created == len(corpus.PHONES)
    warnings = {w.line: w.reason for w in result.warnings}
    with db.session() as s:
        stored = {m.first_name: m.phone for m in list_members(s)}
    for i, (country, typed, valid) in enumerate(corpus.PHONES):
        line = i + 2
        if valid:
            assert stored[f"Tester{i}"] != typed or typed.startswith("+"), (country, typed)
            assert stored[f"Tester{i}"].startswith("+"), (country, typed)
        else:
            assert stored[f"Tester{i}"] == typed, (country, typed)  # exactly as typed
            assert "kept as written" in warnings[line] and repr(typed) in warnings[line]
    assert "a UK mobile has 11 digits" in warnings[2 + 2] and "this has 10" in warnings[2 + 2]
    assert "numbers in Ireland have" in warnings[2 + 5]
    assert "the United States" in warnings[2 + 11]


def test_drama_range_is_accepted_with_a_warning() -> None:
    assert tidy_phone("07700 900123") == "+44 7700 900123"
    assert format_phone("07700 900123") == "+44 7700 900123"
    assert "drama" in (phone_problem("07700 900123") or "")
    assert "drama" in (phone_problem("+44 7700 900999") or "")
    assert phone_problem("07700 901123") is None  # a real mobile range
    assert phone_problem("+44 113 496 0000") is None


@pytest.mark.parametrize(("typed", "says"), [
    ("0770090011", "a UK mobile has 11 digits"), ("12345678", "numbers in the UK have"),
    ("+48 512 345", "no number in Poland starts like this"),
])
def test_the_member_form_refuses_an_invalid_number_saying_why(typed: str, says: str) -> None:
    with pytest.raises(UserError, match=says):
        format_phone(typed)
