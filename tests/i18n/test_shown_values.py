"""Stored values are shown in the reader's language while the database keeps the English one
(#19): a member's status in Polish and Ukrainian, with the plural forms the counts need."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from communitydesk import i18n
from communitydesk.gui.common.shown_values import MEETING_STATUS, MEMBER_STATUS, shown


@pytest.fixture
def polish() -> Iterator[None]:
    i18n.set_language("pl")
    yield
    i18n.set_language("en")


def test_statuses_shown_in_the_readers_language(polish: None) -> None:
    assert [shown(MEMBER_STATUS, s) for s in MEMBER_STATUS] == ["Kandydat", "Aktywny", "Wygasły", "Wystąpił"]
    assert shown(MEETING_STATUS, "cancelled") == "Odwołane"
    assert shown(MEMBER_STATUS, "suspended") == "Suspended"  # a value we have no word for: as it is
    assert shown(MEMBER_STATUS, None) == ""


def test_english_is_the_stored_value_capitalised() -> None:
    assert [shown(MEMBER_STATUS, s) for s in MEMBER_STATUS] == ["Prospect", "Active", "Lapsed", "Left"]


@pytest.mark.parametrize(("count", "polish_text"), [(1, "1 nowy członek"), (3, "3 nowych członków"),
                                                     (5, "5 nowych członków")])
def test_counts_take_polish_plural_forms(polish: None, count: int, polish_text: str) -> None:
    assert i18n.ngettext("{count} new member", "{count} new members", count).format(count=count) == polish_text
    pages = i18n.ngettext("{count} page", "{count} pages", count).format(count=count)
    assert pages == {1: "1 strona", 3: "3 strony", 5: "5 stron"}[count]


def test_ukrainian_service_error_keeps_the_field_prefix_the_window_reads(db) -> None:  # noqa: ANN001
    """The member form puts a service error under its field by the English prefix ("email: …")."""
    from communitydesk.errors import UserError
    from communitydesk.services.members.records import add_member

    i18n.set_language("uk")
    try:
        with db.session() as session, pytest.raises(UserError) as caught:
            add_member(session, first_name="Ola", email="not-an-address")
    finally:
        i18n.set_language("en")
    assert str(caught.value).startswith("email: ") and "не адреса e-mail" in str(caught.value)
