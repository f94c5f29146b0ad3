"""Every printed document in the group's `language` setting (#19), whatever the computer's: the
register, the meeting pack's own parts, the attendance report and the subject-access export,
each printed in Polish and Ukrainian and read back with pdftotext."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from communitydesk.db.engine import Database
from communitydesk.pdf.attendance_report import build_attendance_report_pdf
from communitydesk.pdf.documents import DocumentKind, gather, render
from communitydesk.services.privacy.erasure import export_subject_access
from communitydesk.services.reports.figures import attendance_report
from communitydesk.services.reports.periods import Period
from communitydesk.services.settings.group_settings import load_settings, save_settings
from tests.pdf.poppler import flat, pdftotext

PRINTED_ON = date(2026, 6, 15)
ENGLISH_LEFT = ("Printed", "Page 1 of")  # the footer of every document


def _in_language(db: Database, code: str) -> None:
    with db.session() as session:
        save_settings(session, language=code)


def _assert_words(text: str, wanted: list[str], unwanted: tuple[str, ...]) -> None:
    for word in wanted:
        assert word in text, (word, text[:800])
    for word in unwanted:
        assert word not in text, (word, text[:800])


@pytest.mark.parametrize(("code", "words"), [
    ("pl", ["Ewidencja obecności", "Nr Imię i nazwisko", "Razem", "Obecni", "Zgłoszone nieobecności",
            "✓ obecność", "Ogó ogólne", "zebrań", "osób", "Strona 1 z", "Wydrukowano", "cze"]),
    ("uk", ["Журнал відвідуваності", "№ Ім’я та прізвище", "Разом", "Присутні", "Вибачення",
            "✓ присутність", "Заг загальні", "зборів", "осіб", "Сторінка 1 з", "Надруковано",
            "черв"]),
])
def test_register_prints_in_the_group_language(demo_db: Database, tmp_path: Path, code: str,
                                               words: list[str]) -> None:
    _in_language(demo_db, code)
    with demo_db.session() as session:
        data = gather(session, DocumentKind.REGISTER, from_date=date(2026, 1, 1),
                      to_date=date(2026, 6, 15))
    target = tmp_path / f"register-{code}.pdf"
    render(data, target, printed_on=PRINTED_ON)
    _assert_words(flat(pdftotext(target)), words,
                  ("Attendance register", "Apologies", "blank: not there", *ENGLISH_LEFT))


@pytest.mark.parametrize(("code", "words"), [
    ("pl", ["Protokół poprzedniego zebrania", "Otwarte zadania",
            "Lista obecności", "Nowe osoby i goście", "Strona 1 z"]),
    ("uk", ["Протокол попередніх зборів", "Відкриті доручення",
            "Реєстр присутності", "Нові учасники та гості", "Сторінка 1 з"]),
])
def test_meeting_pack_parts_print_in_the_group_language(demo_db: Database, tmp_path: Path,
                                                        code: str, words: list[str]) -> None:
    """The pack's own words and its open-actions and sign-in parts (the agenda and minutes parts
    follow when pdf/agenda.py and pdf/minutes.py are marked)."""
    _in_language(demo_db, code)
    with demo_db.session() as session:
        data = gather(session, DocumentKind.PACK, 11)
    target = tmp_path / f"pack-{code}.pdf"
    render(data, target, printed_on=PRINTED_ON)
    _assert_words(flat(pdftotext(target)), words,
                  ("Minutes of the previous meeting", "Newcomers and guests", "Page 1 of"))


@pytest.mark.parametrize(("code", "words"), [
    ("pl", ["Raport obecności", "Różne osoby obecne", "Obecności łącznie", "Powracający",
            "Obecność na każdym zebraniu", "Miesiące", "Frekwencja", "styczeń 2026",
            "Strona 1 z", "Wydrukowano"]),
    ("uk", ["Звіт про відвідуваність", "Різні учасники", "Усього відвідувань", "Повторні",
            "Відвідуваність на кожних зборах", "Місяці", "Частка", "січень 2026",
            "Сторінка 1 з", "Надруковано"]),
])
def test_attendance_report_prints_in_the_group_language(demo_db: Database, tmp_path: Path,
                                                        code: str, words: list[str]) -> None:
    _in_language(demo_db, code)
    with demo_db.session() as session:
        report = attendance_report(session, Period(date(2026, 1, 1), date(2026, 6, 15)),
                                   as_of=date(2026, 6, 15))
        settings = load_settings(session)
    target = tmp_path / f"report-{code}.pdf"
    build_attendance_report_pdf(report, target, group_name=settings.group_name,
                                today=PRINTED_ON, language=settings.language)
    _assert_words(flat(pdftotext(target)), words,
                  ("Attendance report", "Unique attendees", "Returning", "January",
                   *ENGLISH_LEFT))


@pytest.mark.parametrize(("code", "words"), [
    ("pl", ["Wszystko, co przechowujemy o Tobie", "Dane osobowe", "Imię", "Nazwisko",
            "Rozmowy indywidualne", "Kto zmieniał te dane", "Strona 1 z"]),
    ("uk", ["Усе, що ми зберігаємо про вас", "Особисті дані", "Ім’я", "Прізвище",
            "Індивідуальні розмови", "Хто змінював ці записи", "Сторінка 1 з"]),
])
def test_subject_access_export_prints_in_the_group_language(demo_db: Database, tmp_path: Path,
                                                            code: str, words: list[str]) -> None:
    _in_language(demo_db, code)
    with demo_db.session() as session:
        result = export_subject_access(session, 1, tmp_path / "export.json", group_name="Group")
    _assert_words(flat(pdftotext(result.pdf_path)), words,
                  ("Everything we hold", "Personal details", "Who changed", "Page 1 of"))
