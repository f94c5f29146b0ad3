"""Import problems and refused settings reach the reader in Polish and Ukrainian (#19), with the
file, the row and the field still named so they can be fixed; "error:" and the setting's key stay
as scripts read them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from communitydesk.cli import main
from communitydesk.i18n import set_language
from tests.paths import REPO

FIXTURES = REPO / "tests" / "fixtures"


@pytest.fixture
def english_after() -> Iterator[None]:
    yield
    set_language("en")


WORDS = {
    "pl": {"bad_email": "  wiersz 3: email: ", "not_email": "nie jest poprawnym adresem e-mail",
           "bad_status": "  wiersz 4: status: ", "not_status": "nie jest statusem",
           "rejected": "2 wiersze odrzucono",
           "quote": "cudzysłów (\") w wierszu 3 (linia 3 pliku) nie jest nigdzie zamknięty",
           "bad_mark": "  wiersz 2, kolumna 03/02/2026: nie można odczytać znaku",
           "mark_help": "A dla usprawiedliwienia",
           "quorum": "nie jest ani liczbą osób, ani odsetkiem; dozwolone: liczba osób, np. 12"},
    "uk": {"bad_email": "  рядок 3: email: ", "not_email": "не є дійсною адресою e-mail",
           "bad_status": "  рядок 4: status: ", "not_status": "не є статусом",
           "rejected": "2 рядки відхилено",
           "quote": "лапки (\") у рядку 3 (рядок 3 файлу) ніде не закрито",
           "bad_mark": "  рядок 2, стовпець 03/02/2026: не вдається прочитати позначку",
           "mark_help": "A для вибачення за відсутність",
           "quorum": "не є ні кількістю людей, ні часткою; дозволено: кількість людей, напр. 12"},
}


@pytest.mark.parametrize("code", ["pl", "uk"])
def test_rejected_import_rows_name_the_row_and_field_in_the_readers_language(
        code: str, db, capsys: pytest.CaptureFixture[str],  # noqa: ANN001
        monkeypatch: pytest.MonkeyPatch, english_after: None) -> None:
    monkeypatch.setenv("COMMUNITYDESK_LANGUAGE", code)
    words = WORDS[code]
    source = FIXTURES / "members_bad_rows.csv"
    assert main(["--db", str(db.sqlite_path), "members", "import", str(source)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"{source} (") and words["rejected"] in lines[0]
    email = next(line for line in lines if line.startswith(words["bad_email"]))
    assert "not-an-email" in email and words["not_email"] in email
    status = next(line for line in lines if line.startswith(words["bad_status"]))
    assert "sometimes" in status and words["not_status"] in status


@pytest.mark.parametrize("code", ["pl", "uk"])
def test_an_unreadable_file_is_refused_naming_file_and_row_in_the_readers_language(
        code: str, db, capsys: pytest.CaptureFixture[str],  # noqa: ANN001
        monkeypatch: pytest.MonkeyPatch, english_after: None) -> None:
    monkeypatch.setenv("COMMUNITYDESK_LANGUAGE", code)
    source = FIXTURES / "members_unclosed_quote.csv"
    assert main(["--db", str(db.sqlite_path), "members", "import", str(source)]) == 1
    error = capsys.readouterr().err.strip()
    assert error.startswith(f"error: {source}: ")  # "error:" is the contract's, in every language
    assert WORDS[code]["quote"] in error and "\n" not in error


@pytest.mark.parametrize("code", ["pl", "uk"])
def test_register_import_names_the_row_and_column_of_a_mark_it_cannot_read(
        code: str, db, capsys: pytest.CaptureFixture[str],  # noqa: ANN001
        monkeypatch: pytest.MonkeyPatch, english_after: None) -> None:
    monkeypatch.setenv("COMMUNITYDESK_LANGUAGE", code)
    source = FIXTURES / "register_bad_mark.csv"
    assert main(["--db", str(db.sqlite_path), "attendance", "import", str(source)]) == 0
    out = capsys.readouterr().out
    line = next(line for line in out.splitlines() if line.startswith(WORDS[code]["bad_mark"]))
    assert "maybe" in line and WORDS[code]["mark_help"] in line


@pytest.mark.parametrize("code", ["pl", "uk"])
def test_a_refused_setting_says_why_and_what_is_allowed_in_the_readers_language(
        code: str, db, capsys: pytest.CaptureFixture[str],  # noqa: ANN001
        monkeypatch: pytest.MonkeyPatch, english_after: None) -> None:
    monkeypatch.setenv("COMMUNITYDESK_LANGUAGE", code)
    assert main(["--db", str(db.sqlite_path), "settings", "set", "quorum", "a dozen"]) == 1
    error = capsys.readouterr().err.strip()
    assert error.startswith("error: quorum: 'a dozen' ")  # the key as `settings set` spells it
    assert WORDS[code]["quorum"] in error


def test_the_same_messages_stay_english_by_default(db, capsys: pytest.CaptureFixture[str],  # noqa: ANN001
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMMUNITYDESK_LANGUAGE", "en")
    assert main(["--db", str(db.sqlite_path), "settings", "set", "quorum", "a dozen"]) == 1
    assert "is neither a number of people nor a share; allowed: a number of people" in \
        capsys.readouterr().err
    source = FIXTURES / "members_bad_rows.csv"
    assert main(["--db", str(db.sqlite_path), "members", "import", str(source)]) == 0
    out = capsys.readouterr().out
    assert "2 rows were rejected" in out and "  row 3: email: " in out
