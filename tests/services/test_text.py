"""Folding names for search and sort: the ASCII fast path must agree with the full table."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from communitydesk.services.core.text import (
    _FOLD,
    fold,
    has_control_characters,
    matches,
    name_sort_key,
    printable,
    search_text,
    search_words,
)


@given(st.text())
def test_fold_is_the_per_character_table_for_any_text(text: str) -> None:
    assert fold(text) == text.translate(_FOLD)


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_ascii_text_takes_the_fast_path_with_the_same_result(text: str) -> None:
    assert fold(text) == text.translate(_FOLD) == text.lower()


def test_accents_and_special_letters_fold_to_plain_letters() -> None:
    assert fold("Łukasz Şükrü Ørsted Straße Đorđe") == "lukasz sukru orsted strasse dorde"
    assert name_sort_key("Ó Súilleabháin", "Aoife")[:2] == ("o suilleabhain", "aoife")


def test_search_words_find_names_in_any_script() -> None:
    for typed, name in (("иван", "Иванов"), ("zoe", "Zoë"), ("lukasz", "Łukasz"),
                        ("ZOË", "zoe"), ("sukru yil", "Şükrü Yılmaz")):
        assert matches(search_words(typed), search_text(name, None, "")), (typed, name)
    assert not matches(search_words("ivan x"), search_text("Иванов"))
    assert matches(search_words("   "), search_text("anyone"))


def test_control_characters_are_found_and_shown_escaped() -> None:
    assert has_control_characters("Ann\x1b[2J") and has_control_characters("a\rb")
    assert has_control_characters("bell\x07") and has_control_characters("x\u2028y")
    assert not has_control_characters("Łukasz Ó Ceallaigh-Smith")
    assert printable("Ann\x1b[31mRed\x07\n") == "Ann\\x1b[31mRed\\x07\\x0a"
    assert printable("Zoë") == "Zoë"


@given(st.text())
def test_folding_twice_changes_nothing(text: str) -> None:
    """The window folds its member haystack again; a search word must still be found in it."""
    assert fold(fold(text)) == fold(text)
