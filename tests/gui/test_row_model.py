"""The shared row table model and its filter proxy, which every list screen builds on."""

from __future__ import annotations

from datetime import date
from typing import Any, NamedTuple

from PySide6.QtCore import QPersistentModelIndex, Qt

from communitydesk.gui.common.row_model import (
    ID_ROLE,
    RIGHT,
    ROW_ROLE,
    SEARCH_ROLE,
    SORT_ROLE,
    Column,
    RowFilterProxy,
    RowTableModel,
)
from communitydesk.gui.privacy.rows_model import RowsTableModel


class Person(NamedTuple):
    id: int
    name: str
    visits: int


PEOPLE = [Person(1, "Łukasz Wróbel", 3), Person(2, "Ann Smith", 10), Person(3, "Zoë Brown", 1)]


class PeopleModel(RowTableModel[Person]):
    columns = (
        Column("Name", lambda p: p.name),
        Column("Visits", lambda p: str(p.visits), lambda p: p.visits, align_right=True),
    )

    def __init__(self) -> None:
        super().__init__()
        self.keys = 0
        self.haystacks = 0

    def sort_key(self, column: int) -> Any:
        key = super().sort_key(column)

        def counted(p: Person) -> Any:
            self.keys += 1
            return key(p)
        return counted

    def haystack(self, row: Person) -> str:
        self.haystacks += 1
        return super().haystack(row)

    def extra_data(self, row: Person, column: int, role: int) -> Any:
        return f"{row.visits} visits" if role == Qt.ItemDataRole.ToolTipRole else None


def _names(model: RowTableModel | RowFilterProxy) -> list[str]:
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def test_models_pass_the_model_tester(qtmodeltester) -> None:
    model = PeopleModel()
    model.set_rows(PEOPLE)
    proxy = RowFilterProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(model)
    qtmodeltester.check(proxy)


def test_sorts_in_the_source_with_one_key_per_row_and_keeps_persistent_indexes() -> None:
    model = PeopleModel()
    model.set_rows(PEOPLE)
    ann = QPersistentModelIndex(model.index(1, 1))
    model.sort(1, Qt.SortOrder.DescendingOrder)
    assert model.keys == len(PEOPLE)
    assert _names(model) == ["Ann Smith", "Łukasz Wróbel", "Zoë Brown"]
    assert (ann.row(), ann.column()) == (0, 1)
    model.sort(0)  # by folded display text: Łukasz sorts as "lukasz"
    assert _names(model) == ["Ann Smith", "Łukasz Wróbel", "Zoë Brown"]
    model.set_rows(reversed(PEOPLE))  # the last sort is kept for new rows
    assert _names(model) == ["Ann Smith", "Łukasz Wróbel", "Zoë Brown"]
    model.sort(7)  # no such column: nothing happens
    assert _names(model) == ["Ann Smith", "Łukasz Wróbel", "Zoë Brown"]


def test_roles_alignment_and_extra_data() -> None:
    model = PeopleModel()
    model.set_rows(PEOPLE)
    name, visits = model.index(0, 0), model.index(0, 1)
    assert visits.data() == "3" and visits.data(SORT_ROLE) == 3 and name.data(SORT_ROLE) == "lukasz wrobel"
    assert visits.data(Qt.ItemDataRole.TextAlignmentRole) == RIGHT
    assert name.data(Qt.ItemDataRole.TextAlignmentRole) is None
    header_alignment = (1, Qt.Orientation.Horizontal, Qt.ItemDataRole.TextAlignmentRole)
    assert model.headerData(*header_alignment) is None  # a narrow header keeps room for the arrow
    model.align_headers = True
    assert model.headerData(*header_alignment) == RIGHT
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Name"
    assert name.data(ID_ROLE) == 1 and name.data(ROW_ROLE) == PEOPLE[0]
    assert name.data(Qt.ItemDataRole.ToolTipRole) == "3 visits"
    assert name.data(SEARCH_ROLE) == "lukasz wrobel 3"


def test_search_text_is_built_on_the_first_search_and_kept_through_a_sort() -> None:
    model = PeopleModel()
    model.set_rows(PEOPLE)
    proxy = RowFilterProxy()
    proxy.setSourceModel(model)
    assert model.haystacks == 0 and proxy.rowCount() == 3
    proxy.set_search("lukasz")
    assert model.haystacks == 3 and [proxy.row_at(0).id] == [1]
    proxy.sort(1, Qt.SortOrder.AscendingOrder)
    proxy.set_search("BROWN")
    assert model.haystacks == 3 and [proxy.row_at(0).id] == [3]
    model.replace_row(model.rows().index(PEOPLE[2]), PEOPLE[2]._replace(name="Zoë Green"))
    assert model.haystacks == 4 and proxy.rowCount() == 0


def test_proxy_row_test_and_words_together() -> None:
    model = PeopleModel()
    model.set_rows(PEOPLE)
    proxy = RowFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_accept(lambda p: p.visits > 1)
    assert sorted(p.id for p in map(proxy.row_at, range(proxy.rowCount()))) == [1, 2]
    proxy.set_search("smith")
    assert [proxy.row_at(r).id for r in range(proxy.rowCount())] == [2]
    proxy.set_accept(None)
    proxy.set_search("")
    assert proxy.rowCount() == 3


def test_default_sort_applies_until_the_user_sorts() -> None:
    class Newest(PeopleModel):
        default_sort = (1, Qt.SortOrder.DescendingOrder)

    model = Newest()
    model.set_rows(PEOPLE)
    assert [p.id for p in model.rows()] == [2, 1, 3]


def test_tuple_rows_sort_on_values_and_ticks_follow_their_rows(qtmodeltester) -> None:
    model = RowsTableModel(["Name", "Id", "Last seen"], checkable=True)
    model.set_rows([("Bea", 10, date(2024, 5, 1)), ("Al", 9, None), ("Cy", 100, date(2023, 1, 2))],
                   checked=True)
    qtmodeltester.check(model)
    assert model.setData(model.index(0, 0), Qt.CheckState.Unchecked.value,
                         Qt.ItemDataRole.CheckStateRole)
    model.sort(1)  # ids as numbers: 9, 10, 100
    assert [r[0] for r in model.rows()] == ["Al", "Bea", "Cy"]
    assert [r[0] for r in model.checked_rows()] == ["Al", "Cy"]
    assert model.index(1, 0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    model.sort(2)  # dates as dates, nobody-knows first
    assert [r[0] for r in model.rows()] == ["Al", "Cy", "Bea"]
    assert model.index(2, 2).data() == "01/05/2024"  # the short date of the locale (en_GB here)
    assert not model.flags(model.index(0, 1)) & Qt.ItemFlag.ItemIsUserCheckable


def test_search_texts_built_with_the_rows_follow_the_sort_and_spare_the_ui_thread() -> None:
    model = PeopleModel()
    model.sort(1, Qt.SortOrder.DescendingOrder)  # most visits first
    model.set_rows(PEOPLE, search_texts=[f"text of {p.id}" for p in PEOPLE])
    assert _names(model) == ["Ann Smith", "Łukasz Wróbel", "Zoë Brown"]
    assert model.search_texts() == ["text of 2", "text of 1", "text of 3"]
    assert model.haystacks == 0  # nothing folded on this thread


def test_a_computer_with_no_language_set_gets_iso_dates_not_c_locale_ones() -> None:
    from datetime import date

    from PySide6.QtCore import QLocale

    from communitydesk.gui.common.dates import short_date, short_date_format

    previous = QLocale()
    QLocale.setDefault(QLocale.c())
    try:
        assert short_date(date(2023, 3, 4)) == "2023-03-04"  # Qt's own C form is "4 03 2023"
        assert short_date_format() == "yyyy-MM-dd"
    finally:
        QLocale.setDefault(previous)
