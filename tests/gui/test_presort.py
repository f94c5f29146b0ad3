"""Sorting a long list on the worker (#14): the UI thread then makes no sort keys at all."""

from __future__ import annotations

import threading
from typing import NamedTuple

from PySide6.QtCore import Qt

from communitydesk.gui.common.row_model import Column, RowTableModel


class Person(NamedTuple):
    id: int
    name: str


class CountingModel(RowTableModel[Person]):
    default_sort = (0, Qt.SortOrder.AscendingOrder)

    def __init__(self) -> None:
        super().__init__()
        self.keys_on: list[str] = []
        self.columns = (Column("Name", lambda p: p.name, self._key),)

    def _key(self, person: Person) -> str:
        self.keys_on.append(threading.current_thread().name)
        return person.name.lower()


PEOPLE = [Person(1, "Zoë"), Person(2, "ann"), Person(3, "Bea")]


def test_rows_sorted_on_a_worker_are_shown_without_sorting_again(qtbot) -> None:
    model = CountingModel()
    presort = model.presorter()
    out: list = []
    worker = threading.Thread(target=lambda: out.append(presort(PEOPLE, ["z", "a", "b"])), name="worker")
    worker.start()
    worker.join()
    rows, texts, sorted_by = out[0]
    model.set_rows(rows, search_texts=texts, sorted_by=sorted_by)
    assert [p.name for p in model.rows()] == ["ann", "Bea", "Zoë"]
    assert model.search_texts() == ["a", "b", "z"]
    assert set(model.keys_on) == {"worker"}


def test_a_sort_changed_while_the_worker_ran_is_applied_on_arrival(qtbot) -> None:
    model = CountingModel()
    rows, texts, sorted_by = model.presorter()(PEOPLE, None)
    model.sort(0, Qt.SortOrder.DescendingOrder)  # the person clicked the header meanwhile
    model.set_rows(rows, search_texts=texts, sorted_by=sorted_by)
    assert [p.name for p in model.rows()] == ["Zoë", "Bea", "ann"]
