"""Folding names for search and sort: the ASCII fast path must agree with the full table."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from communitydesk.services.text import _FOLD, fold, name_sort_key


@given(st.text())
def test_fold_is_the_per_character_table_for_any_text(text: str) -> None:
    assert fold(text) == text.translate(_FOLD)


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_ascii_text_takes_the_fast_path_with_the_same_result(text: str) -> None:
    assert fold(text) == text.translate(_FOLD) == text.lower()


def test_accents_and_special_letters_fold_to_plain_letters() -> None:
    assert fold("Łukasz Şükrü Ørsted Straße Đorđe") == "lukasz sukru orsted strasse dorde"
    assert name_sort_key("Ó Súilleabháin", "Aoife") == ("o suilleabhain", "aoife")
