"""Switching the group's `language` setting: the next window's menus (Qt's own buttons too)
and the next printed sign-in sheet change language; `settings show --json` lists what exists."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QDate, QLocale, QSettings
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from communitydesk.config import Paths
from communitydesk.db.engine import Database
from communitydesk.gui.app import install_language, start_language
from communitydesk.gui.context import AppContext, DataEvents
from communitydesk.gui.main_window import MainWindow
from communitydesk.services.settings.group_settings import save_settings
from tests.pdf.poppler import flat, pdftotext


@pytest.fixture
def english_after(qapp: QApplication) -> Iterator[QApplication]:
    """Whatever a test switches to, the next test starts in English again (and its locale)."""
    before = QLocale()
    yield qapp
    install_language(qapp, "en")
    QLocale.setDefault(before)


def new_window(qtbot, db: Database, paths: Paths, app: QApplication) -> MainWindow:
    """What the app does at start: read the setting, install the language, build the window."""
    settings = QSettings(str(paths.gui_settings_file), QSettings.Format.IniFormat)
    ctx = AppContext(paths=paths, db=db, gui_settings=settings, events=DataEvents())
    start_language(app, ctx)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    return window


def menu_words(window: MainWindow) -> list[str]:
    return [a.text() for a in window.menuBar().actions()] + [
        a.text() for a in window.file_menu.actions() if a.text()]


def test_window_menus_follow_the_language_setting(qtbot, db: Database, paths: Paths,
                                                  english_after: QApplication) -> None:
    first = new_window(qtbot, db, paths, english_after)
    assert menu_words(first)[0] == "&File" and "&Quit" in menu_words(first)

    with db.session() as session:
        save_settings(session, language="pl")
    polish = new_window(qtbot, db, paths, english_after)
    words = menu_words(polish)
    assert words[0] == "&Plik" and "&Edycja" in words and "Pomo&c" in words
    assert "&Otwórz bazę danych…" in words and "&Zakończ" in words
    # Dates and day names follow the words: no "Tue" beside "Zebrania".
    assert QLocale().language() == QLocale.Language.Polish
    assert QLocale().toString(QDate(2026, 12, 1), "dddd") == "wtorek"
    # Qt's own words (standard buttons) come from qtbase_pl.qm.
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "Anuluj"
    dialog = polish.settings_dialog()
    dialog.loading.wait()
    assert dialog.windowTitle() == "Ustawienia"
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == [
        "Grupa", "Zebrania", "Finanse", "Osoby", "Język"]
    dialog.close()

    with db.session() as session:
        save_settings(session, language="uk")
    ukrainian = new_window(qtbot, db, paths, english_after)
    assert menu_words(ukrainian)[0] == "&Файл"
    assert QLocale().language() == QLocale.Language.Ukrainian
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Скасувати"

    with db.session() as session:
        save_settings(session, language="")  # back to the computer's (English in tests)
    assert menu_words(new_window(qtbot, db, paths, english_after))[0] == "&File"


def test_language_choices_in_settings_are_the_catalogues(qtbot, db: Database, paths: Paths,
                                                         english_after: QApplication) -> None:
    window = new_window(qtbot, db, paths, english_after)
    dialog = window.settings_dialog()
    dialog.loading.wait()
    combo = dialog.editors["language"]
    assert [combo.itemData(i) for i in range(combo.count())] == ["", "en", "pl", "uk"]
    assert [combo.itemText(i) for i in range(1, combo.count())] == ["English", "Polski", "Українська"]
    dialog.close()


def test_settings_show_lists_the_languages(run_cli) -> None:
    shown = run_cli("settings", "show", "--json")
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["languages_available"] == ["en", "pl", "uk"]
    assert run_cli("settings", "set", "language", "uk").returncode == 0
    refused = run_cli("settings", "set", "language", "de")
    assert refused.returncode == 1 and refused.stderr.startswith("error: ")


@pytest.mark.parametrize(("code", "words"), [
    ("en", ["Sign-in sheet", "No. Name Signature", "Newcomers and guests", "Page 1 of",
            "Happy to be contacted"]),
    ("pl", ["Lista obecności", "Nr Imię i nazwisko Podpis", "Nowe osoby i goście", "Strona 1 z",
            "Zgoda na kontakt", "Wydrukowano"]),
    ("uk", ["Реєстр присутності", "№ Ім’я та прізвище Підпис", "Нові учасники та гості",
            "Сторінка 1 з", "Згода на зв’язок", "Надруковано"]),
])
def test_next_sign_in_sheet_prints_in_the_group_language(run_cli, demo_db: Database, tmp_path: Path,
                                                         code: str, words: list[str]) -> None:
    assert run_cli("settings", "set", "language", code, db=demo_db.sqlite_path).returncode == 0
    sheet = tmp_path / f"sign-in-{code}.pdf"
    done = run_cli("print", "sign-in", "11", "-o", str(sheet), db=demo_db.sqlite_path)
    assert done.returncode == 0, done.stderr
    text = flat(pdftotext(sheet))
    for word in words:
        assert word in text, (code, word, text[:600])
    if code != "en":  # nothing English left on the sheet's own words
        for english in ("Sign-in sheet", "Signature", "Newcomers", "Page 1 of", "Printed"):
            assert english not in text, (code, english)


def test_country_currency_and_month_names_in_the_window_language(
        qtbot, db: Database, paths: Paths, english_after: QApplication) -> None:
    with db.session() as session:
        save_settings(session, language="pl", phone_region="IE", currency="GBP")
    window = new_window(qtbot, db, paths, english_after)
    dialog = window.settings_dialog()
    dialog.loading.wait()
    region, currency = dialog.editors["phone_region"], dialog.editors["currency"]
    assert region.currentText() == "Irlandia (IE)"
    assert currency.currentText() == "funt szterling (GBP)"
    assert dialog.editors["financial_year_start_month"].currentText() == "kwiecień"
    region.setEditText("Polska")  # a Polish secretary types the Polish name
    assert region.value() == "PL"
    dialog.close()


def test_names_sort_in_the_groups_language_once_it_is_set(qtbot, db: Database, paths: Paths,
                                                          english_after: QApplication) -> None:
    """A Polish group's lists put Żak after Zimmer whatever the computer's own language."""
    from communitydesk.services.core.text import name_sort_key, set_sort_language

    try:
        with db.session() as session:
            save_settings(session, language="pl")
        new_window(qtbot, db, paths, english_after)
        names = sorted(["Żak", "Zimmer", "Zając"], key=lambda n: name_sort_key(n, ""))
        assert names == ["Zając", "Zimmer", "Żak"]
    finally:
        set_sort_language(None)
