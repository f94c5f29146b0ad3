"""Long tables are measured in one pass (pdf/row_heights.py) and come out exactly as ReportLab
measures them: the same row heights, the same page breaks, the same words on every page."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.platypus import LongTable

from communitydesk.pdf import theme
from communitydesk.pdf.layout import PageSetup, build_document, long_table, styles, text
from communitydesk.pdf.row_heights import MeasuredHeights
from tests.pdf.poppler import page_count, pages

LONG_NAME = "Maria Magdalena Konstantynopolitańczykowianeczka-Wiśniewska " * 3  # wraps in its cell


def _rows(count: int) -> list[list[object]]:
    rows: list[list[object]] = [["No.", "Name", "Signature"]]
    rows += [[i, LONG_NAME if i % 97 == 0 else f"Ann Lee {i}", ""] for i in range(1, count + 1)]
    return rows


def _table(count: int):  # noqa: ANN202 - a theme._SplittingTable
    page = PageSetup()
    st = styles()
    return long_table(_rows(count), page.col_widths(1, 8, 5), cell_styles=[st.cell_right, None, None],
                      plain_columns=(0, 2), plain_when_fits=(1,))


def test_heights_are_reportlab_s_own_row_for_row() -> None:
    ours, theirs = _table(1500), _table(1500)
    width, height = PageSetup().content_width, PageSetup().content_height
    ours.wrap(width, height)
    LongTable.wrap(theirs, width, height)  # the same table measured by ReportLab alone
    LongTable._calc_height(theirs, height, width)
    ours._calc_height(height, width)
    assert type(ours._rowHeights) is list  # a plain list again, for splitting
    assert ours._rowHeights == theirs._rowHeights
    assert ours._height == theirs._height and ours._hmax == theirs._hmax
    assert max(ours._rowHeights) > min(ours._rowHeights)  # the long names did wrap


def test_a_long_sheet_breaks_on_the_same_rows_as_reportlab_s(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    def build(name: str) -> list[str]:
        pdf = tmp_path / name
        count = build_document(pdf, [text("Sign in", styles().body), _table(3000)],
                               group_name="Riverside", title="Sign-in sheet")
        assert page_count(pdf) == count
        return pages(pdf, layout=True)

    ours = build("ours.pdf")
    monkeypatch.setattr(theme._SplittingTable, "_calc_height", LongTable._calc_height)  # ReportLab alone
    theirs = build("theirs.pdf")
    assert len(ours) > 40
    assert ours == theirs  # every page: the same rows, in the same places


def test_measured_heights_answer_as_a_list_would() -> None:
    heights = MeasuredHeights([10.0, None, None, 5.0, None])
    assert None in heights and heights.index(None) == 1
    heights[1] = 2.0
    assert heights.index(None) == 2
    assert heights[:2] == [12.0]  # only ever summed: sum(H[:i + 1])
    heights[2] = 3.0
    assert sum(heights[:4]) == 20.0 and heights.index(None) == 4
    heights[4] = 1.0
    assert None not in heights
    with pytest.raises(ValueError):
        heights.index(None)
    copy = heights[:]
    assert isinstance(copy, MeasuredHeights) and list(copy) == [10.0, 2.0, 3.0, 5.0, 1.0]
    heights[0] = 0.0  # an earlier row changed: the running total starts again
    assert heights[:2] == [2.0]
