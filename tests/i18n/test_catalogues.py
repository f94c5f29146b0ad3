"""The catalogues the app ships: complete, compiled from the current .po, placeholders and Alt
letters intact; which language is chosen when."""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po

from communitydesk import i18n
from communitydesk.i18n import LOCALE_DIR, PSEUDO_LANGUAGE, pseudo_text

TRANSLATED = ("pl", "uk")
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def catalogue(code: str):  # noqa: ANN201 - a babel Catalog
    with (LOCALE_DIR / code / "LC_MESSAGES" / "communitydesk.po").open("rb") as file:
        return read_po(file)


def test_languages_available_are_the_compiled_catalogues() -> None:
    assert i18n.available_languages() == ("en", "pl", "uk")  # the pseudo-locale is not offered


@pytest.mark.parametrize("code", [*TRANSLATED, PSEUDO_LANGUAGE])
def test_compiled_catalogue_is_the_current_po(code: str) -> None:
    """A .po edited without `make translations` would ship the old words: the .mo must say
    exactly what the .po says."""
    compiled = i18n.translator.__wrapped__(code)
    for message in catalogue(code):
        if not message.id or message.fuzzy:
            continue
        if isinstance(message.id, tuple):
            for n, count in enumerate((1, 2, 5)):  # one / few / many in Polish and Ukrainian
                wanted = message.string[min(n, len(message.string) - 1)]
                if code == PSEUDO_LANGUAGE:
                    wanted = message.string[0 if count == 1 else 1]
                assert compiled.ngettext(*message.id, count) == wanted, (code, message.id, count)
        else:
            assert compiled.gettext(message.id) == message.string, (code, message.id)


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_message_translated_with_its_placeholders_and_alt_letter(code: str) -> None:
    problems = []
    for message in catalogue(code):
        if not message.id:
            continue
        source = message.id[0] if isinstance(message.id, tuple) else message.id
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            problems.append(f"untranslated: {source!r}")
            continue
        for text in strings:
            if sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(source)):
                problems.append(f"placeholders differ: {source!r} -> {text!r}")
            if source.count("&") != text.count("&"):
                problems.append(f"Alt letter lost or doubled: {source!r} -> {text!r}")
    assert problems == []


def test_alt_letters_are_unique_in_each_menu() -> None:
    file_menu = ("&New database…", "&Open database…", "Connect to &shared database…", "&Backup now",
                 "&Restore from backup…", "&Check database", "Re&tention…", "&Audit trail…", "&Quit")
    menu_bar = ("&File", "&Edit", "&Go", "&Print", "&Help")
    print_menu = ("&Sign-in sheet…", "&Agenda…", "&Minutes…", "Meeting &pack…", "Attendance &register…",
                  "Print se&ttings…")
    for code in TRANSLATED:
        words = {m.id: m.string for m in catalogue(code) if m.id}
        for menu in (file_menu, menu_bar, print_menu):
            letters = [re.search(r"&(.)", words.get(t, t)).group(1).lower() for t in menu]
            assert len(set(letters)) == len(letters), (code, menu, letters)


def test_pseudo_text_keeps_what_must_keep_working() -> None:
    assert pseudo_text("&File") == "[&Fíĺé~]"
    shown = pseudo_text("Database: {name}")
    assert "{name}" in shown and shown.startswith("[") and shown.endswith("]")
    assert len(shown) >= len("Database: {name}") * 1.3
    assert pseudo_text("<b>{count}</b> people") .count("<b>") == 1
    assert pseudo_text("Databases (*.sqlite3 *.db);;All files (*)").endswith("] (*)")
    assert pseudo_text(" person").startswith(" [")


def test_language_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(i18n.LANGUAGE_ENV, raising=False)
    monkeypatch.setenv("LANGUAGE", "")
    monkeypatch.setenv("LANG", "uk_UA.UTF-8")
    assert i18n.resolve_language("pl") == "pl"  # the group's setting first
    assert i18n.resolve_language("") == "uk"  # "" follows the computer
    assert i18n.resolve_language("de") == "uk"  # a language we have no catalogue for
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    monkeypatch.setenv("LC_ALL", "")
    assert i18n.match_language("de_DE") is None
    monkeypatch.setenv(i18n.LANGUAGE_ENV, "en_XA")
    assert i18n.resolve_language("pl") == "en_XA"  # the tester's override
    assert i18n.resolve_language("pl", use_environment=False) == "pl"  # paper: the group's


def test_set_language_changes_later_text() -> None:
    try:
        assert i18n.set_language("pl_PL.UTF-8") == "pl"
        assert i18n._("&File") == "&Plik"
        assert i18n.ngettext(" person", " people", 3) == " osoby"
        assert i18n.ngettext(" person", " people", 5) == " osób"
        i18n.set_language("uk")
        assert i18n._("Sign-in sheet") == "Реєстр присутності"
    finally:
        i18n.set_language("en")
    assert i18n._("&File") == "&File"


def test_wheel_and_bundle_ship_the_compiled_catalogues() -> None:
    """pip installs (package-data) and the frozen bundle (the spec's datas) carry every .mo."""
    import tomllib

    from tests.paths import REPO

    compiled = sorted(p.relative_to(REPO / "communitydesk").as_posix()
                      for p in LOCALE_DIR.glob("*/LC_MESSAGES/*.mo"))
    assert len(compiled) == 3
    patterns = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"][
        "package-data"]["communitydesk"]
    packaged = {p.relative_to(REPO / "communitydesk").as_posix()
                for pattern in patterns for p in (REPO / "communitydesk").glob(pattern)}
    assert set(compiled) <= packaged
    assert 'glob("*/LC_MESSAGES/*.mo")' in (REPO / "installer" / "communitydesk.spec").read_text()


def test_gettext_language_list_comes_before_the_window_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANGUAGE", "uk:en")
    assert i18n.system_language(hint="pl_PL") == "uk"
    monkeypatch.setenv("LANGUAGE", "")
    assert i18n.system_language(hint="pl_PL") == "pl"  # Windows and macOS set no LANGUAGE


def test_an_empty_message_stays_empty_in_every_language() -> None:
    """A column with no title (``_(column.title)`` of "") showed the .po header in Polish."""
    try:
        for code in ("pl", "uk", "en_XA"):
            i18n.set_language(code)
            assert i18n._("") == ""
    finally:
        i18n.set_language("en")
