"""#14: lists filter and sort over keys made once per row, never with a Python call per row from
Qt, and still show the right rows in the right order (collation, search, register numbers)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from typing import NamedTuple

import pytest
from PySide6.QtCore import QItemSelectionModel, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QTableView

from communitydesk.db.engine import Database
from communitydesk.gui.attendance.register_table_model import (
    COL_NAME,
    RegisterFilterProxy,
    RegisterTableModel,
)
from communitydesk.gui.common.row_model import Column, RowFilterProxy, RowTableModel
from communitydesk.gui.members.member_table_model import (
    COL_FIRST,
    COL_LAST,
    MemberFilterProxy,
    MemberTableModel,
)
from communitydesk.services.attendance.register import RegisterRow, read_register_rows
from communitydesk.services.core.text import fold, set_sort_language
from communitydesk.services.meetings.rows import list_meeting_rows
from communitydesk.services.members.records import MemberSummary, list_members

FIRST = date(2024, 1, 1)


@pytest.fixture(autouse=True)
def _language_reset() -> Iterator[None]:
    yield
    set_sort_language(None)


def _member(member_id: int, last: str, first: str = "Anna") -> MemberSummary:
    return MemberSummary(member_id, first, last, None, None, None, "member", joined_on=FIRST)


def _shown(proxy) -> list:  # noqa: ANN001 - any of our proxies
    return [proxy.row_at(r) for r in range(proxy.rowCount())]


def _members_proxy(rows: list[MemberSummary]) -> tuple[MemberTableModel, MemberFilterProxy]:
    model = MemberTableModel()
    proxy = MemberFilterProxy()
    proxy.setSourceModel(model)
    model.set_rows(rows)
    return model, proxy


@pytest.mark.parametrize(("language", "expected"), [
    ("pl", ["Adams", "Åkesson", "Çelik", "Cohen", "Zimmer", "Żak"]),  # Ż after Z; Å, Ç with A, C
    ("sv", ["Adams", "Çelik", "Cohen", "Żak", "Zimmer", "Åkesson"]),  # Å after Z; Ż with Z
])
def test_sorting_by_name_follows_the_readers_collation(qtbot, language: str, expected: list[str]) -> None:
    names = ["Żak", "Cohen", "Åkesson", "Zimmer", "Çelik", "Adams"]
    set_sort_language("en")  # keys made in one language first: a new language makes new ones
    model, proxy = _members_proxy([_member(n + 1, last) for n, last in enumerate(names)])
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.sortByColumn(COL_LAST, Qt.SortOrder.AscendingOrder)
    set_sort_language(language)
    view.sortByColumn(COL_FIRST, Qt.SortOrder.AscendingOrder)  # all "Anna": then by last name
    assert [m.last_name for m in _shown(proxy)] == expected
    view.sortByColumn(COL_LAST, Qt.SortOrder.DescendingOrder)
    assert [m.last_name for m in _shown(proxy)] == expected[::-1]
    assert view.horizontalHeader().sortIndicatorSection() == COL_LAST
    assert view.horizontalHeader().sortIndicatorOrder() == Qt.SortOrder.DescendingOrder


def test_member_search_and_sort_leave_the_rows_the_cli_finds(demo_db: Database) -> None:
    with demo_db.session() as s:
        everyone = list_members(s, sort=False)
        found = {word: {m.id for m in list_members(s, search=word)} for word in ("an", "a e", "gmail", "zz")}
    model, proxy = _members_proxy(everyone)
    proxy.set_show_archived(True)  # the CLI lists the archived too
    for word, ids in found.items():
        proxy.set_search(word)
        assert {m.id for m in _shown(proxy)} == ids, word
    proxy.set_search("an")
    proxy.sort(COL_FIRST, Qt.SortOrder.DescendingOrder)
    key = model.sort_key(COL_FIRST)
    assert _shown(proxy) == sorted((m for m in everyone if m.id in found["an"]), key=key, reverse=True)


def test_meeting_filters_search_and_sort_on_real_rows(demo_db: Database) -> None:
    from communitydesk.gui.meetings.meeting_table_model import (
        COL_DATE,
        COL_TITLE,
        MeetingTableModel,
    )

    with demo_db.session() as s:
        meetings = list_meeting_rows(s, today=date(2026, 6, 15))
    now = datetime(2026, 6, 15, 12)
    model = MeetingTableModel()
    proxy = RowFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_accept(lambda m: not m.is_upcoming(now))
    model.set_rows(meetings)
    proxy.sort(COL_DATE, Qt.SortOrder.DescendingOrder)
    past = sorted((m for m in meetings if not m.is_upcoming(now)), key=lambda m: (m.starts_at, m.id), reverse=True)
    assert past and len(past) < len(meetings) and _shown(proxy) == past
    word = fold(past[0].title.split()[0])
    proxy.set_search(word)
    assert _shown(proxy) == [m for m in past if word in model.search_text(model.rows().index(m))]
    proxy.sort(COL_TITLE, Qt.SortOrder.AscendingOrder)
    assert [m.title for m in _shown(proxy)] == sorted((m.title for m in _shown(proxy)), key=fold)


def test_register_finds_name_starts_and_row_numbers(demo_db: Database, qtmodeltester) -> None:
    with demo_db.session() as s:
        meeting_id = list_meeting_rows(s, today=date(2026, 6, 15))[0].id
        rows, _provisional = read_register_rows(s, meeting_id)
    model = RegisterTableModel()
    proxy = RegisterFilterProxy()
    proxy.setSourceModel(model)
    model.set_rows(rows)
    assert len(rows) > 10 and _shown(proxy) == rows  # in row-number order

    def starts(row: RegisterRow, word: str) -> bool:
        return any(p.startswith(word) for p in fold(f"{row.display_name} {row.first_name}").split())

    some = rows[7]
    for text in (fold(some.last_name)[:3], fold(some.first_name)[:2] + " " + fold(some.last_name)[:1], "q"):
        proxy.set_search(text)
        assert _shown(proxy) == [r for r in rows if all(starts(r, w) for w in text.split())], text
    proxy.set_search(str(some.number))
    assert _shown(proxy) == [some]
    qtmodeltester.check(proxy)
    proxy.set_search(fold(some.last_name)[1:4])  # the middle of a name finds nobody by it
    assert some not in _shown(proxy) or starts(some, fold(some.last_name)[1:4])
    proxy.set_search("")
    proxy.sort(COL_NAME, Qt.SortOrder.AscendingOrder)
    assert _shown(proxy) == sorted(rows, key=lambda r: (fold(r.display_name), r.number))


class Item(NamedTuple):
    id: int
    name: str


class ItemModel(RowTableModel[Item]):
    columns = (Column("Name", lambda i: i.name), Column("Id", lambda i: str(i.id), lambda i: i.id))

    def __init__(self) -> None:
        super().__init__()
        self.keys = 0
        self.cells = 0

    def sort_key(self, column: int):  # noqa: ANN201
        key = super().sort_key(column)

        def counted(item: Item):  # noqa: ANN202
            self.keys += 1
            return key(item)
        return counted

    def cell_data(self, row_number: int, column: int, role: int):  # noqa: ANN201
        self.cells += 1
        return super().cell_data(row_number, column, role)


ITEMS = [Item(n, f"item {n:05d} {'even' if n % 2 == 0 else 'odd'}") for n in range(5_000)]


def test_a_keystroke_asks_python_about_the_painted_rows_only(qtbot) -> None:
    model = ItemModel()
    proxy = RowFilterProxy()
    proxy.setSourceModel(model)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(proxy)
    view.resize(400, 300)
    view.show()
    model.set_rows(ITEMS)
    qtbot.waitExposed(view)
    model.search_texts()
    model.cells = 0
    proxy.set_search("even")
    view.grab()  # paints the rows shown
    assert proxy.rowCount() == 2_500
    assert 0 < model.cells < 500  # a few rows painted, not 5,000 rows asked about


def test_sort_keys_are_made_once_a_column_and_a_repeated_sort_does_nothing() -> None:
    model = ItemModel()
    model.set_rows(ITEMS)
    model.sort(1, Qt.SortOrder.DescendingOrder)
    model.sort(1, Qt.SortOrder.DescendingOrder)  # Qt's sortByColumn asks twice
    assert model.keys == len(ITEMS) and model.rows()[0].id == 4_999
    model.sort(0)
    model.sort(1, Qt.SortOrder.AscendingOrder)
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert model.keys == 2 * len(ITEMS) and model.rows()[0].id == 4_999
    model.replace_row(0, Item(4_999, "item 00000 aaa"))  # one key remade; the rows may be out of order
    assert model.keys == 2 * len(ITEMS) + 2
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert model.rows()[-1].name == "item 00000 aaa"


def test_selection_stays_on_rows_still_shown_across_a_search_and_a_sort(qtbot, qtmodeltester) -> None:
    model = ItemModel()
    proxy = RowFilterProxy()
    proxy.setSourceModel(model)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(proxy)
    model.set_rows(ITEMS[:20])
    qtmodeltester.check(proxy)
    view.selectionModel().select(proxy.index(4, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                                 | QItemSelectionModel.SelectionFlag.Rows)
    kept = QPersistentModelIndex(proxy.index(4, 1))

    def selected() -> list[int]:
        return [proxy.row_at(i.row()).id for i in view.selectionModel().selectedRows()]

    proxy.set_search("even")
    assert selected() == [4] and (kept.row(), kept.column()) == (2, 1)
    proxy.sort(1, Qt.SortOrder.DescendingOrder)
    assert selected() == [4] and proxy.row_at(kept.row()).id == 4
    proxy.set_accept(lambda i: i.id > 10)
    assert selected() == [] and not kept.isValid()
    proxy.set_accept(None)
    proxy.set_search("")
    assert proxy.rowCount() == 20
    qtmodeltester.check(proxy)


def test_typing_on_tests_only_the_rows_shown_and_any_edit_finds_the_right_rows(demo_db: Database) -> None:
    with demo_db.session() as s:
        everyone = list_members(s, sort=False)
    model, proxy = _members_proxy(everyone)
    texts = model.search_texts()
    for text in ("s", "sm", "smi", "s", "a", "an", "ann", "an j", "an jo", "n jo", "", "jo an", "jo", "o"):
        proxy.set_search(text)
        words = fold(text).split()
        expected = [m for m, hay in zip(model.rows(), texts, strict=True)
                    if not m.archived and all(w in hay for w in words)]
        assert _shown(proxy) == expected, text
    start = fold(everyone[0].last_name)
    proxy.set_search(start[:2])
    shown = proxy.source_rows()
    tested: list[int] = []
    texts_seen = proxy.match_words
    proxy.match_words = lambda rows, words: (tested.append(len(rows)), texts_seen(rows, words))[1]
    proxy.set_search(start[:3])
    assert tested == [len(shown)] and len(shown) < len(everyone)  # only the rows shown before
    assert everyone[0] in _shown(proxy)
