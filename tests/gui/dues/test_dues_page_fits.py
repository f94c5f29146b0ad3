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
