"""The command line's own words in the reader's language (#19): every help text of the commands
marked so far is translated into Polish and Ukrainian; "error:" and JSON stay as the contract says."""

from __future__ import annotations

import argparse
from collections.abc import Iterator

import pytest

from communitydesk.cli import argparse_words, build_parser, main
from communitydesk.i18n import set_language

# The commands whose modules are marked (new command modules join this list when marked).
MARKED_COMMANDS = ("db", "demo", "members", "meetings", "agenda", "actions", "minutes",
                   "attendance", "one-to-ones", "report", "print", "privacy", "settings", "gui",
                   "self-check")


def _helps(parser: argparse.ArgumentParser, path: str = "") -> Iterator[tuple[str, str]]:
    """(where, help text) for every option and sub-command under ``parser``."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                if not path and choice.dest not in MARKED_COMMANDS:
                    continue
                yield f"{path} {choice.dest}".strip(), choice.help or ""
            for name, sub in action.choices.items():
                if path or name in MARKED_COMMANDS:
                    yield from _helps(sub, f"{path} {name}".strip())
        elif action.help and action.help is not argparse.SUPPRESS:
            yield f"{path} {'/'.join(action.option_strings) or action.dest}", action.help
    if parser.description:
        yield f"{path} (description)", parser.description


@pytest.fixture
def english_after() -> Iterator[None]:
    yield
    set_language("en")


@pytest.mark.parametrize("code", ["pl", "uk"])
def test_every_help_text_of_the_marked_commands_is_translated(code: str, english_after: None) -> None:
    argparse_words.install()  # as main() does
    set_language("en")
    english = dict(_helps(build_parser()))
    set_language(code)
    translated = dict(_helps(build_parser()))
    assert translated.keys() == english.keys()
    same = [f"{where}: {text!r}" for where, text in english.items()
            if text and translated[where] == text]
    assert same == [], f"help left in English in {code}:\n" + "\n".join(same)


def test_help_follows_the_language_variable(capsys: pytest.CaptureFixture[str], english_after: None,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMMUNITYDESK_LANGUAGE", "uk")
    with pytest.raises(SystemExit) as done:
        main(["meetings", "--help"])
    assert done.value.code == 0
    shown = capsys.readouterr().out
    assert "запланувати збори" in shown and "список зборів" in shown
    monkeypatch.setenv("COMMUNITYDESK_LANGUAGE", "pl")
    with pytest.raises(SystemExit):
        main(["meetings", "add", "--help"])
    shown = capsys.readouterr().out
    assert shown.startswith("użycie: ") and '"2026-12-10 19:00" lub "10/12/2026 19:00"' in shown


@pytest.mark.parametrize(("code", "empty_meetings", "no_match", "written"), [
    ("pl", "brak zebrań", "żaden członek nie pasuje", "Ewidencja obecności: zapisano w"),
    ("uk", "зборів немає", "жоден член не відповідає", "Журнал відвідуваності: записано в"),
])
def test_lines_for_people_follow_the_language(
        code: str, empty_meetings: str, no_match: str, written: str, db, tmp_path,  # noqa: ANN001
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        english_after: None) -> None:
    monkeypatch.setenv("COMMUNITYDESK_LANGUAGE", code)
    target = str(db.sqlite_path)
    assert main(["--db", target, "meetings", "list"]) == 0
    assert capsys.readouterr().out.strip() == empty_meetings
    assert main(["--db", target, "members", "list", "--search", "nobody-at-all"]) == 0
    assert capsys.readouterr().out.strip() == no_match
    pdf = tmp_path / "register.pdf"
    assert main(["--db", target, "print", "register", "-o", str(pdf)]) == 0
    assert capsys.readouterr().out.startswith(written)
    assert main(["--db", target, "meetings", "list", "--json"]) == 0
    assert capsys.readouterr().out.strip() == "[]"  # JSON is the contract's, in every language
