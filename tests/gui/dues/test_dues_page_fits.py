"""The Dues page in a small window and in other languages: nothing cut, nothing left in English."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QFont, QFontMetrics

from communitydesk import i18n
from communitydesk.gui.context import AppContext
from communitydesk.gui.dues.dues_page import DuesPage
from communitydesk.gui.dues.income_chart import month_labels

MONTHS = [f"2025-{m:02d}" for m in (12,)] + [f"2026-{m:02d}" for m in range(1, 12)]


@pytest.fixture
def language() -> Iterator:
    """Switch the text and the locale together, as the app does; back to English after."""
    before = QLocale()

    def switch(code: str) -> None:
        i18n.set_language(code)
        QLocale.setDefault(QLocale(code))

    yield switch
    i18n.set_language("en")
    QLocale.setDefault(before)


def test_the_header_and_filters_fit_a_1024_window(qtbot, ctx: AppContext, language) -> None:
    """At 1024×640 the sidebar leaves the page about 830 px: its buttons used to need more."""
    for code in ("en", "pl", "uk"):
        language(code)
        page = DuesPage(ctx)
        qtbot.addWidget(page)
        assert page.minimumSizeHint().width() <= 800, (code, page.minimumSizeHint())


@pytest.mark.parametrize("code", ["en", "pl", "uk"])
def test_the_state_column_shows_its_whole_word(qtbot, ctx: AppContext, language, code: str) -> None:
    language(code)
    page = DuesPage(ctx)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    page.wait_until_loaded()
    qtbot.waitUntil(lambda: page.data is not None)
    table, model = page.body.table, page.model
    metrics = table.fontMetrics()
    for row in range(model.rowCount()):
        word = model.index(row, 3).data()
        icon = 16 if model.index(row, 3).data(Qt.ItemDataRole.DecorationRole) is not None else 0
        assert metrics.horizontalAdvance(word) + icon + 12 <= table.columnWidth(3), (code, word)
    statuses = {model.index(row, 5).data() for row in range(model.rowCount())}
    assert "active" not in statuses  # the member's status in the reader's language


def test_month_labels_never_run_into_each_other(qtbot, language) -> None:
    metrics = QFontMetrics(QFont())
    language("uk")
    slot = 30.0  # a 1024 px window gives each of the twelve months about this
    labels = month_labels(MONTHS, metrics.horizontalAdvance, slot)
    assert all(metrics.horizontalAdvance(label) <= slot - 4 for label in labels), labels
    language("en")
    wide = month_labels(MONTHS, metrics.horizontalAdvance, 80.0)
    assert wide[0] == "Dec 25" and wide[1] == "Jan 26" and wide[2] == "Feb"


def test_the_standing_arrives_sorted_and_filters_without_sorting_again(qtbot, ctx: AppContext,
                                                                      monkeypatch) -> None:
    """20,000 names on a shared database took the window 60 ms to sort; the worker sorts them."""
    import threading

    from communitydesk.gui.common import row_model

    made_on: list[str] = []
    real = row_model.collation_key
    monkeypatch.setattr(row_model, "collation_key",
                        lambda text: made_on.append(threading.current_thread().name) or real(text))
    page = DuesPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.wait_until_loaded()
    qtbot.waitUntil(lambda: page.data is not None)
    names = [page.model.index(r, 0).data() for r in range(page.model.rowCount())]
    assert names == sorted(names, key=real) and len(names) == 4
    assert made_on and threading.main_thread().name not in made_on
    made_on.clear()
    page.search.setText("a")  # Zoë Adams, Ana Silva, Ivan Petrov, Łukasz Nowak: all have an "a"
    page.state.setCurrentIndex(page.state.findData("lapsed"))
    page.search.clear()
    assert made_on == [] and page.model.rowCount() >= 1
