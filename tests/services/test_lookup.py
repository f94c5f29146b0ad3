"""One "not found" error (#14): every service reads a record by id through ``fetch``, and a
missing one says the same sentence, in the reader's language, wherever it is asked for."""

from __future__ import annotations

import pytest

from communitydesk import i18n
from communitydesk.db.engine import Database
from communitydesk.db.models import Base, DuesPayment, Member
from communitydesk.errors import UserError
from communitydesk.services.core.lookup import NOT_FOUND, NotFound, fetch
from communitydesk.services.dues.payments import get_payment
from communitydesk.services.meetings.planning import get_meeting
from communitydesk.services.members.records import add_member
from communitydesk.services.motions.motions import get_motion


def test_fetch_gives_the_row_or_one_plain_not_found(db: Database) -> None:
    with db.session() as s:
        member_id = add_member(s, first_name="Ama", last_name="Owusu").id
        assert fetch(s, Member, member_id).last_name == "Owusu"
        with pytest.raises(NotFound, match=r"^no payment with id 999$") as caught:
            fetch(s, DuesPayment, 999)
        assert isinstance(caught.value, UserError)  # the CLI's one error line, the window's message


def test_every_kind_named_is_a_table() -> None:
    assert set(NOT_FOUND) <= set(Base.metadata.tables)


@pytest.mark.parametrize(("read", "words"), [
    (get_meeting, "no meeting with id 404"),
    (get_motion, "no motion with id 404"),
    (get_payment, "no payment with id 404"),
])
def test_services_say_not_found_alike(db: Database, read, words: str) -> None:  # noqa: ANN001
    with db.session() as s, pytest.raises(NotFound) as caught:
        read(s, 404)
    assert str(caught.value) == words


def test_not_found_in_the_readers_language(db: Database) -> None:
    i18n.set_language("pl")
    try:
        with db.session() as s, pytest.raises(NotFound) as caught:
            get_payment(s, 7)
        assert str(caught.value) == "brak wpłaty o id 7"
    finally:
        i18n.set_language("en")
