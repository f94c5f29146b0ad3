"""#21 item 7: one neutralising function; XLSX holds text as string cells with no apostrophe."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from communitydesk.io.sheet_writer import TableWriter, neutralise
from communitydesk.services.members import export as member_export


def test_one_function_csv_gets_the_apostrophe_xlsx_does_not() -> None:
    assert member_export.neutralise is neutralise
    assert neutralise("-5 Smith") == "'-5 Smith"
    assert neutralise("=1+1", fmt="xlsx") == "=1+1"
    assert neutralise("+44 7700 900123", column="phone") == "+44 7700 900123"
    assert "\x07" not in (neutralise("a\x07b", fmt="xlsx") or "")  # XML cannot hold a BEL


def test_table_writer_xlsx_writes_formula_text_as_string_cells(tmp_path: Path) -> None:
    out = tmp_path / "t.xlsx"
    with TableWriter(out, "xlsx", headers=["name", "n"]) as w:
        w.write_rows([(neutralise("=HYPERLINK(\"x\")", fmt="xlsx"), 1), (neutralise("-5 Smith", fmt="xlsx"), 2)])
    sheet = openpyxl.load_workbook(out).active
    cells = [sheet["A2"], sheet["A3"]]
    assert [c.value for c in cells] == ["=HYPERLINK(\"x\")", "-5 Smith"]
    assert all(c.data_type == "s" for c in cells)
