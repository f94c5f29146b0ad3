"""The agenda and the minutes print in the group's `language` setting (#19 item 4), alone and as
parts of the meeting pack: read back with pdftotext, no English words of ours left."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from communitydesk.db.engine import Database
from communitydesk.pdf.documents import DocumentKind, gather, render
from communitydesk.services.settings.group_settings import save_settings
from tests.pdf.poppler import flat, pdftotext

PRINTED_ON = date(2026, 6, 15)
MEETING = 9  # the demo's general meeting of 2 June 2026 (held, with minutes and actions)
# the demo group's own item titles ("3. Matters arising") are its data, printed as written
ENGLISH = ("Printed", "Page 1 of", "Chair", "Minutes taken by", "Present (", "Apologies (",
           "Actions (", "Matters arising (item", "Please send apologies", "Last meeting", "Agenda")


def _print(db: Database, code: str, kind: DocumentKind, tmp_path: Path) -> str:
    with db.session() as session:
        save_settings(session, language=code)
    with db.session() as session:
        data = gather(session, kind, MEETING)
    target = tmp_path / f"{kind.value}-{code}.pdf"
    render(data, target, printed_on=PRINTED_ON)
    return flat(pdftotext(target))


@pytest.mark.parametrize(("code", "words"), [
    ("pl", ["Porządek obrad", "Przewodniczący", "Nr", "Punkt", "Sprawy wynikające z protokołu",
            "zgłoś nieobecność sekretarzowi", "Strona 1 z", "Wydrukowano"]),
    ("uk", ["Порядок денний", "Голова", "№", "Пункт", "Питання, що випливають з протоколу",
            "повідомте секретаря", "Сторінка 1 з", "Надруковано"]),
])
def test_agenda_prints_in_the_group_language(demo_db: Database, tmp_path: Path, code: str,
                                             words: list[str]) -> None:
    text = _print(demo_db, code, DocumentKind.AGENDA, tmp_path)
    for word in words:
        assert word in text, (word, text[:800])
    for word in ENGLISH:
        assert word not in text, (word, text[:800])


@pytest.mark.parametrize(("code", "words"), [
    ("pl", ["Protokół", "Przewodniczący", "Protokolant", "Obecni (", "Usprawiedliwienia (",
            "Zadania (", "Strona 1 z"]),
    ("uk", ["Протокол", "Голова", "Протоколіст", "Присутні (", "Вибачення за відсутність (",
            "Доручення (", "Сторінка 1 з"]),
])
def test_minutes_print_in_the_group_language(demo_db: Database, tmp_path: Path, code: str,
                                             words: list[str]) -> None:
    text = _print(demo_db, code, DocumentKind.MINUTES, tmp_path)
    for word in words:
        assert word in text, (word, text[:800])
    for word in ENGLISH:
        assert word not in text, (word, text[:800])
