"""What the services tell the window reaches it in the reader's language too (#19): a refused
setting under its field, a save that lost a race, a phone kept as written, why two records may be
one person. The field a message belongs to stays first, as the window reads it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from communitydesk.db.models import Member
from communitydesk.errors import ConflictError, UserError
from communitydesk.i18n import set_language
from communitydesk.services.core.versioned import save_versioned
from communitydesk.services.members.duplicates import DuplicatePair
from communitydesk.services.members.phones import format_phone, phone_problem
from communitydesk.services.members.records import add_member
from communitydesk.services.settings.group_settings import setting_problems


@pytest.fixture
def polish() -> Iterator[None]:
    set_language("pl")
    yield
    set_language("en")


@pytest.fixture
def ukrainian() -> Iterator[None]:
    set_language("uk")
    yield
    set_language("en")


def test_a_refused_setting_says_why_under_its_field_in_polish(polish: None) -> None:
    problems = setting_problems({"quorum": "a dozen", "kiosk_pin": "12"})
    assert problems["quorum"].startswith("'a dozen' nie jest ani liczbą osób, ani odsetkiem.")
    assert "Dozwolone: liczba osób, np. 12" in problems["quorum"]
    assert problems["kiosk_pin"] == "Ma 2 cyfry. Dozwolone: PIN z 4–8 cyfr albo puste bez PIN-u."


def test_a_lost_race_names_the_record_in_ukrainian(db, ukrainian: None) -> None:  # noqa: ANN001
    with db.session() as session:
        member_id = add_member(session, first_name="Olena", last_name="Kovalenko").id
    with db.session() as session, pytest.raises(ConflictError) as lost:
        save_versioned(session, Member, member_id, {"notes": "x"}, expected_version=99)
    assert str(lost.value) == "цей запис (член) змінив хтось інший, поки ви редагували"
    with db.session() as session, pytest.raises(UserError) as gone:
        save_versioned(session, Member, 9999, {"notes": "x"}, expected_version=1)
    assert str(gone.value) == "немає запису (член) з id 9999 (можливо, хтось його видалив)"


def test_phone_problems_in_polish_keep_the_number_and_the_field(polish: None) -> None:
    kept = phone_problem("0612 345", region="PL")
    assert kept == ("'0612 345' nie jest poprawnym numerem telefonu: żaden numer w kraju Polska tak "
                    "się nie zaczyna (brakuje cyfry, jest o jedną za dużo albo jest literówka?); "
                    "pozostawiono bez zmian")
    with pytest.raises(UserError) as refused:
        format_phone("07700 90012", region="GB")
    assert str(refused.value).startswith("phone: '07700 90012' nie jest poprawnym numerem telefonu: "
                                         "brytyjski numer komórkowy ma 11 cyfr")
    assert "pozostawiono" not in str(refused.value)  # a typed number is refused, not kept


def test_duplicate_reasons_are_shown_in_the_readers_language_and_kept_in_english(
        ukrainian: None) -> None:
    pair = DuplicatePair(first=None, second=None, reasons=("same email", "similar name"), score=90.0)  # type: ignore[arg-type]
    assert pair.shown_reasons() == "той самий e-mail, схоже ім’я"
    assert pair.to_json()["reasons"] == ["same email", "similar name"]  # JSON: the contract's words
