"""#21 item 5: lists, sign-in sheets and exports sorted as a reader of the language expects
(Åkesson after Z in Swedish, Żak after Zimmer in Polish), with fixed expected orders."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from communitydesk.db.engine import Database
from communitydesk.services.core import text
from communitydesk.services.core.text import name_sort_key, set_sort_language, sort_language
from communitydesk.services.members.export import export_members
from communitydesk.services.members.records import add_member, list_members

POLISH = ["Cichy", "Ćwik", "Lis", "Łukasik", "Ostrowski", "Zając", "Zimmer", "Źrebiec", "Żak"]
SWEDISH = ["Andersson", "Olsson", "Zorn", "Åkesson", "Ärlig", "Ödman", "Östberg"]
GROUPS = {"pl": (POLISH, "pl_PL.UTF-8"), "sv": (SWEDISH, "sv_SE.UTF-8")}


@pytest.fixture(autouse=True)
def _language_reset():
    yield
    set_sort_language(None)


def _fill(db: Database, surnames: list[str]) -> None:
    with db.session() as s:
        for last in reversed(surnames):  # stored in the wrong order on purpose
            add_member(s, first_name="Anna", last_name=last)


@pytest.mark.parametrize("language", list(GROUPS))
def test_member_list_and_csv_export_follow_the_language(db: Database, tmp_path: Path,
                                                        language: str) -> None:
    expected, _ = GROUPS[language]
    _fill(db, expected)
    set_sort_language(language)
    with db.session() as s:
        assert [m.last_name for m in list_members(s)] == expected
        export_members(s, tmp_path / "m.csv")
    with (tmp_path / "m.csv").open(encoding="utf-8-sig", newline="") as fh:
        assert [r["last_name"] for r in csv.DictReader(fh)] == expected


def test_english_keeps_accents_with_their_letter() -> None:
    set_sort_language("en")
    names = sorted(POLISH + SWEDISH, key=lambda n: name_sort_key(n, ""))
    assert names.index("Żak") < names.index("Zimmer") and names.index("Åkesson") < names.index("Andersson") + 2


def test_the_system_locale_decides_when_no_language_is_set(monkeypatch) -> None:
    set_sort_language(None)
    monkeypatch.setenv("LC_ALL", "sv_SE.UTF-8")
    assert sort_language() == "sv"
    monkeypatch.setenv("LC_ALL", "")
    monkeypatch.setenv("LC_COLLATE", "")
    monkeypatch.setenv("LANG", "pl_PL.UTF-8")
    assert sort_language() == "pl"
    assert text.collation_key("Żak", "pl") > text.collation_key("Zimmer", "pl")


@pytest.mark.parametrize("language", list(GROUPS))
def test_cli_list_and_sign_in_sheet_follow_the_system_locale(run_cli, tmp_path: Path, monkeypatch,
                                                             language: str) -> None:
    from tests.pdf.poppler import flat, pdftotext

    expected, system = GROUPS[language]
    db = tmp_path / "group.sqlite3"
    for last in reversed(expected):
        assert run_cli("members", "add", "--first-name", "Anna", "--last-name", last, db=db).returncode == 0
    monkeypatch.setenv("LC_ALL", system)
    listed = json.loads(run_cli("members", "list", "--json", db=db).stdout)
    assert [m["last_name"] for m in listed] == expected
    added = run_cli("meetings", "add", "--title", "Meeting", "--starts", "2026-12-03 19:00", "--json", db=db)
    sheet = tmp_path / "sign-in.pdf"
    done = run_cli("print", "sign-in", str(json.loads(added.stdout)["id"]), "-o", str(sheet), db=db)
    assert done.returncode == 0, done.stderr
    page = flat(pdftotext(sheet))
    positions = [page.index(last) for last in expected]
    assert positions == sorted(positions), page


def test_the_window_member_list_sorts_in_the_users_language(qtbot) -> None:
    from PySide6.QtCore import Qt

    from communitydesk.gui.members.member_table_model import MemberFilterProxy, MemberTableModel
    from communitydesk.services.members.records import MemberSummary

    set_sort_language("pl")
    model = MemberTableModel()
    proxy = MemberFilterProxy()
    proxy.setSourceModel(model)
    model.set_rows([MemberSummary(i, "Anna", last, None, None, None, "active")
                    for i, last in enumerate(reversed(POLISH))])
    proxy.sort(0, Qt.SortOrder.AscendingOrder)
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == POLISH
